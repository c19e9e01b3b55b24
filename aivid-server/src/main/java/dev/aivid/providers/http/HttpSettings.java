package dev.aivid.providers.http;

/**
 * Bounds of one provider's HTTP client.
 *
 * @param maxAttempts calls per request, the first included (1 = no retry)
 * @param maxInCallWaitMillis the longest a retry waits inside one call; a longer Retry-After ends
 *     the call and the job worker reschedules the step instead of holding a thread
 * @param stallIdleMillis a result download that delivers no byte for this long is abandoned
 */
public record HttpSettings(
    long connectTimeoutMillis,
    long requestTimeoutMillis,
    long downloadTimeoutMillis,
    int maxAttempts,
    long baseBackoffMillis,
    long maxBackoffMillis,
    long maxInCallWaitMillis,
    long maxResponseBytes,
    long stallIdleMillis) {
  public HttpSettings {
    if (stallIdleMillis <= 0) {
      throw new IllegalArgumentException("stallIdleMillis must be positive");
    }
    if (connectTimeoutMillis <= 0 || requestTimeoutMillis <= 0 || downloadTimeoutMillis <= 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be 1..10");
    }
    if (baseBackoffMillis <= 0 || maxBackoffMillis < baseBackoffMillis || maxInCallWaitMillis < 0) {
      throw new IllegalArgumentException("backoff bounds are inconsistent");
    }
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("maxResponseBytes must be at least 1 KiB");
    }
  }

  /** The settings with the default 30 s download stall timeout. */
  public HttpSettings(
      long connectTimeoutMillis,
      long requestTimeoutMillis,
      long downloadTimeoutMillis,
      int maxAttempts,
      long baseBackoffMillis,
      long maxBackoffMillis,
      long maxInCallWaitMillis,
      long maxResponseBytes) {
    this(
        connectTimeoutMillis,
        requestTimeoutMillis,
        downloadTimeoutMillis,
        maxAttempts,
        baseBackoffMillis,
        maxBackoffMillis,
        maxInCallWaitMillis,
        maxResponseBytes,
        30_000);
  }

  /** Production defaults: 5 s connect, 30 s per call, 10 min per download, 3 attempts. */
  public static HttpSettings defaults() {
    return new HttpSettings(5_000, 30_000, 600_000, 3, 250, 4_000, 5_000, 8L * 1024 * 1024);
  }
}
