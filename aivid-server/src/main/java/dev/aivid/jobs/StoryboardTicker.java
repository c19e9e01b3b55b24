package dev.aivid.jobs;

import dev.aivid.support.PeriodicTask;

/** Fans storyboards in on this node: a bounded batch every half second, leased so one node does each. */
public final class StoryboardTicker implements AutoCloseable {
  private static final long PERIOD_MILLIS = 500;
  private static final int BATCH = 4;
  private static final long LEASE_MILLIS = 120_000;

  private final PeriodicTask task;

  public StoryboardTicker(StoryboardService storyboards) {
    this.task =
        new PeriodicTask("storyboard-ticker", PERIOD_MILLIS, () -> storyboards.advanceDue(BATCH, LEASE_MILLIS));
  }

  public void start() {
    task.start();
  }

  @Override
  public void close() {
    task.close();
  }
}
