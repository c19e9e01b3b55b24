package dev.aivid.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The printed result of {@code ./aivid bench ledger}. */
public record LedgerBenchReport(
    MachineFacts machine,
    DatabaseFacts database,
    LedgerBenchOptions options,
    long amountMicros,
    int maxBatch,
    List<CellResult> cells,
    BalanceSampler.Result sampling,
    Verification verification,
    String naiveProblem) {

  static final String LEDGER = "ledger";
  static final String NAIVE = "naive";
  static final int GOAL_CLIENTS = 1024;
  static final double GOAL_RATIO = 10;
  static final double GOAL_HOLDS_PER_SECOND = 50_000;
  static final double GOAL_P99_MILLIS = 20;

  /** {@code LedgerService.verify()} after the run. */
  public record Verification(
      int accountsChecked, long transfersChecked, List<String> drifts, double seconds) {
    public Verification {
      drifts = List.copyOf(drifts);
    }
  }

  public LedgerBenchReport {
    cells = List.copyOf(cells);
  }

  /**
   * Drift, a balance sample that disagrees with the ledger, or a broken baseline: exit non-zero.
   */
  public boolean failed() {
    return !verification.drifts().isEmpty() || sampling.violations() > 0 || !naiveProblem.isEmpty();
  }

  public String markdown() {
    StringBuilder text = new StringBuilder();
    text.append("## AIVid credit ledger: holds on one hot organisation pool\n\n");
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
            "database: embedded PostgreSQL %s in a temporary directory, %s\n",
            database.version(), settings()));
    text.append(
        format(
            "durable commit on this disk: one connection committing one-row inserts back to back,"
                + " %,d commits in %.1f s, p50 %.2f ms, p99 %.2f ms\n",
            database.probeCommits(),
            database.probeSeconds(),
            database.probeP50Micros() / 1000.0,
            database.probeP99Micros() / 1000.0));
    text.append(
        format(
            "load: closed loop, each client a virtual thread placing hold after hold; per cell a"
                + " CHECKPOINT, %d s warm-up, then %d s measured; holds/s counts holds completed in"
                + " the window; latency is one call, from submit to durable acknowledgement (closed"
                + " loop: p50 is about clients / holds per second)\n",
            options.warmupSeconds(), options.measureSeconds()));
    text.append(
        format(
            "ledger: LedgerService.hold on the organisation pool + project budget + API-key budget"
                + " (monthly budgets, large limits), a new idempotent hold id per call (%s), %s"
                + " credits each; group commit in batches of up to %,d, as App configures it\n",
            options.randomIds()
                ? "hold_ and 32 random hex digits (--random-ids)"
                : "hold_ and 32 hex digits, time-ordered like the gateway's video ids",
            dev.aivid.credits.Credits.format(amountMicros),
            maxBatch));
    text.append(
        options.historyTransfers() > 0
            ? format(
                "ledger tables: seeded with %,d open holds of another organisation, then ANALYZE,"
                    + " as in a database that has been running\n",
                options.historyTransfers())
            : "ledger tables: brand-new and empty (--history 0), no statistics\n");
    text.append(
        format(
            "naive: per hold one transaction: UPDATE bench_naive_accounts SET available = available"
                + " - amount WHERE id = 'pool' AND available >= amount, INSERT its transfer row"
                + " (same ids), COMMIT; HikariCP pool of %d connections\n\n",
            options.naivePoolSize()));
    text.append(table(cells));
    text.append('\n');
    for (int clients : clientCounts()) {
      text.append(
          format(
              "ledger/naive throughput at %,d clients: %s\n",
              clients, times(throughputRatio(clients))));
    }
    text.append('\n');
    text.append(goals());
    text.append('\n');
    text.append(
        format(
            "balance sampling: after every commit notification (LedgerService.subscribe) during"
                + " the ledger cells, LedgerService.balance() read as the SSE stream reads it and"
                + " checked against the holds acknowledged before and submitted by the read, and"
                + " across the three levels: %,d samples, %,d violations\n",
            sampling.samples(), sampling.violations()));
    for (String violation : sampling.firstViolations()) {
      text.append("  violation: ").append(violation).append('\n');
    }
    text.append(
        format(
            "ledger verify after the run: %,d accounts, %,d transfers, %d drifts (%.1f s)\n",
            verification.accountsChecked(),
            verification.transfersChecked(),
            verification.drifts().size(),
            verification.seconds()));
    verification.drifts().stream()
        .limit(10)
        .forEach(drift -> text.append("  drift: ").append(drift).append('\n'));
    text.append(
        naiveProblem.isEmpty()
            ? "naive baseline check: funds spent equal the sum of its transfer rows\n"
            : "naive baseline check FAILED: " + naiveProblem + "\n");
    long errors = cells.stream().mapToLong(CellResult::errors).sum();
    text.append(
        errors == 0
            ? "errors: none (every hold in every window was granted)\n"
            : format("errors: %,d holds in the windows were refused or failed\n", errors));
    text.append("\n### diagnostics\n\n");
    text.append(diagnosticsTable(cells));
    String profiles = profileTable(cells);
    if (!profiles.isEmpty()) {
      text.append(
          "\nledger writer thread by group-commit stage (stack samples every 2 ms in the measured"
              + " window; \"in PostgreSQL\" = blocked on the database socket; the durable commit"
              + " runs on the ledger-committer thread while the writer writes the next batch, whose"
              + " balance statement also waits there for the previous commit's row locks):\n\n");
      text.append(profiles);
    }
    return text.toString();
  }

  private String settings() {
    List<String> parts = new ArrayList<>();
    database.settings().entrySet().stream()
        .sorted(
            java.util.Comparator.comparingInt(
                entry -> List.of(DatabaseFacts.SETTINGS).indexOf(entry.getKey())))
        .forEach(entry -> parts.add(entry.getKey() + "=" + entry.getValue()));
    return String.join(", ", parts);
  }

  static String table(List<CellResult> cells) {
    StringBuilder table = new StringBuilder();
    table.append("| path | clients | holds/s | p50 ms | p99 ms |\n");
    table.append("|---|---:|---:|---:|---:|\n");
    for (CellResult cell : cells) {
      table.append(
          format(
              "| %s | %,d | %,.0f | %.2f | %.2f |\n",
              cell.path(),
              cell.clients(),
              cell.holdsPerSecond(),
              cell.p50Micros() / 1000.0,
              cell.p99Micros() / 1000.0));
    }
    return table.toString();
  }

  static String diagnosticsTable(List<CellResult> cells) {
    StringBuilder table = new StringBuilder();
    table.append(
        "| path | clients | holds | errors | p99.9 ms | max ms | commits/s | holds/commit | machine"
            + " CPU | JVM CPU | PostgreSQL CPU | other CPU | transfers seq scans (rows) |\n");
    table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (CellResult cell : cells) {
      boolean naive = cell.path().equals(NAIVE);
      table.append(
          format(
              "| %s | %,d | %,d | %,d | %.2f | %.2f | %s | %s | %s | %s | %s | %s | %s |\n",
              cell.path(),
              cell.clients(),
              cell.holds(),
              cell.errors(),
              cell.p999Micros() / 1000.0,
              cell.maximumMicros() / 1000.0,
              naive
                  ? format("%,.0f", cell.holdsPerSecond())
                  : number("%,.0f", cell.commitsPerSecond()),
              naive ? "1" : number("%.1f", cell.holdsPerCommit()),
              percent(cell.machineCpu()),
              percent(cell.jvmCpu()),
              percent(cell.postgresCpu()),
              percent(Math.max(0, cell.machineCpu() - cell.jvmCpu() - cell.postgresCpu())),
              cell.transferSequentialScans() < 0
                  ? "-"
                  : format(
                      "%,d (%,d)", cell.transferSequentialScans(), cell.transferSequentialRows())));
    }
    table.append(
        "\nCPU is a share of all cores over the measured window (other = the kernel and every"
            + " other process: anything but a few percent means a noisy machine); commits/s for"
            + " the ledger counts"
            + " commit notifications (one per group commit), for the naive path every hold is a"
            + " commit. Sequential scans of credit_transfers (and the rows they read) come from"
            + " pg_stat_user_tables, which lags by up to a second.\n");
    return table.toString();
  }

  static String profileTable(List<CellResult> cells) {
    List<CellResult> profiled =
        cells.stream().filter(cell -> cell.writerProfile() != null).toList();
    if (profiled.isEmpty()) {
      return "";
    }
    Set<String> stages = new LinkedHashSet<>();
    for (CellResult cell : profiled) {
      stages.addAll(profile(cell).stagesBySize());
    }
    StringBuilder table = new StringBuilder("| writer stage |");
    StringBuilder rule = new StringBuilder("|---|");
    for (CellResult cell : profiled) {
      table.append(format(" %,d clients | in PostgreSQL |", cell.clients()));
      rule.append("---:|---:|");
    }
    table.append('\n').append(rule).append('\n');
    for (String stage : stages) {
      table.append("| ").append(stage).append(" |");
      for (CellResult cell : profiled) {
        WriterProfile profile = profile(cell);
        table.append(
            format(
                " %s | %s |",
                percent(profile.share(stage)), percent(profile.databaseShare(stage))));
      }
      table.append('\n');
    }
    table.append("| (samples) |");
    for (CellResult cell : profiled) {
      table.append(format(" %,d | |", profile(cell).samples()));
    }
    table.append('\n');
    return table.toString();
  }

  private static WriterProfile profile(CellResult cell) {
    WriterProfile profile = cell.writerProfile();
    if (profile == null) {
      throw new IllegalStateException("no profile for " + cell.path());
    }
    return profile;
  }

  /** The goals from the issue, each with the measured value; reported, never asserted. */
  String goals() {
    StringBuilder text = new StringBuilder("goals (reported, never asserted):\n");
    List<String> ratios = new ArrayList<>();
    for (int clients : clientCounts()) {
      double ratio = throughputRatio(clients);
      ratios.add(
          format(
              "%s at %,d clients (%s)",
              times(ratio),
              clients,
              Double.isNaN(ratio) ? "not measured" : verdict(ratio >= GOAL_RATIO)));
    }
    text.append("- ledger ≥ 10× naive throughput: ").append(String.join(", ", ratios)).append('\n');
    Optional<CellResult> ledgerAtGoal = find(LEDGER, GOAL_CLIENTS);
    if (ledgerAtGoal.isPresent()) {
      CellResult cell = ledgerAtGoal.get();
      double rate = cell.holdsPerSecond();
      text.append(
          format(
              "- ≥ 50,000 holds/s at 1,024 clients: %,.0f (%s, %.0f%% of the goal)\n",
              rate, verdict(rate >= GOAL_HOLDS_PER_SECOND), 100 * rate / GOAL_HOLDS_PER_SECOND));
      double p99 = cell.p99Micros() / 1000.0;
      text.append(
          format(
              "- p99 < 20 ms at 1,024 clients: %.2f ms (%s)\n",
              p99, verdict(p99 < GOAL_P99_MILLIS)));
    } else {
      text.append("- 1,024-client goals: not measured in this run (no 1,024-client ledger cell)\n");
    }
    text.append(
        format(
            "- balance equal to the ledger at every sample: %,d samples, %,d violations, %d drifts"
                + " (%s)\n",
            sampling.samples(),
            sampling.violations(),
            verification.drifts().size(),
            verdict(
                sampling.samples() > 0
                    && sampling.violations() == 0
                    && verification.drifts().isEmpty())));
    return text.toString();
  }

  List<Integer> clientCounts() {
    return cells.stream().map(CellResult::clients).distinct().toList();
  }

  /** Ledger holds/s over naive holds/s at one client count; NaN when either is missing. */
  double throughputRatio(int clients) {
    Optional<CellResult> ledger = find(LEDGER, clients);
    Optional<CellResult> naive = find(NAIVE, clients);
    if (ledger.isEmpty() || naive.isEmpty() || !(naive.get().holdsPerSecond() > 0)) {
      return Double.NaN;
    }
    return ledger.get().holdsPerSecond() / naive.get().holdsPerSecond();
  }

  private Optional<CellResult> find(String path, int clients) {
    return cells.stream()
        .filter(cell -> cell.path().equals(path) && cell.clients() == clients)
        .findFirst();
  }

  static String times(double ratio) {
    if (Double.isNaN(ratio)) {
      return "n/a";
    }
    return ratio >= 100 ? format("%,.0f×", ratio) : format("%.1f×", ratio);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "n/a" : format("%.0f%%", 100 * share);
  }

  private static String number(String pattern, double value) {
    return Double.isNaN(value) ? "n/a" : format(pattern, value);
  }

  private static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }
}
