package dev.aivid.jobs;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans storyboards in on this node: a bounded batch every half second, leased so one node does each. */
public final class StoryboardTicker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoryboardTicker.class);
  private static final long PERIOD_MILLIS = 500;
  private static final int BATCH = 4;
  private static final long LEASE_MILLIS = 120_000;

  private final StoryboardService storyboards;
  private volatile boolean running;
  private @Nullable Thread thread;

  public StoryboardTicker(StoryboardService storyboards) {
    this.storyboards = storyboards;
  }

  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("storyboard-ticker").daemon().start(this::loop);
  }

  private void loop() {
    while (running) {
      try {
        storyboards.advanceDue(BATCH, LEASE_MILLIS);
      } catch (RuntimeException e) {
        LOG.warn("Storyboard fan-in failed; retrying", e);
      }
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    Thread current = thread;
    if (current != null) {
      current.interrupt();
      try {
        current.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
