package dev.aivid.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends requests on a fixed schedule, whatever the responses do. Request {@code n} is due at
 * {@code start + n / rate}; a fixed set of virtual threads, one HTTP/1.1 connection each at most,
 * take the next due request as soon as they are free. Latency counts from the due time, so a
 * stall that delays later sends is charged to them rather than hidden (no coordinated omission).
 */
final class OpenLoopDriver {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long NOT_MEASURED = -1;

  private final HttpClient client;
  private final int connections;

  OpenLoopDriver(HttpClient client, int connections) {
    this.client = client;
    this.connections = connections;
  }

  /**
   * Response handling runs on the client's selector thread instead of hopping to a worker pool:
   * each hop is a thread wake-up that adds to both targets alike, diluting the ratio, and the
   * bodies here are a few hundred bytes.
   */
  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .executor(Runnable::run)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  RoundResult run(
      String targetName,
      int round,
      HttpRequest request,
      int rateRequestsPerSecond,
      Duration duration) {
    int requestCount =
        Math.toIntExact(Math.max(1, duration.toMillis() * rateRequestsPerSecond / 1000));
    long[] latenciesMicros = new long[requestCount];
    long[] sendLagsMicros = new long[requestCount];
    Arrays.fill(latenciesMicros, NOT_MEASURED);
    AtomicLong nextRequest = new AtomicLong();
    AtomicInteger errors = new AtomicInteger();
    // A short lead lets every sender reach its first park before the first request is due.
    long startNanos = System.nanoTime() + 20_000_000L;
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int sender = 0; sender < connections; sender++) {
        senders.execute(
            () -> {
              long index;
              while ((index = nextRequest.getAndIncrement()) < requestCount
                  && !Thread.currentThread().isInterrupted()) {
                long dueNanos = startNanos + index * NANOS_PER_SECOND / rateRequestsPerSecond;
                parkUntil(dueNanos);
                int slot = (int) index;
                sendLagsMicros[slot] = (System.nanoTime() - dueNanos) / 1000;
                if (sendOnce(request)) {
                  latenciesMicros[slot] = (System.nanoTime() - dueNanos) / 1000;
                } else {
                  errors.incrementAndGet();
                }
              }
            });
      }
    }
    double elapsedSeconds = (System.nanoTime() - startNanos) / (double) NANOS_PER_SECOND;
    long[] successfulMicros =
        Arrays.stream(latenciesMicros).filter(value -> value != NOT_MEASURED).toArray();
    return new RoundResult(
        targetName,
        round,
        LatencySummary.of(successfulMicros),
        LatencySummary.of(sendLagsMicros),
        errors.get(),
        requestCount / elapsedSeconds);
  }

  private boolean sendOnce(HttpRequest request) {
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void parkUntil(long deadlineNanos) {
    long remainingNanos;
    while ((remainingNanos = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(remainingNanos);
    }
  }
}
