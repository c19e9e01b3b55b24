package dev.aivid.support;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs one bounded piece of work, then sleeps its period, until closed; a
 * failed run is logged and the next one tried. Closing interrupts the sleep and waits for the run.
 */
public final class PeriodicTask implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);
  private static final long CLOSE_WAIT_MILLIS = 10_000;

  private final String name;
  private final long periodMillis;
  private final Runnable work;
  private volatile boolean running;
  private @Nullable Thread thread;

  public PeriodicTask(String name, long periodMillis, Runnable work) {
    if (periodMillis < 1) {
      throw new IllegalArgumentException("periodMillis must be positive");
    }
    this.name = name;
    this.periodMillis = periodMillis;
    this.work = work;
  }

  public synchronized void start() {
    running = true;
    thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
  }

  private void loop() {
    while (running) {
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.warn("{} failed; trying again in {} ms", name, periodMillis, e);
      }
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    Thread current;
    synchronized (this) {
      current = thread;
    }
    if (current != null) {
      current.interrupt();
      try {
        current.join(CLOSE_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
