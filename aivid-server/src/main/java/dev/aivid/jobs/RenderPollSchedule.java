package dev.aivid.jobs;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When to poll a render next, from what the provider's percent has done so far on this node.
 *
 * <ul>
 *   <li>Every 300 ms while the render moves.
 *   <li>Once the provider has shown the same percent three polls in a row (a render queued behind
 *       the account's concurrency limit, or a provider that reports no progress), each further
 *       poll waits 1.5 times longer, up to 2 s: a thousand renders queued at a provider otherwise
 *       cost over three thousand polls a second, and finished renders waited behind them.
 *   <li>When the percent's pace since it started moving says the render ends before the next
 *       300 ms poll, the next poll comes just after that predicted end instead (at least 50 ms
 *       away, at most twice per render): a finished render otherwise waits 150 ms on average for
 *       its poll, and its provider slot with it.
 * </ul>
 *
 * The history lives on this node only: a job polled elsewhere starts again at 300 ms.
 */
final class RenderPollSchedule {
  static final long POLL_MILLIS = 300;
  static final long MAX_POLL_MILLIS = 2_000;
  static final long MIN_EARLY_POLL_MILLIS = 50;
  /** How long after the predicted end the early poll comes, for a provider's own rounding. */
  static final long AFTER_PREDICTED_END_MILLIS = 25;
  static final int MAX_EARLY_POLLS = 2;
  private static final int POLLS_BEFORE_BACKOFF = 3;
  private static final int MAX_TRACKED_RENDERS = 100_000;

  private final InstantSource clock;
  private final Map<String, Track> tracks = new ConcurrentHashMap<>();

  RenderPollSchedule(InstantSource clock) {
    this.clock = clock;
  }

  /** Milliseconds until the next poll of a render the provider just reported at {@code percent}. */
  long nextPollMillis(String jobId, int percent) {
    if (tracks.size() > MAX_TRACKED_RENDERS) {
      tracks.clear();
    }
    long now = clock.millis();
    Track track = tracks.merge(jobId, Track.first(percent, now), (before, first) -> before.seen(percent, now));
    int backoffs = Math.max(0, track.unchanged() - (POLLS_BEFORE_BACKOFF - 1));
    if (backoffs > 0) {
      return (long) Math.min(MAX_POLL_MILLIS, POLL_MILLIS * Math.pow(1.5, backoffs));
    }
    long untilEnd = track.millisUntilEnd(now);
    if (untilEnd >= 0 && untilEnd + AFTER_PREDICTED_END_MILLIS < POLL_MILLIS && track.earlyPolls() < MAX_EARLY_POLLS) {
      tracks.computeIfPresent(jobId, (id, current) -> current.withEarlyPoll());
      return Math.max(MIN_EARLY_POLL_MILLIS, untilEnd + AFTER_PREDICTED_END_MILLIS);
    }
    return POLL_MILLIS;
  }

  /** The render left the provider (done, failed, lost): nothing more to predict. */
  void forget(String jobId) {
    tracks.remove(jobId);
  }

  int tracked() {
    return tracks.size();
  }

  /**
   * @param startPercent the first percent seen above zero (or zero, until one is)
   * @param startMillis when it was seen
   */
  private record Track(int startPercent, long startMillis, int percent, int unchanged, int earlyPolls) {
    static Track first(int percent, long now) {
      return new Track(percent, now, percent, 1, 0);
    }

    Track seen(int newPercent, long now) {
      if (newPercent == percent) {
        return new Track(startPercent, startMillis, percent, unchanged + 1, earlyPolls);
      }
      // Time spent queued at 0 % says nothing about the render's pace: measure from its start.
      return percent == 0
          ? new Track(newPercent, now, newPercent, 1, earlyPolls)
          : new Track(startPercent, startMillis, newPercent, 1, earlyPolls);
    }

    Track withEarlyPoll() {
      return new Track(startPercent, startMillis, percent, unchanged, earlyPolls + 1);
    }

    /** Predicted milliseconds until 100 %, or -1 without a pace to go by. */
    long millisUntilEnd(long now) {
      long elapsedMillis = now - startMillis;
      int progressed = percent - startPercent;
      if (elapsedMillis <= 0 || progressed <= 0 || percent >= 100) {
        return -1;
      }
      return (100L - percent) * elapsedMillis / progressed;
    }
  }
}
