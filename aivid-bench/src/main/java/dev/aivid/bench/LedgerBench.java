package dev.aivid.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.aivid.account.AccountService;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.account.CreatedApiKey;
import dev.aivid.account.Organization;
import dev.aivid.account.internal.AccountRepository;
import dev.aivid.credits.BudgetResult;
import dev.aivid.credits.BudgetScope;
import dev.aivid.credits.GrantResult;
import dev.aivid.credits.HoldRequest;
import dev.aivid.credits.HoldResult;
import dev.aivid.credits.LedgerService;
import dev.aivid.credits.ResetPeriod;
import dev.aivid.credits.VerifyReport;
import dev.aivid.credits.internal.AccountIds;
import dev.aivid.database.Database;
import dev.aivid.support.Ids;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Holds per second on one hot organisation pool, durable commits only: the real ledger beside a
 * naive one-transaction-per-hold baseline, in the same embedded PostgreSQL, same run.
 */
final class LedgerBench implements AutoCloseable {
  /** A quarter of a credit: about what a short previz render is held for. */
  static final long AMOUNT_MICROS = 250_000;

  /** A billion credits: no run gets near it, so no hold is ever refused for funds. */
  static final long FUNDS_MICROS = 1_000_000_000_000_000L;

  static final long BUDGET_LIMIT_MICROS = FUNDS_MICROS;

  /** The ledger exactly as {@code App} builds it. */
  static final int QUEUE_CAPACITY = 65_536;

  static final int MAX_BATCH = 4_096;
  static final long EXPIRY_SWEEP_MILLIS = 5_000;
  private static final Duration PROFILE_INTERVAL = Duration.ofMillis(2);

  private final LedgerBenchOptions options;
  private final PrintStream progress;
  private final Path directory;
  private final AtomicBoolean closed = new AtomicBoolean();
  private @Nullable Database database;
  private @Nullable LedgerService ledger;
  private @Nullable NaiveHoldPath naive;

  private LedgerBench(LedgerBenchOptions options, PrintStream progress, Path directory) {
    this.options = options;
    this.progress = progress;
    this.directory = directory;
  }

  static LedgerBenchReport run(LedgerBenchOptions options, PrintStream progress) {
    Path directory;
    try {
      directory = Files.createTempDirectory("aivid-bench-ledger-");
    } catch (IOException e) {
      throw new SetupException("cannot create a temporary directory", e);
    }
    LedgerBench bench = new LedgerBench(options, progress, directory);
    // Embedded PostgreSQL is a separate process: stop it even when the run is interrupted.
    Thread stop = new Thread(bench::close, "aivid-bench-shutdown");
    Runtime.getRuntime().addShutdownHook(stop);
    try (bench) {
      return bench.measure();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // The hook is already running and closes everything itself.
      }
    }
  }

  private LedgerBenchReport measure() {
    progress.println("aivid bench ledger: starting a durable embedded PostgreSQL...");
    Database db;
    try {
      db = Database.open(null, directory, true);
    } catch (RuntimeException e) {
      throw new SetupException("could not start the embedded PostgreSQL", e);
    }
    database = db;
    DataSource dataSource = db.dataSource();
    DatabaseFacts facts;
    try {
      Duration probe = Duration.ofSeconds(options.measureSeconds() >= 10 ? 2 : 1);
      facts = DatabaseFacts.read(dataSource, probe);
    } catch (SQLException e) {
      throw new SetupException("could not read the database settings", e);
    }
    if (!facts.durable()) {
      throw new SetupException(
          "the database is not durable (fsync="
              + facts.settings().get("fsync")
              + ", synchronous_commit="
              + facts.settings().get("synchronous_commit")
              + ")",
          null);
    }

    Ids ids = new Ids(new SecureRandom());
    AccountService accounts =
        new AccountService(new AccountRepository(db.jdbi()), ids, InstantSource.system());
    Organization organization;
    CreatedApiKey key;
    try {
      organization = accounts.createOrganization("bench-ledger");
      key = accounts.createKey(organization, "bench", ApiKeyRole.MEMBER);
    } catch (RuntimeException e) {
      throw new SetupException("could not create the organisation and key", e);
    }
    LedgerService service =
        new LedgerService(
            dataSource,
            db.jdbi(),
            InstantSource.system(),
            ids,
            QUEUE_CAPACITY,
            MAX_BATCH,
            EXPIRY_SWEEP_MILLIS);
    ledger = service;
    service.start();
    fund(service, organization, key);
    if (options.historyTransfers() > 0) {
      progress.printf(
          "aivid bench ledger: seeding %,d historical transfers, then ANALYZE...%n",
          options.historyTransfers());
      seedHistory(service, accounts, dataSource, options.historyTransfers());
    }

    String jdbcUrl = dataSource instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : null;
    if (jdbcUrl == null) {
      throw new SetupException("the database pool is not HikariCP; cannot find its URL", null);
    }
    NaiveHoldPath naivePath;
    try {
      naivePath =
          NaiveHoldPath.create(jdbcUrl, options.naivePoolSize(), AMOUNT_MICROS, FUNDS_MICROS);
    } catch (SQLException | RuntimeException e) {
      throw new SetupException("could not set up the naive baseline", e);
    }
    naive = naivePath;

    BalanceSampler.Progress holdProgress = new BalanceSampler.Progress();
    LedgerHoldPath ledgerPath =
        new LedgerHoldPath(
            service,
            organization.id(),
            organization.defaultProjectId(),
            key.key().id(),
            AMOUNT_MICROS,
            holdProgress);
    LongAdder commits = new LongAdder();
    Thread writer = WriterProfiler.findThread(WriterProfiler.WRITER_THREAD);
    CpuMeter cpu = new CpuMeter(directory.resolve("postgres").resolve("postmaster.pid"));
    List<CellResult> cells = new ArrayList<>();
    AutoCloseable commitCounter = service.subscribe(organization.id(), commits::increment);
    BalanceSampler sampler =
        new BalanceSampler(service, organization.id(), AMOUNT_MICROS, FUNDS_MICROS, holdProgress);
    sampler.start();
    try {
      for (int clients : options.clientCounts()) {
        for (HoldPath path : List.<HoldPath>of(naivePath, ledgerPath)) {
          checkpoint(dataSource);
          progress.printf(
              "aivid bench ledger: %s, %,d clients: %d s warm-up, %d s measured...%n",
              path.name(), clients, options.warmupSeconds(), options.measureSeconds());
          boolean isLedger = path == ledgerPath;
          CellResult cell =
              cell(
                  path,
                  clients,
                  isLedger ? commits : null,
                  isLedger ? writer : null,
                  cpu,
                  isLedger ? dataSource : null);
          cells.add(cell);
          progress.printf(
              "aivid bench ledger:   %,.0f holds/s, p50 %.2f ms, p99 %.2f ms%s%n",
              cell.holdsPerSecond(),
              cell.p50Micros() / 1000.0,
              cell.p99Micros() / 1000.0,
              cell.errors() > 0 ? ", " + cell.errors() + " errors" : "");
        }
      }
    } finally {
      sampler.close();
      closeQuietly(commitCounter);
    }
    BalanceSampler.Result sampling = sampler.result();

    progress.println("aivid bench ledger: verifying the ledger against its transfers...");
    long verifyStart = System.nanoTime();
    VerifyReport verify;
    try {
      verify = service.verify();
    } catch (RuntimeException e) {
      throw new SetupException("LedgerService.verify() failed", e);
    }
    double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
    String naiveProblem;
    try {
      naiveProblem = naivePath.consistencyProblem();
    } catch (SQLException e) {
      naiveProblem = "naive consistency check failed: " + e;
    }
    return new LedgerBenchReport(
        MachineFacts.current(),
        facts,
        options,
        AMOUNT_MICROS,
        MAX_BATCH,
        cells,
        sampling,
        new LedgerBenchReport.Verification(
            verify.accountsChecked(), verify.transfersChecked(), verify.drifts(), verifySeconds),
        naiveProblem);
  }

  private static void fund(LedgerService service, Organization organization, CreatedApiKey key) {
    try {
      GrantResult granted = service.grant(organization.id(), FUNDS_MICROS, "benchmark funds", null);
      if (!(granted instanceof GrantResult.Granted)) {
        throw new SetupException("the funding grant was refused: " + granted, null);
      }
      BudgetResult project =
          service.setBudget(
              organization.id(),
              BudgetScope.PROJECT,
              organization.defaultProjectId(),
              BUDGET_LIMIT_MICROS,
              ResetPeriod.MONTHLY);
      BudgetResult apiKey =
          service.setBudget(
              organization.id(),
              BudgetScope.API_KEY,
              key.key().id(),
              BUDGET_LIMIT_MICROS,
              ResetPeriod.MONTHLY);
      if (!(project instanceof BudgetResult.Saved) || !(apiKey instanceof BudgetResult.Saved)) {
        throw new SetupException("a budget was refused: " + project + ", " + apiKey, null);
      }
    } catch (RuntimeException e) {
      if (e instanceof SetupException) {
        throw e;
      }
      throw new SetupException("could not fund the pool and set the budgets", e);
    }
  }

  /**
   * Gives the ledger tables the history and statistics of a database that has been running: the
   * open holds of another organisation, with balances to match (so verify stays exact), then
   * ANALYZE. Without it, statements prepared while {@code credit_transfers} is empty keep plans
   * made for an empty table (see {@code --history 0}).
   */
  private static void seedHistory(
      LedgerService service, AccountService accounts, DataSource dataSource, int transfers) {
    long amount = 1_000;
    try {
      Organization history = accounts.createOrganization("bench-history");
      if (!(service.grant(history.id(), FUNDS_MICROS, "history funds", null)
          instanceof GrantResult.Granted)) {
        throw new SetupException("the history grant was refused", null);
      }
      // One real hold creates the provider account the seeded holds credit.
      if (!(service.hold(
              new HoldRequest(
                  "history_0",
                  history.id(),
                  history.defaultProjectId(),
                  null,
                  amount,
                  Instant.now().plus(Duration.ofHours(6)),
                  null,
                  "local",
                  "local/previz"))
          instanceof HoldResult.Held)) {
        throw new SetupException("the history hold was refused", null);
      }
      String pool = AccountIds.pool(history.id());
      String provider = AccountIds.provider(history.id(), "local");
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try (PreparedStatement insert =
                connection.prepareStatement(
                    "insert into credit_transfers (id, organization_id, kind, debit_account_id,"
                        + " credit_account_id, amount_micros, project_id, provider, model,"
                        + " timeout_at) select 'hold_' || md5('history' || g), ?, 'pending', ?,"
                        + " ?, ?, ?, 'local', 'local/previz', now() + interval '6 hours' from"
                        + " generate_series(1, ?) g");
            PreparedStatement debit =
                connection.prepareStatement(
                    "update credit_accounts set debits_pending = debits_pending + ? where id = ?");
            PreparedStatement credit =
                connection.prepareStatement(
                    "update credit_accounts set credits_pending = credits_pending + ? where id"
                        + " = ?")) {
          insert.setString(1, history.id());
          insert.setString(2, pool);
          insert.setString(3, provider);
          insert.setLong(4, amount);
          insert.setString(5, history.defaultProjectId());
          insert.setInt(6, transfers);
          insert.executeUpdate();
          debit.setLong(1, amount * transfers);
          debit.setString(2, pool);
          credit.setLong(1, amount * transfers);
          credit.setString(2, provider);
          if (debit.executeUpdate() != 1 || credit.executeUpdate() != 1) {
            throw new SetupException("the history accounts are missing", null);
          }
          connection.commit();
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
        try (Statement statement = connection.createStatement()) {
          statement.execute("analyze credit_transfers, credit_accounts");
        }
      }
    } catch (SQLException | RuntimeException e) {
      if (e instanceof SetupException setup) {
        throw setup;
      }
      throw new SetupException("could not seed the ledger history", e);
    }
  }

  private CellResult cell(
      HoldPath path,
      int clients,
      @Nullable LongAdder commits,
      @Nullable Thread writer,
      CpuMeter cpu,
      @Nullable DataSource ledgerTables) {
    WriterProfiler profiler = writer == null ? null : new WriterProfiler(writer, PROFILE_INTERVAL);
    final class Observed implements ClosedLoopDriver.Window {
      CpuMeter.@Nullable Snapshot cpuStart;
      CpuMeter.Usage usage = CpuMeter.Usage.UNKNOWN;
      long commitsStart;
      long commitCount = -1;
      @Nullable WriterProfile profile;
      TableScans scansStart = TableScans.UNKNOWN;
      TableScans scans = TableScans.UNKNOWN;

      @Override
      public void opened() {
        if (ledgerTables != null) {
          scansStart = TableScans.read(ledgerTables, "credit_transfers");
        }
        if (commits != null) {
          commitsStart = commits.sum();
        }
        if (profiler != null) {
          profiler.start();
        }
        cpuStart = cpu.snapshot();
      }

      @Override
      public void closed() {
        CpuMeter.Snapshot cpuEnd = cpu.snapshot();
        if (commits != null) {
          commitCount = commits.sum() - commitsStart;
        }
        if (profiler != null) {
          profile = profiler.stop();
        }
        CpuMeter.Snapshot start = cpuStart;
        usage = start == null ? CpuMeter.Usage.UNKNOWN : cpu.between(start, cpuEnd);
        if (ledgerTables != null) {
          scans = TableScans.read(ledgerTables, "credit_transfers").since(scansStart);
        }
      }
    }
    Observed observed = new Observed();
    ClosedLoopDriver.Outcome outcome =
        ClosedLoopDriver.run(
            path, clients, options.warmup(), options.measure(), options.randomIds(), observed);
    if (outcome.firstError() != null) {
      progress.printf(
          "aivid bench ledger:   %s errors (%d in the window, %d outside), first: %s%n",
          path.name(), outcome.errors(), outcome.errorsOutsideWindow(), outcome.firstError());
    }
    return CellResult.of(
        path.name(),
        clients,
        options.measure().toNanos() / 1e9,
        outcome.latenciesMicros(),
        outcome.errors(),
        observed.commitCount,
        observed.usage.machine(),
        observed.usage.jvm(),
        observed.usage.postgres(),
        observed.scans.sequentialScans(),
        observed.scans.sequentialRows(),
        observed.profile);
  }

  private static void closeQuietly(AutoCloseable subscription) {
    try {
      subscription.close();
    } catch (Exception e) {
      // Unsubscribing removes a listener from a map.
    }
  }

  /** Starts every cell from a fresh checkpoint, so none pays for the previous cell's WAL. */
  private static void checkpoint(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("checkpoint");
    } catch (SQLException e) {
      throw new SetupException("checkpoint failed", e);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    NaiveHoldPath naivePath = naive;
    if (naivePath != null) {
      naivePath.close();
    }
    LedgerService service = ledger;
    if (service != null) {
      service.close();
    }
    Database db = database;
    if (db != null) {
      db.close();
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
