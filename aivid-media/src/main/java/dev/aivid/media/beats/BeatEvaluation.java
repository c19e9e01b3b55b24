package dev.aivid.media.beats;

import java.util.Objects;

/**
 * Beat-tracking accuracy as mir_eval's {@code beat} module: the F-measure of a maximum one-to-one matching of
 * estimated to reference beats within ±70 ms, after {@code evaluate()}'s trimming of beats before 5 s.
 */
public final class BeatEvaluation {

  /** mir_eval {@code f_measure_threshold=0.07}; MIREX's "±70ms window". */
  public static final double DEFAULT_WINDOW_SECONDS = 0.07;

  /** mir_eval {@code trim_beats(min_beat_time=5.0)}, applied by {@code evaluate()} to both sequences. */
  public static final double DEFAULT_MIN_BEAT_TIME_SECONDS = 5.0;

  private BeatEvaluation() {}

  /** mir_eval {@code evaluate()["F-measure"]}: both sequences trimmed before 5 s, window 70 ms. */
  public static double evaluateFMeasure(double[] referenceBeats, double[] estimatedBeats) {
    return fMeasure(trimBeats(referenceBeats), trimBeats(estimatedBeats), DEFAULT_WINDOW_SECONDS);
  }

  public static double fMeasure(double[] referenceBeats, double[] estimatedBeats) {
    return fMeasure(referenceBeats, estimatedBeats, DEFAULT_WINDOW_SECONDS);
  }

  /**
   * 2PR/(P+R) with P = matches / estimates, R = matches / references; 0 if either is empty. Both sequences must be
   * ascending (mir_eval's {@code validate_events} demands it).
   */
  public static double fMeasure(double[] referenceBeats, double[] estimatedBeats, double windowSeconds) {
    int matches = matchCount(referenceBeats, estimatedBeats, windowSeconds);
    if (referenceBeats.length == 0 || estimatedBeats.length == 0 || matches == 0) {
      return 0.0;
    }
    double precision = matches / (double) estimatedBeats.length;
    double recall = matches / (double) referenceBeats.length;
    return 2 * precision * recall / (precision + recall);
  }

  /**
   * Size of a maximum matching where reference r and estimate e may pair when {@code e - window <= r <= e + window}
   * (mir_eval's {@code _fast_hit_windows} comparisons, kept verbatim so that boundary cases agree).
   *
   * <p>mir_eval runs Hopcroft–Karp on that graph. Here a greedy sweep is exact because the graph is a convex bipartite
   * graph whose intervals are monotone: every estimate sees a contiguous run of sorted references, and both ends of the
   * run move right as the estimate does. Taking estimates in ascending order (which is ascending order of their right
   * ends) and giving each the leftmost still-free reference it can reach is Glover's rule for convex bipartite graphs:
   * any maximum matching can be rewritten step by step into this one, because a reference skipped over lies left of
   * every later estimate's window, and the leftmost free reachable one is the one no later estimate needs more.
   */
  public static int matchCount(double[] referenceBeats, double[] estimatedBeats, double windowSeconds) {
    Objects.requireNonNull(referenceBeats, "referenceBeats");
    Objects.requireNonNull(estimatedBeats, "estimatedBeats");
    if (!(windowSeconds >= 0)) {
      throw new IllegalArgumentException("windowSeconds must be non-negative, was " + windowSeconds);
    }
    requireAscending("referenceBeats", referenceBeats);
    requireAscending("estimatedBeats", estimatedBeats);
    int matches = 0;
    int reference = 0;
    for (double estimate : estimatedBeats) {
      double low = estimate - windowSeconds;
      double high = estimate + windowSeconds;
      while (reference < referenceBeats.length && referenceBeats[reference] < low) {
        reference++;
      }
      if (reference < referenceBeats.length && referenceBeats[reference] <= high) {
        matches++;
        reference++;
      }
    }
    return matches;
  }

  /** mir_eval {@code trim_beats}: the beats at or after 5 s. */
  public static double[] trimBeats(double[] beats) {
    return trimBeats(beats, DEFAULT_MIN_BEAT_TIME_SECONDS);
  }

  /** The beats at or after {@code minBeatTimeSeconds}, in their order. */
  public static double[] trimBeats(double[] beats, double minBeatTimeSeconds) {
    Objects.requireNonNull(beats, "beats");
    int kept = 0;
    for (double beat : beats) {
      kept += beat >= minBeatTimeSeconds ? 1 : 0;
    }
    double[] result = new double[kept];
    int j = 0;
    for (double beat : beats) {
      if (beat >= minBeatTimeSeconds) {
        result[j++] = beat;
      }
    }
    return result;
  }

  private static void requireAscending(String name, double[] beats) {
    for (int i = 0; i < beats.length; i++) {
      if (!Double.isFinite(beats[i]) || beats[i] < 0) {
        throw new IllegalArgumentException(name + " must be finite and non-negative, was " + beats[i]);
      }
      if (i > 0 && beats[i] < beats[i - 1]) {
        throw new IllegalArgumentException(name + " must be ascending, but " + beats[i] + " follows " + beats[i - 1]);
      }
    }
  }
}
