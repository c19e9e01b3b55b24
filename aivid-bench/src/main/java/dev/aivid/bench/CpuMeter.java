package dev.aivid.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * CPU time of the machine, of this JVM and of the embedded PostgreSQL (its postmaster and every
 * backend), read from /proc at the edges of a window. Linux only; elsewhere the shares are NaN.
 */
final class CpuMeter {
  /** USER_HZ: the unit of /proc jiffies on every Linux architecture AIVid runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  record Snapshot(
      long wallNanos,
      long machineBusyTicks,
      long machineTotalTicks,
      long jvmCpuNanos,
      long postgresTicks) {}

  /** Shares of the whole machine (1.0 = every core busy) over a window. */
  record Usage(double machine, double jvm, double postgres) {
    static final Usage UNKNOWN = new Usage(Double.NaN, Double.NaN, Double.NaN);
  }

  private final @Nullable Path postmasterPidFile;
  private final int cores = Runtime.getRuntime().availableProcessors();

  CpuMeter(@Nullable Path postmasterPidFile) {
    this.postmasterPidFile = postmasterPidFile;
  }

  Snapshot snapshot() {
    long[] machine = machineTicks();
    return new Snapshot(System.nanoTime(), machine[0], machine[1], jvmCpuNanos(), postgresTicks());
  }

  Usage between(Snapshot start, Snapshot end) {
    double wallSeconds = (end.wallNanos() - start.wallNanos()) / 1e9;
    if (wallSeconds <= 0) {
      return Usage.UNKNOWN;
    }
    long total = end.machineTotalTicks() - start.machineTotalTicks();
    double machine =
        start.machineTotalTicks() < 0 || total <= 0
            ? Double.NaN
            : (end.machineBusyTicks() - start.machineBusyTicks()) / (double) total;
    double jvm =
        start.jvmCpuNanos() < 0
            ? Double.NaN
            : (end.jvmCpuNanos() - start.jvmCpuNanos()) / 1e9 / wallSeconds / cores;
    double postgres =
        start.postgresTicks() < 0 || end.postgresTicks() < 0
            ? Double.NaN
            : (end.postgresTicks() - start.postgresTicks())
                / TICKS_PER_SECOND
                / wallSeconds
                / cores;
    return new Usage(machine, jvm, postgres);
  }

  /** Busy and total jiffies over all cores, or -1s. Busy excludes idle and I/O wait. */
  static long[] machineTicks() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
      Optional<String> cpu = lines.filter(line -> line.startsWith("cpu ")).findFirst();
      if (cpu.isEmpty()) {
        return new long[] {-1, -1};
      }
      return parseCpuLine(cpu.get());
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  /** {@code cpu user nice system idle iowait irq softirq steal [guest guest_nice]}. */
  static long[] parseCpuLine(String line) {
    String[] fields = line.trim().split("\\s+");
    long total = 0;
    // Guest time is already counted in user time, so only the first eight fields add up.
    for (int index = 1; index <= Math.min(8, fields.length - 1); index++) {
      total += Long.parseLong(fields[index]);
    }
    long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
    return new long[] {total - idle, total};
  }

  private static long jvmCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private long postgresTicks() {
    if (postmasterPidFile == null) {
      return -1;
    }
    try {
      List<String> lines = Files.readAllLines(postmasterPidFile);
      long postmaster = Long.parseLong(lines.getFirst().trim());
      long ticks = processTicks(postmaster);
      if (ticks < 0) {
        return -1;
      }
      for (ProcessHandle child :
          ProcessHandle.of(postmaster)
              .map(ProcessHandle::children)
              .orElse(Stream.empty())
              .toList()) {
        ticks += Math.max(0, processTicks(child.pid()));
      }
      return ticks;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** utime + stime of one process, or -1. */
  static long processTicks(long pid) {
    try {
      return parseProcessStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Fields 14 and 15 of /proc/PID/stat, counted after the parenthesised command name. */
  static long parseProcessStat(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
