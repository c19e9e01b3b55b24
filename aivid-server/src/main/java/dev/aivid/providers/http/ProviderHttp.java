package dev.aivid.providers.http;

import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One provider's outbound HTTP: one {@link HttpClient} with explicit timeouts, a bounded number of
 * attempts with exponential backoff and full jitter, {@code Retry-After} honoured (seconds or an
 * HTTP date), and a circuit breaker. Thread-safe; shared by every adapter of the provider.
 *
 * <p>Only calls that are safe to repeat are retried after a transport failure: a create that timed
 * out may have been accepted, so it is not sent again blindly (the job worker decides). A 429 or
 * 5xx means the request was not accepted, so it is retried whatever the method.
 */
public final class ProviderHttp {
  private static final String USER_AGENT = "AIVid/0.1 (+https://github.com/aivid)";

  private final String provider;
  private final HttpSettings settings;
  private final CircuitBreaker breaker;
  private final Sleeper sleeper;
  private final RandomGenerator random;
  private final InstantSource clock;
  private final HttpClient client;

  public ProviderHttp(
      String provider,
      HttpSettings settings,
      CircuitBreaker breaker,
      Sleeper sleeper,
      RandomGenerator random,
      InstantSource clock) {
    this.provider = provider;
    this.settings = settings;
    this.breaker = breaker;
    this.sleeper = sleeper;
    this.random = random;
    this.clock = clock;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(settings.connectTimeoutMillis()))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public String provider() {
    return provider;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  public HttpSettings settings() {
    return settings;
  }

  /** A request builder with this provider's timeout and user agent set. */
  public HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofMillis(settings.requestTimeoutMillis()))
        .header("User-Agent", USER_AGENT);
  }

  /**
   * Sends the request, retrying within the bounds. Success carries any HTTP answer, 4xx and 5xx
   * included (a final 429/5xx after the last attempt, with its Retry-After); a transport failure
   * is no answer at all; an open circuit is a {@code provider_circuit_open} error.
   *
   * @param repeatable true when sending twice does no harm (GET, DELETE, a create with a provider
   *     idempotency key): then a timeout or refused connection is retried too
   */
  public ProviderOutcome<HttpReply> send(HttpRequest request, boolean repeatable) {
    return send(request, repeatable, reply -> true);
  }

  /**
   * As {@link #send(HttpRequest, boolean)}, but a 429 or 5xx answer is retried only when {@code
   * worthRetrying} agrees: some providers answer 429 for an empty account, which no retry fixes.
   */
  public ProviderOutcome<HttpReply> send(
      HttpRequest request, boolean repeatable, java.util.function.Predicate<HttpReply> worthRetrying) {
    String lastFailure = "no attempt made";
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (!breaker.tryAcquire()) {
        return circuitOpen();
      }
      HttpReply reply;
      try {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream guarded = StallGuard.guard(response.body(), settings.requestTimeoutMillis(), settings.requestTimeoutMillis())) {
          body = readBounded(guarded);
        }
        reply =
            new HttpReply(
                response.statusCode(),
                response.headers(),
                body,
                retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
      } catch (HttpTimeoutException e) {
        breaker.recordFailure();
        lastFailure = provider + " did not answer within " + settings.requestTimeoutMillis() + " ms";
        if (!repeatable || !waitBeforeRetry(attempt, null)) {
          return new ProviderOutcome.TransportFailure<>(lastFailure);
        }
        continue;
      } catch (IOException e) {
        breaker.recordFailure();
        lastFailure = provider + " unreachable: " + describe(e);
        if (!repeatable || !waitBeforeRetry(attempt, null)) {
          return new ProviderOutcome.TransportFailure<>(lastFailure);
        }
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        breaker.recordNeutral();
        return new ProviderOutcome.TransportFailure<>("interrupted while calling " + provider);
      }
      if (reply.status() == 429) {
        breaker.recordNeutral();
      } else if (reply.status() >= 500) {
        breaker.recordFailure();
      } else if (reply.ok()) {
        breaker.recordSuccess();
      } else {
        breaker.recordNeutral();
      }
      boolean retryable =
          (reply.status() == 429 || reply.status() == 502 || reply.status() == 503 || reply.status() == 504
                  || (repeatable && reply.status() >= 500))
              && worthRetrying.test(reply);
      if (!retryable || !waitBeforeRetry(attempt, reply.retryAfter())) {
        return new ProviderOutcome.Success<>(reply);
      }
    }
    return new ProviderOutcome.TransportFailure<>(lastFailure);
  }

  /**
   * Streams a result file to {@code target}. A body shorter than its Content-Length (the connection
   * cut mid-download) is a transport failure and leaves no file behind; 403, 404 and 410 from a
   * result URL mean it expired ({@code provider_result_expired}).
   */
  public ProviderOutcome<Path> download(URI uri, Map<String, String> headers, Path target) {
    if (!breaker.tryAcquire()) {
      return circuitOpen();
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMillis(settings.downloadTimeoutMillis()))
            .header("User-Agent", USER_AGENT)
            .GET();
    headers.forEach(builder::header);
    try {
      HttpResponse<InputStream> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      if (status == 403 || status == 404 || status == 410) {
        response.body().close();
        breaker.recordNeutral();
        return new ProviderOutcome.ProviderError<>(
            410, ProviderErrorCodes.RESULT_EXPIRED, provider + " result URL answered " + status + " (expired or removed)", null);
      }
      if (status < 200 || status >= 300) {
        byte[] body = readBounded(response.body());
        if (status >= 500) {
          breaker.recordFailure();
        } else {
          breaker.recordNeutral();
        }
        return new ProviderOutcome.ProviderError<>(
            status,
            status >= 500 || status == 429 ? ProviderErrorCodes.UNAVAILABLE : ProviderErrorCodes.BAD_RESPONSE,
            provider + " download answered " + status + ": " + new HttpReply(status, response.headers(), body, null).excerpt(),
            retryAfter(response.headers().firstValue("Retry-After").orElse(null)));
      }
      OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
      long written;
      try (InputStream in = StallGuard.guard(response.body(), settings.stallIdleMillis(), settings.downloadTimeoutMillis());
          OutputStream out = Files.newOutputStream(target)) {
        written = in.transferTo(out);
      }
      if (declared.isPresent() && written != declared.getAsLong()) {
        Files.deleteIfExists(target);
        breaker.recordFailure();
        return new ProviderOutcome.TransportFailure<>(
            provider + " result cut off: got " + written + " of " + declared.getAsLong() + " bytes");
      }
      breaker.recordSuccess();
      return new ProviderOutcome.Success<>(target);
    } catch (IOException e) {
      deleteQuietly(target);
      breaker.recordFailure();
      return new ProviderOutcome.TransportFailure<>(provider + " download broke off: " + describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteQuietly(target);
      breaker.recordNeutral();
      return new ProviderOutcome.TransportFailure<>("interrupted while downloading from " + provider);
    }
  }

  private <T> ProviderOutcome<T> circuitOpen() {
    Duration remaining = breaker.remainingOpen();
    return new ProviderOutcome.ProviderError<>(
        503,
        ProviderErrorCodes.CIRCUIT_OPEN,
        provider + " failed repeatedly; calls paused for " + Math.max(1, remaining.toSeconds()) + " s",
        remaining.isZero() ? Duration.ofSeconds(1) : remaining);
  }

  /** Waits before the next attempt; false when there is none or the wait is too long to spend here. */
  private boolean waitBeforeRetry(int attempt, @Nullable Duration retryAfter) {
    if (attempt >= settings.maxAttempts()) {
      return false;
    }
    long ceiling = Math.min(settings.maxBackoffMillis(), settings.baseBackoffMillis() << Math.min(attempt - 1, 20));
    long jittered = random.nextLong(ceiling + 1);
    long waitMillis = retryAfter == null ? jittered : Math.max(retryAfter.toMillis(), jittered);
    if (waitMillis > settings.maxInCallWaitMillis()) {
      return false;
    }
    try {
      sleeper.sleep(Duration.ofMillis(waitMillis));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code Retry-After} as delay-seconds or an HTTP date; null when absent or unreadable. */
  @Nullable Duration retryAfter(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    try {
      long seconds = Long.parseLong(text);
      return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 86_400));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration delay = Duration.between(clock.instant(), at);
        return delay.isNegative() ? Duration.ZERO : delay;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private byte[] readBounded(InputStream body) throws IOException {
    try (body) {
      byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxResponseBytes() + 1));
      if (bytes.length > settings.maxResponseBytes()) {
        throw new IOException("response larger than " + settings.maxResponseBytes() + " bytes");
      }
      return bytes;
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A partial download left behind is swept with the tmp directory at startup.
    }
  }
}
