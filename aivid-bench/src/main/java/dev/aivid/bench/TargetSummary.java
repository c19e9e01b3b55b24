package dev.aivid.bench;

import java.util.Arrays;
import java.util.List;

/**
 * One target over all its rounds: the median of the rounds' percentiles, so one round disturbed
 * by a GC or a noisy neighbour does not decide the result, and errors summed over every round.
 */
public record TargetSummary(
    String targetName,
    int rateRequestsPerSecond,
    int roundCount,
    double p50Micros,
    double p99Micros,
    double sendLagP99Micros,
    int errorCount) {

  public static TargetSummary of(
      String targetName, int rateRequestsPerSecond, List<RoundResult> rounds) {
    return new TargetSummary(
        targetName,
        rateRequestsPerSecond,
        rounds.size(),
        median(rounds.stream().mapToLong(round -> round.latency().p50Micros()).toArray()),
        median(rounds.stream().mapToLong(round -> round.latency().p99Micros()).toArray()),
        median(rounds.stream().mapToLong(round -> round.sendLag().p99Micros()).toArray()),
        rounds.stream().mapToInt(RoundResult::errorCount).sum());
  }

  /** The middle value, or the mean of the two middle values for an even count. */
  static double median(long[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
  }
}
