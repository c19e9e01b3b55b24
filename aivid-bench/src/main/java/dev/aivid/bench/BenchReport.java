package dev.aivid.bench;

import java.util.List;
import java.util.Locale;

/** The printed result: machine, load shape, the two-row table and the gateway/bare comparison. */
public record BenchReport(
    MachineFacts machine,
    BenchOptions options,
    int responseBytes,
    TargetSummary bare,
    TargetSummary gateway,
    List<RoundResult> rounds) {

  public String markdown() {
    StringBuilder text = new StringBuilder();
    text.append("## AIVid gateway overhead: GET /v1/videos/{id}\n\n");
    text.append(
        format(
            "machine: %d cores (%s), JDK %s (%s), %s, max heap %d MiB\n",
            machine.availableProcessors(),
            machine.cpuModel(),
            machine.javaVersion(),
            machine.javaVendor(),
            machine.operatingSystem(),
            machine.maximumHeapMebibytes()));
    text.append(
        format(
            "load: open-loop %d req/s per target over loopback, %d connections, %d s warm-up,"
                + " %d interleaved rounds x %.1f s (bare, then gateway), response %d bytes\n",
            options.rateRequestsPerSecond(),
            options.connections(),
            options.warmupSeconds(),
            options.rounds(),
            options.roundDuration().toMillis() / 1000.0,
            responseBytes));
    text.append(
        "latency: intended send time to last response byte; p50/p99 are medians over rounds;"
            + " errors are non-200 or failed requests over all rounds\n\n");
    text.append(table(List.of(bare, gateway)));
    text.append('\n');
    text.append("gateway/bare p50 ratio: ")
        .append(ratio(gateway.p50Micros(), bare.p50Micros()))
        .append('\n');
    text.append("gateway/bare p99 ratio: ")
        .append(ratio(gateway.p99Micros(), bare.p99Micros()))
        .append('\n');
    text.append(
        format("gateway overhead p50: %s µs\n", signed(gateway.p50Micros() - bare.p50Micros())));
    text.append(
        format(
            "driver send lag p99 (part of every latency above): bare %.0f µs, gateway %.0f µs\n",
            bare.sendLagP99Micros(),
            gateway.sendLagP99Micros()));
    text.append("\nper round:\n\n");
    text.append(roundTable(rounds));
    return text.toString();
  }

  static String roundTable(List<RoundResult> rounds) {
    StringBuilder table = new StringBuilder();
    table.append(
        "| round | target | p50 µs | p99 µs | max µs | errors | achieved req/s"
            + " | send lag p50 µs | send lag p99 µs |\n");
    table.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RoundResult round : rounds) {
      table.append(
          format(
              "| %d | %s | %d | %d | %d | %d | %.0f | %d | %d |\n",
              round.round(),
              round.targetName(),
              round.latency().p50Micros(),
              round.latency().p99Micros(),
              round.latency().maximumMicros(),
              round.errorCount(),
              round.achievedRequestsPerSecond(),
              round.sendLag().p50Micros(),
              round.sendLag().p99Micros()));
    }
    return table.toString();
  }

  static String table(List<TargetSummary> targets) {
    StringBuilder table = new StringBuilder();
    table.append("| target | rate req/s | p50 µs | p99 µs | errors |\n");
    table.append("|---|---:|---:|---:|---:|\n");
    for (TargetSummary target : targets) {
      table.append(
          format(
              "| %s | %d | %.0f | %.0f | %d |\n",
              target.targetName(),
              target.rateRequestsPerSecond(),
              target.p50Micros(),
              target.p99Micros(),
              target.errorCount()));
    }
    return table.toString();
  }

  static String ratio(double numerator, double denominator) {
    if (!(denominator > 0) || Double.isNaN(numerator)) {
      return "n/a";
    }
    return format("%.2f", numerator / denominator);
  }

  private static String signed(double value) {
    return format("%+.0f", value);
  }

  private static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }
}
