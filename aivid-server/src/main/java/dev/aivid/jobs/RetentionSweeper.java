package dev.aivid.jobs;

import dev.aivid.database.AdvisoryLock;
import dev.aivid.support.PeriodicTask;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes videos past their retention ({@code AIVID_VIDEO_RETENTION_DAYS}): every node runs the
 * sweeper, one node at a time sweeps (an advisory lock), in bounded batches.
 */
public final class RetentionSweeper implements AutoCloseable {
  /** Beside the hold-expiry sweep's lock ("aivid" 01). */
  static final long SWEEP_LOCK = 0x6169766964_02L;

  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
  private static final int BATCH = 100;
  private static final int MAX_BATCHES_PER_SWEEP = 50;

  private final VideoService videos;
  private final Jdbi jdbi;
  private final PeriodicTask task;

  public RetentionSweeper(VideoService videos, Jdbi jdbi, long periodMillis) {
    this.videos = videos;
    this.jdbi = jdbi;
    this.task =
        new PeriodicTask(
            "retention-sweeper",
            periodMillis,
            () -> {
              int deleted = sweepUnlessSweptElsewhere().orElse(0);
              if (deleted > 0) {
                LOG.info("Deleted {} videos past their retention", deleted);
              }
            });
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
    task.start();
  }

  @Override
  public void close() {
    task.close();
  }
}
