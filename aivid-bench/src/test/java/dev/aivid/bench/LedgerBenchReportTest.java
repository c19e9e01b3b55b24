package dev.aivid.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.credits.AccountBalance;
import dev.aivid.credits.BudgetScope;
import dev.aivid.credits.OrganizationBalance;
import dev.aivid.credits.ResetPeriod;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class LedgerBenchReportTest {
  private static final long GRANTED = 1_000_000_000L;
  private static final long LIMIT = 5_000_000_000L;

  @Test
  void optionsParseDefaultsQuickAndOverrides() {
    assertThat(LedgerBenchOptions.parse(List.of()))
        .isEqualTo(new LedgerBenchOptions(3, 10, List.of(64, 1024), 32, 200_000, false));
    assertThat(LedgerBenchOptions.parse(List.of("--quick")))
        .isEqualTo(new LedgerBenchOptions(1, 3, List.of(64, 1024), 32, 200_000, false));
    assertThat(
            LedgerBenchOptions.parse(
                List.of("--clients", "8,1_024", "--quick", "--seconds=5", "--history", "0")))
        .isEqualTo(new LedgerBenchOptions(1, 5, List.of(8, 1024), 32, 0, false));
    assertThat(LedgerBenchOptions.parse(List.of("--random-ids", "--quick")).randomIds()).isTrue();
    assertThatThrownBy(() -> LedgerBenchOptions.parse(List.of("--clients", "64,")))
        .hasMessageContaining("--clients must be an integer");
    assertThatThrownBy(() -> LedgerBenchOptions.parse(List.of("--rate", "5")))
        .hasMessageContaining("Unknown option --rate");
    assertThatThrownBy(() -> LedgerBenchOptions.parse(List.of("--naive-pool", "0")))
        .hasMessageContaining("--naive-pool must be");
    assertThatThrownBy(() -> LedgerBenchOptions.parse(List.of("--seconds")))
        .hasMessageContaining("--seconds needs a value");
  }

  @Test
  void cellResultTakesNearestRankPercentilesAndRates() {
    long[] latencies = LongStream.rangeClosed(1, 1000).map(value -> 1001 - value).toArray();

    CellResult cell =
        CellResult.of("ledger", 64, 2.0, latencies, 3, 40, 0.5, 0.2, 0.25, 0, 0, null);

    assertThat(cell.holds()).isEqualTo(1000);
    assertThat(cell.p50Micros()).isEqualTo(500);
    assertThat(cell.p99Micros()).isEqualTo(990);
    assertThat(cell.p999Micros()).isEqualTo(999);
    assertThat(cell.maximumMicros()).isEqualTo(1000);
    assertThat(cell.holdsPerSecond()).isEqualTo(500.0);
    assertThat(cell.holdsPerCommit()).isEqualTo(25.0);
    assertThat(cell.commitsPerSecond()).isEqualTo(20.0);
    assertThat(latencies[0]).as("input left unsorted").isEqualTo(1000);
    CellResult empty = CellResult.of("naive", 1, 1.0, new long[0], 0, -1, 0, 0, 0, -1, -1, null);
    assertThat(empty.p99Micros()).isZero();
    assertThat(empty.holdsPerCommit()).isNaN();
  }

  @Test
  void reportHasTheTableTheRatiosAndTheGoals() {
    LedgerBenchReport report =
        report(
            List.of(
                cell("naive", 64, 1_000, 20_000, 60_000),
                cell("ledger", 64, 12_500, 4_000, 9_000),
                cell("naive", 1024, 1_200, 30_000, 900_000),
                cell("ledger", 1024, 40_000, 15_000, 25_000)),
            new BalanceSampler.Result(120, 0, List.of()),
            List.of());

    String text = report.markdown();

    assertThat(text)
        .contains("| path | clients | holds/s | p50 ms | p99 ms |")
        .contains("| naive | 64 | 1,000 | 20.00 | 60.00 |")
        .contains("| ledger | 64 | 12,500 | 4.00 | 9.00 |")
        .contains("| naive | 1,024 | 1,200 | 30.00 | 900.00 |")
        .contains("| ledger | 1,024 | 40,000 | 15.00 | 25.00 |")
        .contains("ledger/naive throughput at 64 clients: 12.5×")
        .contains("ledger/naive throughput at 1,024 clients: 33.3×")
        .contains("12.5× at 64 clients (met), 33.3× at 1,024 clients (met)")
        .contains("≥ 50,000 holds/s at 1,024 clients: 40,000 (NOT met, 80% of the goal)")
        .contains("p99 < 20 ms at 1,024 clients: 25.00 ms (NOT met)")
        .contains("120 samples, 0 violations, 0 drifts (met)")
        .contains("fsync=on, synchronous_commit=on")
        .contains("| insert transfers (unnest) | 75% | 50% |")
        .contains("2 cores");
    assertThat(report.failed()).isFalse();
    assertThat(LedgerBenchReport.times(Double.NaN)).isEqualTo("n/a");
    assertThat(LedgerBenchReport.times(123.4)).isEqualTo("123×");
  }

  @Test
  void driftOrBalanceViolationsFailTheRun() {
    List<CellResult> cells = List.of(cell("ledger", 1024, 60_000, 5_000, 9_000));

    LedgerBenchReport violated =
        report(cells, new BalanceSampler.Result(10, 1, List.of("pool pending 5 < 6")), List.of());
    LedgerBenchReport drifted =
        report(cells, new BalanceSampler.Result(10, 0, List.of()), List.of("pool:x drifted"));

    assertThat(violated.failed()).isTrue();
    assertThat(violated.markdown()).contains("violation: pool pending 5 < 6").contains("(NOT met)");
    assertThat(drifted.failed()).isTrue();
    assertThat(drifted.markdown()).contains("drift: pool:x drifted");
    assertThat(violated.markdown()).contains("ledger/naive throughput at 1,024 clients: n/a");
  }

  @Test
  void balanceCheckAcceptsAnyPendingBetweenAcknowledgedAndSubmitted() {
    OrganizationBalance balance = balance(700, 700, 700);

    assertThat(BalanceSampler.check(balance, 600, 800, GRANTED)).isEmpty();
    assertThat(BalanceSampler.check(balance, 700, 700, GRANTED)).isEmpty();
    assertThat(BalanceSampler.check(balance, 800, 900, GRANTED))
        .containsExactly("pool pending 700 < 800 acknowledged before the read");
    assertThat(BalanceSampler.check(balance, 100, 600, GRANTED))
        .containsExactly("pool pending 700 > 600 submitted by the read");
    assertThat(BalanceSampler.check(balance, 600, 800, GRANTED + 1))
        .containsExactly("pool credited 1000000000 != granted 1000000001");
  }

  @Test
  void balanceCheckRequiresTheThreeLevelsToAgree() {
    assertThat(BalanceSampler.check(balance(700, 600, 700), 0, 1_000, GRANTED))
        .containsExactly("project budget pending 600 != pool 700");
    assertThat(BalanceSampler.check(balance(700, 700, 800), 0, 1_000, GRANTED))
        .containsExactly("api_key budget pending 800 != pool 700");
    OrganizationBalance noKeyBudget =
        new OrganizationBalance(pool(700), List.of(budget(BudgetScope.PROJECT, 700)));
    assertThat(BalanceSampler.check(noKeyBudget, 0, 1_000, GRANTED))
        .containsExactly("0 api_key budgets, expected 1");
  }

  @Test
  void writerStacksAreFiledUnderTheirBatchStage() {
    StackTraceElement[] insertWaiting = {
      frame("sun.nio.ch.Net", "poll"),
      frame("sun.nio.ch.NioSocketImpl", "park"),
      frame("org.postgresql.core.v3.QueryExecutorImpl", "execute"),
      frame("org.postgresql.jdbc.PgPreparedStatement", "executeUpdate"),
      frame("com.zaxxer.hikari.pool.HikariProxyPreparedStatement", "executeUpdate"),
      frame(WriterProfiler.ENGINE, "writeBatch"),
      frame(WriterProfiler.ENGINE, "apply"),
      frame(WriterProfiler.ENGINE, "commit"),
      frame(WriterProfiler.ENGINE, "writeLoop")
    };
    StackTraceElement[] committing = {
      frame("sun.nio.ch.NioSocketImpl", "read"),
      frame("org.postgresql.jdbc.PgConnection", "commit"),
      frame("com.zaxxer.hikari.pool.HikariProxyConnection", "commit"),
      frame(WriterProfiler.ENGINE, "apply"),
      frame(WriterProfiler.ENGINE, "commit")
    };
    StackTraceElement[] idle = {
      frame("jdk.internal.misc.Unsafe", "park"),
      frame("java.util.concurrent.ArrayBlockingQueue", "poll"),
      frame(WriterProfiler.ENGINE, "writeLoop")
    };
    StackTraceElement[] completing = {
      frame("java.util.concurrent.CompletableFuture", "complete"),
      frame(WriterProfiler.ENGINE, "lambda$applyOne$0"),
      frame("java.util.ArrayList", "forEach"),
      frame(WriterProfiler.ENGINE, "commit")
    };
    StackTraceElement[] copying = {
      frame("sun.nio.ch.NioSocketImpl", "write"),
      frame("org.postgresql.core.v3.QueryExecutorImpl", "writeToCopy"),
      frame("org.postgresql.core.v3.CopyInImpl", "writeToCopy"),
      frame("dev.aivid.credits.internal.TransferCopy", "copy"),
      frame(WriterProfiler.ENGINE, "writeBatch")
    };
    StackTraceElement[] arrays = {
      frame("org.postgresql.jdbc.PgConnection", "createArrayOf"),
      frame(WriterProfiler.ENGINE, "writeBatch")
    };

    assertThat(WriterProfiler.classify(insertWaiting))
        .isEqualTo(new WriterProfiler.Classified("write balances, notify (one statement)", true));
    assertThat(WriterProfiler.classify(copying))
        .isEqualTo(new WriterProfiler.Classified("copy transfers in (binary COPY)", true));
    assertThat(WriterProfiler.classify(committing))
        .isEqualTo(new WriterProfiler.Classified("commit (WAL flush, fsync)", true));
    assertThat(WriterProfiler.classify(idle))
        .isEqualTo(new WriterProfiler.Classified(WriterProfiler.IDLE, false));
    assertThat(WriterProfiler.classify(completing))
        .isEqualTo(new WriterProfiler.Classified("complete futures (wake clients)", false));
    assertThat(WriterProfiler.classify(arrays))
        .isEqualTo(new WriterProfiler.Classified("write balances, notify (one statement)", false));
    assertThat(WriterProfiler.classify(new StackTraceElement[0]).stage())
        .isEqualTo("outside the engine");
  }

  @Test
  void writerProfileSharesAndOrder() {
    WriterProfile profile =
        WriterProfile.of(
            Map.of("a", new long[] {30, 10}, "b", new long[] {60, 60}, "c", new long[] {10, 0}));

    assertThat(profile.samples()).isEqualTo(100);
    assertThat(profile.stagesBySize()).containsExactly("b", "a", "c");
    assertThat(profile.share("a")).isEqualTo(0.3);
    assertThat(profile.databaseShare("b")).isEqualTo(0.6);
    assertThat(profile.share("missing")).isZero();
  }

  @Test
  void procParsing() {
    assertThat(CpuMeter.parseCpuLine("cpu  100 5 50 800 40 3 2 0 7 0")).containsExactly(160, 1000);
    String stat =
        "4242 (postgres: x (y)) S 1 4242 4242 0 -1 4194560 611 0 0 0 123 45 0 0 20 0 1 0 99 0";
    assertThat(CpuMeter.parseProcessStat(stat)).isEqualTo(168);
  }

  @Test
  void samplesGrowAndConcatenate() {
    LongSamples first = new LongSamples(1);
    for (long value = 1; value <= 5; value++) {
      first.add(value);
    }
    LongSamples second = new LongSamples(4);
    second.add(9);

    assertThat(first.size()).isEqualTo(5);
    assertThat(LongSamples.concat(List.of(first, second))).containsExactly(1, 2, 3, 4, 5, 9);
    assertThat(ClosedLoopDriver.randomHoldId()).matches("hold_[0-9a-f]{32}");
    assertThat(ClosedLoopDriver.gatewayHoldId()).matches("hold_[0-9a-f]{32}");
  }

  private static LedgerBenchReport report(
      List<CellResult> cells, BalanceSampler.Result sampling, List<String> drifts) {
    return new LedgerBenchReport(
        new MachineFacts(2, "test CPU", "25", "vendor", "Linux", 1024),
        new DatabaseFacts(
            "17.6",
            Map.of("fsync", "on", "synchronous_commit", "on", "wal_sync_method", "fdatasync"),
            1000,
            1.0,
            200,
            1500),
        LedgerBenchOptions.defaults(),
        250_000,
        4096,
        cells,
        sampling,
        new LedgerBenchReport.Verification(5, 12_345, drifts, 0.5),
        "");
  }

  private static CellResult cell(
      String path, int clients, double holdsPerSecond, long p50Micros, long p99Micros) {
    boolean ledger = path.equals("ledger");
    WriterProfile profile =
        ledger
            ? WriterProfile.of(
                Map.of(
                    "insert transfers (unnest)", new long[] {75, 50}, "idle", new long[] {25, 0}))
            : null;
    return new CellResult(
        path,
        clients,
        10.0,
        Math.round(holdsPerSecond * 10),
        0,
        p50Micros,
        p99Micros,
        p99Micros,
        p99Micros,
        ledger ? 500 : -1,
        0.9,
        0.3,
        0.5,
        ledger ? 0 : -1,
        ledger ? 0 : -1,
        profile);
  }

  private static OrganizationBalance balance(
      long poolPending, long projectPending, long keyPending) {
    return new OrganizationBalance(
        pool(poolPending),
        List.of(
            budget(BudgetScope.PROJECT, projectPending), budget(BudgetScope.API_KEY, keyPending)));
  }

  private static AccountBalance pool(long pending) {
    return new AccountBalance(
        "pool:org",
        BudgetScope.ORGANIZATION,
        "org",
        null,
        ResetPeriod.NEVER,
        pending,
        0,
        GRANTED,
        0,
        GRANTED - pending);
  }

  private static AccountBalance budget(BudgetScope scope, long pending) {
    @Nullable Long limit = LIMIT;
    return new AccountBalance(
        scope.wireName() + ":x",
        scope,
        "x",
        limit,
        ResetPeriod.MONTHLY,
        pending,
        0,
        0,
        0,
        LIMIT - pending);
  }

  private static StackTraceElement frame(String className, String method) {
    return new StackTraceElement(className, method, null, -1);
  }
}
