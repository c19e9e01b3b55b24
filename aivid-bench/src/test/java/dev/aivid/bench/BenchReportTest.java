package dev.aivid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

final class BenchReportTest {

  @Test
  void nearestRankPercentilesOfAKnownSample() {
    long[] oneToHundredReversed =
        LongStream.rangeClosed(1, 100).map(value -> 101 - value).toArray();

    LatencySummary summary = LatencySummary.of(oneToHundredReversed);

    assertThat(summary).isEqualTo(new LatencySummary(100, 50, 99, 100));
    assertThat(oneToHundredReversed[0]).as("input left unsorted").isEqualTo(100);
    assertThat(LatencySummary.of(new long[] {7})).isEqualTo(new LatencySummary(1, 7, 7, 7));
    assertThat(LatencySummary.of(new long[] {10, 20, 30}))
        .isEqualTo(new LatencySummary(3, 20, 30, 30));
  }

  @Test
  void targetSummaryTakesTheMedianOfRoundsAndSumsErrors() {
    List<RoundResult> rounds =
        List.of(
            round("gateway", 1, 300, 900, 0),
            round("gateway", 2, 100, 700, 2),
            round("gateway", 3, 200, 5000, 0),
            round("gateway", 4, 400, 800, 1));

    TargetSummary summary = TargetSummary.of("gateway", 500, rounds);

    assertThat(summary.p50Micros()).isEqualTo(250.0);
    assertThat(summary.p99Micros()).isEqualTo(850.0);
    assertThat(summary.errorCount()).isEqualTo(3);
    assertThat(TargetSummary.median(new long[] {5, 1, 3})).isEqualTo(3.0);
  }

  @Test
  void reportHasBothRowsTheRatiosAndTheOverhead() {
    TargetSummary bare = new TargetSummary("bare Javalin", 500, 4, 200, 1000, 50, 0);
    TargetSummary gateway = new TargetSummary("gateway", 500, 4, 500, 3000, 60, 1);
    MachineFacts machine = new MachineFacts(2, "test CPU", "25", "vendor", "Linux", 1024);
    BenchReport report =
        new BenchReport(
            machine,
            BenchOptions.defaults(),
            279,
            bare,
            gateway,
            List.of(round("bare Javalin", 1, 200, 1000, 0), round("gateway", 1, 500, 3000, 1)));

    String text = report.markdown();

    assertThat(text)
        .contains("| target | rate req/s | p50 µs | p99 µs | errors |")
        .contains("| bare Javalin | 500 | 200 | 1000 | 0 |")
        .contains("| gateway | 500 | 500 | 3000 | 1 |")
        .contains("gateway/bare p50 ratio: 2.50")
        .contains("gateway/bare p99 ratio: 3.00")
        .contains("gateway overhead p50: +300 µs")
        .contains("2 cores");
    assertThat(BenchReport.ratio(1, 0)).isEqualTo("n/a");
  }

  @Test
  void optionsParseDefaultsQuickAndOverrides() {
    assertThat(BenchOptions.parse(List.of())).isEqualTo(new BenchOptions(500, 5, 20, 4, 16));
    assertThat(BenchOptions.parse(List.of("--quick")))
        .isEqualTo(new BenchOptions(200, 3, 5, 2, 16));
    assertThat(BenchOptions.parse(List.of("--quick", "--rate", "300", "--rounds=3")))
        .isEqualTo(new BenchOptions(300, 3, 5, 3, 16));
    assertThat(BenchOptions.parse(List.of("--seconds", "8", "--warmup-seconds", "0")))
        .extracting(BenchOptions::roundDuration)
        .isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--rat", "300")))
        .hasMessageContaining("Unknown option --rat");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate")))
        .hasMessageContaining("--rate needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(List.of("--rate", "0")))
        .hasMessageContaining("--rate must be");
  }

  private static RoundResult round(
      String target, int round, long p50Micros, long p99Micros, int errors) {
    LatencySummary latency = new LatencySummary(100, p50Micros, p99Micros, p99Micros);
    LatencySummary sendLag = new LatencySummary(100, 10, 20, 30);
    return new RoundResult(target, round, latency, sendLag, errors, 500);
  }
}
