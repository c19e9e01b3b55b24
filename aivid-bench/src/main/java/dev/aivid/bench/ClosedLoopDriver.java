package dev.aivid.bench;

import java.time.Duration;
import java.util.ArrayList;
import dev.aivid.support.Ids;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code clients} virtual threads, each placing hold after hold (a closed loop: a client waits
 * for its hold before asking for the next), for a warm-up and then a measured window. A hold counts
 * when it completes inside the window; its latency is the {@link HoldPath#hold} call. Hold ids are
 * made as the gateway makes them ({@code hold_} and a video id's 32 time-ordered hex digits), or,
 * to see what random ids would cost, 32 random digits that land all over the primary-key index.
 */
final class ClosedLoopDriver {
  /** Told, from the driver's own thread, when the measured window opens and closes. */
  interface Window {
    void opened();

    void closed();
  }

  /** What the clients saw in the measured window. Latencies are in microseconds. */
  record Outcome(
      long[] latenciesMicros, long errors, long errorsOutsideWindow, @Nullable String firstError) {}

  private ClosedLoopDriver() {}

  static Outcome run(
      HoldPath path,
      int clients,
      Duration warmup,
      Duration measure,
      boolean randomIds,
      Window window) {
    // A short lead lets every client start before the warm-up clock runs.
    long startNanos = System.nanoTime() + 20_000_000L;
    long measureStart = startNanos + warmup.toNanos();
    long measureEnd = measureStart + measure.toNanos();
    List<LongSamples> latencies = new ArrayList<>(clients);
    int expectedPerClient = 1024;
    for (int client = 0; client < clients; client++) {
      latencies.add(new LongSamples(expectedPerClient));
    }
    AtomicLong errors = new AtomicLong();
    AtomicLong errorsOutside = new AtomicLong();
    AtomicReference<@Nullable String> firstError = new AtomicReference<>();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int client = 0; client < clients; client++) {
        LongSamples mine = latencies.get(client);
        executor.execute(
            () -> {
              sleepUntil(startNanos);
              while (true) {
                long before = System.nanoTime();
                if (before - measureEnd >= 0) {
                  return;
                }
                boolean granted;
                String error = null;
                try {
                  granted = path.hold(randomIds ? randomHoldId() : gatewayHoldId());
                  if (!granted) {
                    error = path.name() + " refused a hold";
                  }
                } catch (Exception e) {
                  granted = false;
                  error = e.toString();
                }
                long after = System.nanoTime();
                boolean inWindow = after - measureStart >= 0 && after - measureEnd < 0;
                if (granted) {
                  if (inWindow) {
                    mine.add((after - before) / 1_000);
                  }
                } else {
                  (inWindow ? errors : errorsOutside).incrementAndGet();
                  firstError.compareAndSet(null, error);
                }
              }
            });
      }
      sleepUntil(measureStart);
      window.opened();
      sleepUntil(measureEnd);
      window.closed();
      // Closing the executor waits for the holds still in flight; they fall outside the window.
    }
    return new Outcome(
        LongSamples.concat(latencies), errors.get(), errorsOutside.get(), firstError.get());
  }

  /** {@code hold_} and 32 random hex digits, the shape of the gateway's hold ids. */
  static String randomHoldId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    HexFormat hex = HexFormat.of();
    return "hold_" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong());
  }

  /** A hold id as the gateway makes one: {@code hold_} and the video id's time-ordered digits. */
  static String gatewayHoldId() {
    return new Ids(ThreadLocalRandom.current()).timeOrdered("hold", 32);
  }

  static void sleepUntil(long deadlineNanos) {
    long remaining;
    while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(remaining);
    }
  }
}
