package dev.aivid.bench;

import java.util.Arrays;

/**
 * Exact percentiles of one round's latencies. Nearest-rank: the p-th percentile is the smallest
 * sample with at least p% of the samples at or below it, so it is always an observed value.
 */
public record LatencySummary(int sampleCount, long p50Micros, long p99Micros, long maximumMicros) {

  public static LatencySummary of(long[] latenciesMicros) {
    if (latenciesMicros.length == 0) {
      return new LatencySummary(0, 0, 0, 0);
    }
    long[] sorted = latenciesMicros.clone();
    Arrays.sort(sorted);
    return new LatencySummary(
        sorted.length,
        percentile(sorted, 50),
        percentile(sorted, 99),
        sorted[sorted.length - 1]);
  }

  static long percentile(long[] sorted, double percent) {
    // The epsilon keeps binary rounding (99.9 / 100 * 1000 = 999.0000000000001) off the next rank.
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length - 1e-9);
    return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
  }
}
