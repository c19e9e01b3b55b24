package dev.aivid.providers.http;

import java.time.Duration;

/** Waits between retries; injected so tests record the waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  static Sleeper system() {
    return duration -> Thread.sleep(duration);
  }
}
