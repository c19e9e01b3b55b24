package dev.aivid.media.beats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/** The sweep of {@link BeatEvaluation#matchCount} against a general maximum bipartite matching. */
class BeatEvaluationPropertiesTest {

  /** Times on a coarse 10 ms grid, so that many estimates compete for the same references. */
  @Property(tries = 2000)
  void sweepFindsAMaximumMatching(
      @ForAll @Size(max = 25) List<@DoubleRange(min = 0, max = 2) Double> references,
      @ForAll @Size(max = 25) List<@DoubleRange(min = 0, max = 2) Double> estimates,
      @ForAll @DoubleRange(min = 0.01, max = 0.3) double window) {
    double[] reference = onGrid(references);
    double[] estimated = onGrid(estimates);

    int sweep = BeatEvaluation.matchCount(reference, estimated, window);

    assertThat(sweep).isEqualTo(augmentingPathMaximum(reference, estimated, window));
  }

  /** At exactly ±window mir_eval's comparisons (e - w <= r <= e + w) round differently each way; such pairs are skipped. */
  @Property(tries = 500)
  void fMeasureIsSymmetricAndWithinZeroAndOne(
      @ForAll @Size(max = 30) List<@DoubleRange(min = 0, max = 10) Double> references,
      @ForAll @Size(max = 30) List<@DoubleRange(min = 0, max = 10) Double> estimates) {
    double[] reference = references.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] estimated = estimates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Assume.that(noPairAtTheWindowEdge(reference, estimated));

    double forward = BeatEvaluation.fMeasure(reference, estimated);

    assertThat(forward).isBetween(0.0, 1.0);
    assertThat(forward).isCloseTo(BeatEvaluation.fMeasure(estimated, reference), within(1e-15));
  }

  private static boolean noPairAtTheWindowEdge(double[] reference, double[] estimated) {
    for (double r : reference) {
      for (double e : estimated) {
        if (Math.abs(Math.abs(r - e) - BeatEvaluation.DEFAULT_WINDOW_SECONDS) < 1e-9) {
          return false;
        }
      }
    }
    return true;
  }

  private static double[] onGrid(List<Double> values) {
    double[] array = values.stream().mapToDouble(value -> Math.round(value * 100) / 100.0).toArray();
    Arrays.sort(array);
    return array;
  }

  /** Kuhn's augmenting paths over the same edges mir_eval builds (e - w <= r <= e + w). */
  private static int augmentingPathMaximum(double[] reference, double[] estimated, double window) {
    int[] matchOfReference = new int[reference.length];
    Arrays.fill(matchOfReference, -1);
    int matches = 0;
    for (int e = 0; e < estimated.length; e++) {
      if (augment(e, reference, estimated, window, matchOfReference, new boolean[reference.length])) {
        matches++;
      }
    }
    return matches;
  }

  private static boolean augment(
      int e, double[] reference, double[] estimated, double window, int[] matchOfReference, boolean[] visited) {
    for (int r = 0; r < reference.length; r++) {
      boolean edge = reference[r] >= estimated[e] - window && reference[r] <= estimated[e] + window;
      if (edge && !visited[r]) {
        visited[r] = true;
        if (matchOfReference[r] < 0 || augment(matchOfReference[r], reference, estimated, window, matchOfReference, visited)) {
          matchOfReference[r] = e;
          return true;
        }
      }
    }
    return false;
  }
}
