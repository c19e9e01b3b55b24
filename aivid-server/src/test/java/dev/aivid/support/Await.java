package dev.aivid.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition by re-checking it; fails with the last value seen, never sleeps blindly. */
public final class Await {
  private Await() {}

  public static <T> T until(Supplier<T> probe, Predicate<T> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = probe.get();
    while (!condition.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Condition not met within " + timeout + "; last value: " + last);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
      last = probe.get();
    }
    return last;
  }
}
