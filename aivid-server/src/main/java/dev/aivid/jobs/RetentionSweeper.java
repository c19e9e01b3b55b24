package dev.aivid.jobs;

import dev.aivid.database.AdvisoryLock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes videos past their retention ({@code AIVID_VIDEO_RETENTION_DAYS}): every node runs the
 * sweeper, one node at a time sweeps (an advisory lock), in bounded batches.
 */
public final class RetentionSweeper implements AutoCloseable {
  /** "aivid" + 2: the hold-expiry sweep is + 1. */
  static final long SWEEP_LOCK = 0x6169766964L + 2;

  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
  private static final int BATCH = 100;
  private static final int MAX_BATCHES_PER_SWEEP = 50;

  private final VideoService videos;
  private final Jdbi jdbi;
  private final long periodMillis;
  private volatile boolean running;
  private @Nullable Thread thread;

  public RetentionSweeper(VideoService videos, Jdbi jdbi, long periodMillis) {
    if (periodMillis < 1) {
      throw new IllegalArgumentException("periodMillis must be positive");
    }
    this.videos = videos;
    this.jdbi = jdbi;
    this.periodMillis = periodMillis;
  }

  /** One sweep unless another node is sweeping now (then empty): how many videos were deleted. */
  public Optional<Integer> sweepUnlessSweptElsewhere() {
    return AdvisoryLock.whileLocked(jdbi, SWEEP_LOCK, this::sweep);
  }

  private int sweep() {
    int total = 0;
    for (int batch = 0; batch < MAX_BATCHES_PER_SWEEP; batch++) {
      int deleted = videos.deleteExpired(BATCH);
      total += deleted;
      if (deleted < BATCH) {
        break;
      }
    }
    return total;
  }

  public void start() {
    running = true;
    thread = Thread.ofPlatform().name("retention-sweeper").daemon().start(this::loop);
  }

  private void loop() {
    while (running) {
      try {
        int deleted = sweepUnlessSweptElsewhere().orElse(0);
        if (deleted > 0) {
          LOG.info("Deleted {} videos past their retention", deleted);
        }
      } catch (RuntimeException e) {
        LOG.warn("Retention sweep failed; retrying", e);
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
