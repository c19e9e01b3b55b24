package dev.aivid.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one {@code ./aivid bench ledger} run does: every client count is measured on the naive
 * baseline and on the real ledger, each cell with its own warm-up.
 */
public record LedgerBenchOptions(
    int warmupSeconds,
    int measureSeconds,
    List<Integer> clientCounts,
    int naivePoolSize,
    int historyTransfers,
    boolean randomIds) {

  public static final String USAGE =
      """
      Usage: ./aivid bench ledger [--seconds N] [--warmup-seconds N] [--clients N,N,...]
                                  [--naive-pool N] [--history N] [--random-ids] [--quick]

      Places credit holds on one hot organisation pool in a durable embedded PostgreSQL
      (fsync and synchronous_commit on): the real ledger (LedgerService.hold: pool, project
      budget and API-key budget, idempotent hold ids, group commit) beside a naive baseline (one
      conditional UPDATE plus a transfer row per hold, each in its own transaction). Clients are
      virtual threads in a closed loop, each placing hold after hold.

        --seconds N          measured seconds per cell (default 10)
        --warmup-seconds N   unmeasured warm-up per cell (default 3)
        --clients N,N,...    concurrent clients, one cell per path and count (default 64,1024)
        --naive-pool N       HikariCP connections for the naive baseline (default 32)
        --history N          open holds of another organisation seeded into the ledger before
                             the run, followed by ANALYZE, as in a database that has been
                             running (default 200000; 0 = a brand-new, empty ledger)
        --random-ids         hold ids of 32 random hex digits instead of the gateway's
                             time-ordered ones (which append to the primary-key index)
        --quick              smoke run: 1 s warm-up, 3 s measured
      """;

  static final int DEFAULT_HISTORY = 200_000;

  private static final Set<String> VALUE_OPTIONS =
      Set.of("--seconds", "--warmup-seconds", "--clients", "--naive-pool", "--history");

  public static LedgerBenchOptions defaults() {
    return new LedgerBenchOptions(3, 10, List.of(64, 1024), 32, DEFAULT_HISTORY, false);
  }

  public static LedgerBenchOptions quick() {
    return new LedgerBenchOptions(1, 3, List.of(64, 1024), 32, DEFAULT_HISTORY, false);
  }

  public LedgerBenchOptions {
    clientCounts = List.copyOf(clientCounts);
    require(warmupSeconds >= 0 && warmupSeconds <= 3600, "--warmup-seconds must be 0..3600");
    require(measureSeconds >= 1 && measureSeconds <= 3600, "--seconds must be 1..3600");
    require(!clientCounts.isEmpty() && clientCounts.size() <= 16, "--clients needs 1..16 counts");
    for (int clients : clientCounts) {
      require(clients >= 1 && clients <= 65_536, "--clients counts must be 1..65536");
    }
    require(naivePoolSize >= 1 && naivePoolSize <= 64, "--naive-pool must be 1..64");
    require(
        historyTransfers >= 0 && historyTransfers <= 10_000_000, "--history must be 0..10000000");
  }

  /** Later flags override earlier ones, so {@code --quick --seconds 5} is a quick run of 5 s. */
  public static LedgerBenchOptions parse(List<String> arguments) {
    LedgerBenchOptions options = defaults();
    for (int index = 0; index < arguments.size(); index++) {
      String argument = arguments.get(index);
      if (argument.equals("--random-ids")) {
        options =
            new LedgerBenchOptions(
                options.warmupSeconds,
                options.measureSeconds,
                options.clientCounts,
                options.naivePoolSize,
                options.historyTransfers,
                true);
        continue;
      }
      if (argument.equals("--quick")) {
        options =
            new LedgerBenchOptions(
                quick().warmupSeconds,
                quick().measureSeconds,
                options.clientCounts,
                options.naivePoolSize,
                options.historyTransfers,
                    options.randomIds);
        continue;
      }
      int equals = argument.indexOf('=');
      String name = equals > 0 ? argument.substring(0, equals) : argument;
      if (!VALUE_OPTIONS.contains(name)) {
        throw new IllegalArgumentException("Unknown option " + argument);
      }
      String value;
      if (equals > 0) {
        value = argument.substring(equals + 1);
      } else if (index + 1 < arguments.size()) {
        value = arguments.get(++index);
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
      options =
          switch (name) {
            case "--seconds" ->
                new LedgerBenchOptions(
                    options.warmupSeconds,
                    number(name, value),
                    options.clientCounts,
                    options.naivePoolSize,
                    options.historyTransfers,
                    options.randomIds);
            case "--warmup-seconds" ->
                new LedgerBenchOptions(
                    number(name, value),
                    options.measureSeconds,
                    options.clientCounts,
                    options.naivePoolSize,
                    options.historyTransfers,
                    options.randomIds);
            case "--clients" ->
                new LedgerBenchOptions(
                    options.warmupSeconds,
                    options.measureSeconds,
                    counts(name, value),
                    options.naivePoolSize,
                    options.historyTransfers,
                    options.randomIds);
            case "--naive-pool" ->
                new LedgerBenchOptions(
                    options.warmupSeconds,
                    options.measureSeconds,
                    options.clientCounts,
                    number(name, value),
                    options.historyTransfers,
                    options.randomIds);
            case "--history" ->
                new LedgerBenchOptions(
                    options.warmupSeconds,
                    options.measureSeconds,
                    options.clientCounts,
                    options.naivePoolSize,
                    number(name, value),
                    options.randomIds);
            default -> throw new IllegalArgumentException("Unknown option " + name);
          };
    }
    return options;
  }

  public Duration warmup() {
    return Duration.ofSeconds(warmupSeconds);
  }

  public Duration measure() {
    return Duration.ofSeconds(measureSeconds);
  }

  private static List<Integer> counts(String name, String value) {
    List<Integer> counts = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      counts.add(number(name, part));
    }
    return counts;
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
