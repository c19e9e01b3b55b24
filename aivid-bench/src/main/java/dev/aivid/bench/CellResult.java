package dev.aivid.bench;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One path at one client count. {@code commits} is how many ledger commits notified the pool in the
 * window (-1 where not observed); CPU shares are of the whole machine (NaN where unknown); the
 * sequential scans of {@code credit_transfers} in the window are -1 where not observed.
 */
public record CellResult(
    String path,
    int clients,
    double seconds,
    long holds,
    long errors,
    long p50Micros,
    long p99Micros,
    long p999Micros,
    long maximumMicros,
    long commits,
    double machineCpu,
    double jvmCpu,
    double postgresCpu,
    long transferSequentialScans,
    long transferSequentialRows,
    @Nullable WriterProfile writerProfile) {

  static CellResult of(
      String path,
      int clients,
      double seconds,
      long[] latenciesMicros,
      long errors,
      long commits,
      double machineCpu,
      double jvmCpu,
      double postgresCpu,
      long transferSequentialScans,
      long transferSequentialRows,
      @Nullable WriterProfile writerProfile) {
    long[] sorted = latenciesMicros.clone();
    Arrays.sort(sorted);
    boolean none = sorted.length == 0;
    return new CellResult(
        path,
        clients,
        seconds,
        sorted.length,
        errors,
        none ? 0 : LatencySummary.percentile(sorted, 50),
        none ? 0 : LatencySummary.percentile(sorted, 99),
        none ? 0 : LatencySummary.percentile(sorted, 99.9),
        none ? 0 : sorted[sorted.length - 1],
        commits,
        machineCpu,
        jvmCpu,
        postgresCpu,
        transferSequentialScans,
        transferSequentialRows,
        writerProfile);
  }

  public double holdsPerSecond() {
    return seconds > 0 ? holds / seconds : Double.NaN;
  }

  /** Holds per commit, or NaN when commits were not observed. */
  public double holdsPerCommit() {
    return commits > 0 ? (double) holds / commits : Double.NaN;
  }

  public double commitsPerSecond() {
    return commits >= 0 && seconds > 0 ? commits / seconds : Double.NaN;
  }
}
