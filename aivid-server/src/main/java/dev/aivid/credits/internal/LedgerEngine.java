package dev.aivid.credits.internal;

import dev.aivid.credits.BudgetScope;
import dev.aivid.credits.CreditsException;
import dev.aivid.credits.GrantResult;
import dev.aivid.credits.HoldRequest;
import dev.aivid.credits.HoldResult;
import dev.aivid.credits.SettleResult;
import dev.aivid.support.Ids;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the ledger. Callers enqueue operations; one writer thread takes everything
 * waiting (up to a bound), locks the accounts involved in id order, applies the operations one by
 * one in memory, and writes transfers and balances in a single transaction — one durable commit
 * for thousands of holds. Row locks and check constraints keep it exact across nodes.
 *
 * <p>A batch costs four round trips on one of the writer's two connections: lock the accounts, a
 * binary {@code COPY} of the transfers ({@link TransferCopy}), one statement that writes the
 * balances and notifies, and the commit. The
 * commit runs on a committer thread, and the next batch is written during it (see {@link
 * #apply}): the durable flush of one batch overlaps the inserts of the next. Hold and
 * grant ids are assumed new, since looking them up costs as much as inserting them: an id that
 * already exists fails the primary key (or, for a hold refused for funds, is found by the same
 * statement), and the batch is rolled back and applied again after looking its ids up, so a replay
 * still returns the first result and never moves a balance twice.
 */
public final class LedgerEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerEngine.class);
  private static final String ACCOUNT_COLUMNS =
      "id, organization_id, kind, limit_micros, reset_period, period_started_at, debits_pending,"
          + " debits_posted, credits_pending, credits_posted, period_debits_posted, closed_at";

  private static final int MAX_CONFLICT_ATTEMPTS = 3;
  private final DataSource dataSource;
  private final InstantSource clock;
  private final Ids ids;
  private final int maxBatchSize;
  private final ArrayBlockingQueue<Operation> queue;
  private final Set<String> knownAccounts = ConcurrentHashMap.newKeySet();
  private final Thread writer;
  private volatile boolean running = true;
  /** The writer's two connections (reopened after a failure); a slot is used by one batch. */
  private final @Nullable Connection[] connections = new Connection[2];
  /**
   * Commits waiting for the committer thread, which runs them in order while the writer applies
   * the next batch; a full queue makes the writer wait.
   */
  private final ArrayBlockingQueue<Runnable> commits = new ArrayBlockingQueue<>(1);

  private static final Runnable STOP_COMMITTER = () -> {};
  /** The batch whose commit was handed over last; only the writer thread reads or sets it. */
  private @Nullable InFlight inFlight;
  /** The one handed over before it, which used the other connection. */
  private @Nullable InFlight olderInFlight;

  public LedgerEngine(
      DataSource dataSource, InstantSource clock, Ids ids, int queueCapacity, int maxBatchSize) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.ids = ids;
    this.maxBatchSize = maxBatchSize;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    Thread.ofPlatform().name("ledger-committer").daemon().start(this::commitLoop);
    this.writer = Thread.ofPlatform().name("ledger-writer").daemon().start(this::writeLoop);
  }

  /** Queues an operation; its future completes after the commit that contains it. */
  public void submit(Operation operation) {
    if (!running) {
      operation.future().completeExceptionally(
          new CreditsException("ledger_stopped", "The ledger is shutting down"));
      return;
    }
    if (!queue.offer(operation)) {
      operation.future().completeExceptionally(
          new CreditsException("ledger_overloaded", "Too many ledger operations waiting; retry"));
      return;
    }
    // close() may have drained the queue between the check above and the offer.
    if (!running && queue.remove(operation)) {
      operation.future().completeExceptionally(
          new CreditsException("ledger_stopped", "The ledger is shutting down"));
    }
  }

  private void writeLoop() {
    List<Operation> batch = new ArrayList<>(maxBatchSize);
    while (running || !queue.isEmpty()) {
      try {
        Operation first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatchSize - 1);
        commit(batch);
      } catch (InterruptedException e) {
        if (!running) {
          break;
        }
      } catch (RuntimeException e) {
        LOG.error("Ledger batch failed unexpectedly", e);
        batch.forEach(operation -> operation.future().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
    Operation left;
    while ((left = queue.poll()) != null) {
      left.future().completeExceptionally(
          new CreditsException("ledger_stopped", "The ledger is shutting down"));
    }
    releaseConnections();
    handOver(STOP_COMMITTER);
  }

  private void commitLoop() {
    while (true) {
      Runnable commit;
      try {
        commit = commits.take();
      } catch (InterruptedException e) {
        return;
      }
      if (commit == STOP_COMMITTER) {
        return;
      }
      commit.run();
    }
  }

  /** Queues a commit for the committer, or runs it here if this thread is interrupted. */
  private void handOver(Runnable commit) {
    try {
      commits.put(commit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (commit != STOP_COMMITTER) {
        commit.run();
      }
    }
  }

  /** Commits the batch; if the database refuses it, retries each operation alone to isolate it. */
  private void commit(List<Operation> batch) {
    commit(batch, 1);
  }

  private void commit(List<Operation> batch, int attempt) {
    try {
      // An id in the batch already in the ledger: replays need the first outcome, so look up.
      if (!apply(batch, false) && !apply(batch, true)) {
        throw new SQLException("A transfer id appeared between the lookup and the insert", "40001");
      }
    } catch (SQLException e) {
      if (isConflict(e) && attempt < MAX_CONFLICT_ATTEMPTS) {
        // Another node committed the same id between our read and our write: re-read and retry.
        commit(batch, attempt + 1);
        return;
      }
      if (batch.size() == 1) {
        batch.getFirst().future().completeExceptionally(
            new CreditsException("ledger_write_failed", "The ledger could not commit", e));
        return;
      }
      LOG.warn("Ledger batch of {} refused ({}); retrying one by one", batch.size(), e.getMessage());
      for (Operation operation : batch) {
        commit(List.of(operation));
      }
    }
  }

  private static boolean isConflict(SQLException e) {
    String state = e.getSQLState();
    return "23505".equals(state) || "40001".equals(state) || "40P01".equals(state);
  }

  /**
   * Applies the batch and hands its commit to the committer, or returns false, having rolled back,
   * when {@code lookUpIds} is false and a hold or grant id of the batch was already in the ledger.
   *
   * <p>While the previous batch's commit is in flight, a batch of holds and grants is applied to
   * the balances that commit leaves behind, so that its transfers are written during the previous
   * fsync; its balance update then waits for the previous commit's row locks and applies only if
   * every account is exactly as predicted. Otherwise it rolls back and runs again after that commit
   * on freshly locked rows. Settles always wait: they read holds and resolutions the previous batch
   * may be writing.
   */
  private boolean apply(List<Operation> batch, boolean lookUpIds) throws SQLException {
    InFlight previous = inFlight;
    boolean pipelined =
        previous != null && !lookUpIds && !previous.committed().isDone() && !hasSettle(batch);
    if (!pipelined) {
      awaitInFlight();
      previous = null;
    }
    Outcome outcome = applyOn(batch, lookUpIds, previous);
    if (outcome == Outcome.MISPREDICTED) {
      awaitInFlight();
      outcome = applyOn(batch, lookUpIds, null);
    }
    return outcome == Outcome.COMMITTING;
  }

  private enum Outcome {
    COMMITTING,
    ID_EXISTS,
    MISPREDICTED
  }

  private Outcome applyOn(List<Operation> batch, boolean lookUpIds, @Nullable InFlight previous)
      throws SQLException {
    Instant now = clock.instant();
    int slot = previous == null ? 0 : 1 - previous.slot();
    InFlight older = olderInFlight;
    if (previous != null && older != null) {
      // The other connection is free once the commit before the previous one has returned.
      older.committed().join();
    }
    Connection connection = connection(slot);
    try {
      Set<String> created = ensureAccounts(connection, batch);
      // Which accounts to lock comes from the holds (their accounts never change); what is
      // already resolved or held is read only after the locks, when no other node can be
      // mid-way through the same accounts.
      Set<String> accountIds = accountIds(batch, loadPending(connection, batch));
      Map<String, AccountState> accounts = new HashMap<>();
      if (previous != null) {
        for (String accountId : accountIds) {
          AccountState committing = previous.accounts().get(accountId);
          if (committing != null) {
            accounts.put(accountId, new AccountState(committing));
          }
        }
        accountIds.removeAll(accounts.keySet());
      }
      accounts.putAll(lockAccounts(connection, accountIds));
      Map<String, PendingTransfer> pending = loadPending(connection, batch);
      Map<String, ExistingTransfer> existing =
          lookUpIds ? loadExisting(connection, batch) : new HashMap<>();
      BatchState state = new BatchState(accounts, pending, existing, now);
      List<Runnable> completions = new ArrayList<>(batch.size());
      for (Operation operation : batch) {
        completions.add(applyOne(operation, state));
      }
      if (previous != null && sharesIds(state, previous.transferIds())) {
        connection.rollback();
        return Outcome.ID_EXISTS;
      }
      Outcome outcome;
      try {
        outcome = writeBatch(connection, state, accounts.values());
      } catch (SQLException e) {
        String sqlState = e.getSQLState();
        if (previous != null && ("23514".equals(sqlState) || "40P01".equals(sqlState))) {
          // Another node moved a predicted account (a check constraint refused the sum), or
          // locked one out of order: run again on freshly locked rows.
          outcome = Outcome.MISPREDICTED;
        } else if (!lookUpIds && "23505".equals(sqlState)) {
          outcome = Outcome.ID_EXISTS;
        } else {
          throw e;
        }
      }
      if (outcome != Outcome.COMMITTING) {
        connection.rollback();
        return outcome;
      }
      Set<String> transferIds = new HashSet<>();
      state.transfers.forEach(transfer -> transferIds.add(transfer.id()));
      InFlight committing =
          new InFlight(slot, new CompletableFuture<>(), accounts, transferIds);
      handOver(() -> finishCommit(committing, connection, batch, completions, created));
      olderInFlight = inFlight;
      inFlight = committing;
      return Outcome.COMMITTING;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailed) {
        e.addSuppressed(rollbackFailed);
        discardConnection(slot);
      }
      throw e;
    }
  }

  /** On the committer thread: the durable commit, then the callers are told. */
  private void finishCommit(
      InFlight committing,
      Connection connection,
      List<Operation> batch,
      List<Runnable> completions,
      Set<String> created) {
    try {
      connection.commit();
    } catch (SQLException e) {
      discardConnection(committing.slot());
      committing.committed().complete(null);
      CreditsException failed =
          new CreditsException("ledger_write_failed", "The ledger could not commit", e);
      batch.forEach(operation -> operation.future().completeExceptionally(failed));
      return;
    }
    knownAccounts.addAll(created);
    committing.committed().complete(null);
    completions.forEach(Runnable::run);
  }

  private void awaitInFlight() {
    InFlight previous = inFlight;
    if (previous != null) {
      // Commits run in order: the last one returning means every earlier one has.
      previous.committed().join();
      inFlight = null;
    }
    olderInFlight = null;
  }

  private static boolean hasSettle(List<Operation> batch) {
    for (Operation operation : batch) {
      if (operation instanceof Operation.Settle) {
        return true;
      }
    }
    return false;
  }

  /** Whether the batch writes, or refused for funds, an id the commit in flight is writing. */
  private static boolean sharesIds(BatchState state, Set<String> committingIds) {
    for (TransferRow transfer : state.transfers) {
      if (committingIds.contains(transfer.id())) {
        return true;
      }
    }
    for (String refused : state.refusedIds) {
      if (committingIds.contains(refused)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The writer keeps two connections, one per batch in flight: borrowing per batch, and setting
   * the planner up per transaction, each cost a round trip on every commit.
   */
  private Connection connection(int slot) throws SQLException {
    Connection connection = connections[slot];
    if (connection != null && !connection.isClosed()) {
      return connection;
    }
    connection = dataSource.getConnection();
    try {
      connection.setAutoCommit(false);
      // Every query here looks rows up by key; a plan made while a table was small must not
      // turn them into sequential scans of the whole ledger.
      try (var statement = connection.createStatement()) {
        statement.execute("set enable_seqscan = off");
      }
      connection.commit();
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    connections[slot] = connection;
    return connection;
  }

  private void discardConnection(int slot) {
    Connection connection = connections[slot];
    connections[slot] = null;
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("Closing a failed ledger connection", e);
      }
    }
  }

  /** Hands the writer's connections back to the pool as they were borrowed. */
  private void releaseConnections() {
    awaitInFlight();
    for (int slot = 0; slot < connections.length; slot++) {
      Connection connection = connections[slot];
      if (connection == null) {
        continue;
      }
      try (var statement = connection.createStatement()) {
        connection.rollback();
        statement.execute("reset enable_seqscan");
        connection.commit();
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        LOG.debug("Resetting a ledger connection", e);
      }
      discardConnection(slot);
    }
  }

  private Runnable applyOne(Operation operation, BatchState state) {
    return switch (operation) {
      case Operation.Hold hold -> {
        HoldResult result = hold(hold.request(), state, null);
        if (result instanceof HoldResult.Insufficient) {
          state.refusedIds.add(hold.request().holdId());
        }
        yield () -> hold.future().complete(result);
      }
      case Operation.HoldGroup group -> {
        HoldResult result = holdGroup(group, state);
        if (result instanceof HoldResult.Insufficient) {
          group.requests().forEach(request -> state.refusedIds.add(request.holdId()));
        }
        yield () -> group.future().complete(result);
      }
      case Operation.Settle settle -> {
        SettleResult result = settle(settle, state);
        yield () -> settle.future().complete(result);
      }
      case Operation.Grant grant -> {
        GrantResult result = grant(grant, state);
        yield () -> grant.future().complete(result);
      }
    };
  }

  /**
   * All the group's holds or none: the total is checked against the pool and each budget first
   * (every request shares one organisation, project and key), then each is placed as usual.
   */
  private HoldResult holdGroup(Operation.HoldGroup group, BatchState state) {
    long total = 0;
    int alreadyHeld = 0;
    for (HoldRequest request : group.requests()) {
      total += request.amountMicros();
      ExistingTransfer previous = state.existing.get(request.holdId());
      if (previous == null) {
        continue;
      }
      if (!previous.kind().equals("pending")
          || !previous.organizationId().equals(request.organizationId())
          || previous.amountMicros() != request.amountMicros()) {
        return new HoldResult.Conflict(request.holdId());
      }
      alreadyHeld++;
    }
    if (alreadyHeld == group.requests().size()) {
      return new HoldResult.Held(group.groupId(), total, true);
    }
    if (alreadyHeld > 0) {
      return new HoldResult.Conflict(group.groupId());
    }
    HoldRequest first = group.requests().getFirst();
    AccountState pool = state.accounts.get(AccountIds.pool(first.organizationId()));
    if (pool == null) {
      throw new IllegalStateException("Accounts for " + first.organizationId() + " not locked");
    }
    AccountState projectBudget =
        budget(state, first.projectId() == null ? null : AccountIds.projectBudget(first.projectId()));
    AccountState keyBudget =
        budget(state, first.apiKeyId() == null ? null : AccountIds.apiKeyBudget(first.apiKeyId()));
    if (pool.availableMicros() < total) {
      return new HoldResult.Insufficient(BudgetScope.ORGANIZATION, total, Math.max(0, pool.availableMicros()));
    }
    if (projectBudget != null && projectBudget.availableMicros() < total) {
      return new HoldResult.Insufficient(BudgetScope.PROJECT, total, Math.max(0, projectBudget.availableMicros()));
    }
    if (keyBudget != null && keyBudget.availableMicros() < total) {
      return new HoldResult.Insufficient(BudgetScope.API_KEY, total, Math.max(0, keyBudget.availableMicros()));
    }
    for (HoldRequest request : group.requests()) {
      if (!(hold(request, state, "hold group " + group.groupId()) instanceof HoldResult.Held)) {
        // The total fitted every level, so each part fits: anything else is a bug, and the whole
        // batch rolls back rather than leave part of a group held.
        throw new IllegalStateException("Hold " + request.holdId() + " of group " + group.groupId() + " did not fit");
      }
    }
    return new HoldResult.Held(group.groupId(), total, false);
  }

  private HoldResult hold(HoldRequest request, BatchState state, @Nullable String reason) {
    ExistingTransfer previous = state.existing.get(request.holdId());
    if (previous != null) {
      return previous.kind().equals("pending")
              && previous.organizationId().equals(request.organizationId())
              && previous.amountMicros() == request.amountMicros()
          ? new HoldResult.Held(request.holdId(), request.amountMicros(), true)
          : new HoldResult.Conflict(request.holdId());
    }
    AccountState pool = state.accounts.get(AccountIds.pool(request.organizationId()));
    AccountState provider =
        state.accounts.get(AccountIds.provider(request.organizationId(), request.provider()));
    if (pool == null || provider == null) {
      throw new IllegalStateException("Accounts for " + request.organizationId() + " not locked");
    }
    AccountState projectBudget =
        budget(state, request.projectId() == null ? null : AccountIds.projectBudget(request.projectId()));
    AccountState keyBudget =
        budget(state, request.apiKeyId() == null ? null : AccountIds.apiKeyBudget(request.apiKeyId()));
    long amount = request.amountMicros();
    if (pool.availableMicros() < amount) {
      return new HoldResult.Insufficient(
          BudgetScope.ORGANIZATION, amount, Math.max(0, pool.availableMicros()));
    }
    if (projectBudget != null && projectBudget.availableMicros() < amount) {
      return new HoldResult.Insufficient(
          BudgetScope.PROJECT, amount, Math.max(0, projectBudget.availableMicros()));
    }
    if (keyBudget != null && keyBudget.availableMicros() < amount) {
      return new HoldResult.Insufficient(
          BudgetScope.API_KEY, amount, Math.max(0, keyBudget.availableMicros()));
    }
    pool.debitsPending += amount;
    pool.dirty = true;
    provider.creditsPending += amount;
    provider.dirty = true;
    for (AccountState budget : new AccountState[] {projectBudget, keyBudget}) {
      if (budget != null) {
        budget.debitsPending += amount;
        budget.dirty = true;
      }
    }
    state.transfers.add(
        new TransferRow(
            request.holdId(),
            request.organizationId(),
            "pending",
            pool.id,
            provider.id,
            amount,
            null,
            request.projectId(),
            request.apiKeyId(),
            projectBudget == null ? null : projectBudget.id,
            keyBudget == null ? null : keyBudget.id,
            request.videoId(),
            request.provider(),
            request.model(),
            null,
            null,
            reason,
            request.timeoutAt(),
            state.now));
    state.existing.put(
        request.holdId(),
        new ExistingTransfer("pending", request.organizationId(), amount));
    state.pending.put(
        request.holdId(),
        new PendingTransfer(
            request.holdId(),
            request.organizationId(),
            pool.id,
            provider.id,
            amount,
            request.projectId(),
            request.apiKeyId(),
            projectBudget == null ? null : projectBudget.id,
            keyBudget == null ? null : keyBudget.id,
            request.videoId(),
            request.provider(),
            request.model(),
            null,
            null));
    state.touchedOrganizations.add(request.organizationId());
    return new HoldResult.Held(request.holdId(), amount, false);
  }

  private static @Nullable AccountState budget(BatchState state, @Nullable String accountId) {
    if (accountId == null) {
      return null;
    }
    AccountState budget = state.accounts.get(accountId);
    if (budget == null || budget.closed) {
      return null;
    }
    budget.rollPeriod(state.now);
    return budget;
  }

  private SettleResult settle(Operation.Settle settle, BatchState state) {
    PendingTransfer hold = state.pending.get(settle.holdId());
    if (hold == null
        || (settle.organizationId() != null && !settle.organizationId().equals(hold.organizationId()))) {
      return new SettleResult.UnknownHold(settle.holdId());
    }
    if (hold.resolutionKind() != null) {
      return new SettleResult.AlreadyResolved(hold.resolutionKind(), String.valueOf(hold.resolutionId()));
    }
    long held = hold.amountMicros();
    long posted = 0;
    if (settle.resolution() == Operation.Resolution.POST) {
      posted = settle.charge() == null ? held : settle.charge().amountMicros();
      if (posted > held) {
        return new SettleResult.ExceedsHold(held, posted);
      }
    }
    AccountState debit = state.accounts.get(hold.debitAccountId());
    AccountState credit = state.accounts.get(hold.creditAccountId());
    if (debit == null || credit == null) {
      throw new IllegalStateException("Accounts of hold " + hold.id() + " not locked");
    }
    debit.debitsPending -= held;
    debit.debitsPosted += posted;
    debit.dirty = true;
    credit.creditsPending -= held;
    credit.creditsPosted += posted;
    credit.dirty = true;
    for (String budgetId :
        new String[] {hold.projectBudgetAccountId(), hold.apiKeyBudgetAccountId()}) {
      AccountState budget = budgetId == null ? null : state.accounts.get(budgetId);
      if (budget != null) {
        budget.rollPeriod(state.now);
        budget.debitsPending -= held;
        budget.debitsPosted += posted;
        budget.periodDebitsPosted += posted;
        budget.dirty = true;
      }
    }
    String kind =
        switch (settle.resolution()) {
          case POST -> "post";
          case VOID -> "void";
          case EXPIRE -> "expire";
        };
    String transferId = ids.timeOrdered("xfer", 24);
    long amount = settle.resolution() == Operation.Resolution.POST ? posted : held;
    state.transfers.add(
        new TransferRow(
            transferId,
            hold.organizationId(),
            kind,
            hold.debitAccountId(),
            hold.creditAccountId(),
            amount,
            hold.id(),
            hold.projectId(),
            hold.apiKeyId(),
            hold.projectBudgetAccountId(),
            hold.apiKeyBudgetAccountId(),
            hold.videoId(),
            settle.charge() == null ? hold.provider() : settle.charge().provider(),
            settle.charge() == null ? hold.model() : settle.charge().model(),
            settle.charge() == null ? null : settle.charge().seconds(),
            settle.charge() == null ? null : settle.charge().resolution(),
            settle.reason(),
            null,
            state.now));
    state.pending.put(hold.id(), hold.resolvedBy(kind, transferId));
    state.touchedOrganizations.add(hold.organizationId());
    return switch (settle.resolution()) {
      case POST -> new SettleResult.Posted(transferId, posted, held - posted);
      case VOID -> new SettleResult.Voided(transferId, held);
      case EXPIRE -> new SettleResult.Expired(transferId, held);
    };
  }

  private GrantResult grant(Operation.Grant grant, BatchState state) {
    ExistingTransfer previous = state.existing.get(grant.transferId());
    if (previous != null) {
      return previous.kind().equals("grant")
              && previous.organizationId().equals(grant.organizationId())
              && previous.amountMicros() == grant.amountMicros()
          ? new GrantResult.Granted(grant.transferId(), grant.amountMicros(), true)
          : new GrantResult.Conflict(grant.transferId());
    }
    AccountState pool = state.accounts.get(AccountIds.pool(grant.organizationId()));
    AccountState source = state.accounts.get(AccountIds.grants(grant.organizationId()));
    if (pool == null || source == null) {
      throw new IllegalStateException("Accounts for " + grant.organizationId() + " not locked");
    }
    pool.creditsPosted += grant.amountMicros();
    pool.dirty = true;
    source.debitsPosted += grant.amountMicros();
    source.dirty = true;
    state.transfers.add(
        new TransferRow(
            grant.transferId(),
            grant.organizationId(),
            "grant",
            source.id,
            pool.id,
            grant.amountMicros(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            grant.reason(),
            null,
            state.now));
    state.existing.put(
        grant.transferId(),
        new ExistingTransfer("grant", grant.organizationId(), grant.amountMicros()));
    state.touchedOrganizations.add(grant.organizationId());
    return new GrantResult.Granted(grant.transferId(), grant.amountMicros(), false);
  }

  /** Pool, grants and provider accounts are created on first use; budgets only by an admin. */
  private Set<String> ensureAccounts(Connection connection, List<Operation> batch)
      throws SQLException {
    Map<String, String[]> missing = new HashMap<>();
    for (Operation operation : batch) {
      String organization = operation.organizationId();
      if (organization == null) {
        continue;
      }
      missing.put(AccountIds.pool(organization), new String[] {organization, "organization_pool", organization});
      missing.put(AccountIds.grants(organization), new String[] {organization, "grants", organization});
      List<HoldRequest> requests =
          switch (operation) {
            case Operation.Hold hold -> List.of(hold.request());
            case Operation.HoldGroup group -> group.requests();
            case Operation.Settle settle -> List.of();
            case Operation.Grant grant -> List.of();
          };
      for (HoldRequest request : requests) {
        missing.put(
            AccountIds.provider(organization, request.provider()),
            new String[] {organization, "provider_cost", request.provider()});
      }
    }
    missing.keySet().removeAll(knownAccounts);
    if (missing.isEmpty()) {
      return Set.of();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into credit_accounts (id, organization_id, kind, owner_id) values (?, ?, ?, ?)"
                + " on conflict (id) do nothing")) {
      for (Map.Entry<String, String[]> account : new java.util.TreeMap<>(missing).entrySet()) {
        insert.setString(1, account.getKey());
        insert.setString(2, account.getValue()[0]);
        insert.setString(3, account.getValue()[1]);
        insert.setString(4, account.getValue()[2]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return missing.keySet();
  }

  private Map<String, PendingTransfer> loadPending(Connection connection, List<Operation> batch)
      throws SQLException {
    Set<String> holdIds = new LinkedHashSet<>();
    for (Operation operation : batch) {
      if (operation instanceof Operation.Settle settle) {
        holdIds.add(settle.holdId());
      }
    }
    Map<String, PendingTransfer> pending = new HashMap<>();
    if (holdIds.isEmpty()) {
      return pending;
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "select p.id, p.organization_id, p.debit_account_id, p.credit_account_id,"
                + " p.amount_micros, p.project_id, p.api_key_id, p.project_budget_account_id,"
                + " p.api_key_budget_account_id, p.video_id, p.provider, p.model, r.kind as"
                + " resolution_kind, r.id as resolution_id from credit_transfers p left join"
                + " credit_transfers r on r.pending_id = p.id where p.id = any(?) and p.kind ="
                + " 'pending'")) {
      query.setArray(1, connection.createArrayOf("text", holdIds.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          pending.put(
              rows.getString("id"),
              new PendingTransfer(
                  rows.getString("id"),
                  rows.getString("organization_id"),
                  rows.getString("debit_account_id"),
                  rows.getString("credit_account_id"),
                  rows.getLong("amount_micros"),
                  rows.getString("project_id"),
                  rows.getString("api_key_id"),
                  rows.getString("project_budget_account_id"),
                  rows.getString("api_key_budget_account_id"),
                  rows.getString("video_id"),
                  rows.getString("provider"),
                  rows.getString("model"),
                  rows.getString("resolution_kind"),
                  rows.getString("resolution_id")));
        }
      }
    }
    return pending;
  }

  private Map<String, ExistingTransfer> loadExisting(Connection connection, List<Operation> batch)
      throws SQLException {
    Set<String> transferIds = new LinkedHashSet<>();
    for (Operation operation : batch) {
      switch (operation) {
        case Operation.Hold hold -> transferIds.add(hold.request().holdId());
        case Operation.HoldGroup group -> group.requests().forEach(request -> transferIds.add(request.holdId()));
        case Operation.Grant grant -> transferIds.add(grant.transferId());
        case Operation.Settle settle -> {}
      }
    }
    Map<String, ExistingTransfer> existing = new HashMap<>();
    if (transferIds.isEmpty()) {
      return existing;
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "select id, kind, organization_id, amount_micros from credit_transfers where id ="
                + " any(?)")) {
      query.setArray(1, connection.createArrayOf("text", transferIds.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          existing.put(
              rows.getString("id"),
              new ExistingTransfer(
                  rows.getString("kind"),
                  rows.getString("organization_id"),
                  rows.getLong("amount_micros")));
        }
      }
    }
    return existing;
  }

  /** Every account the batch may touch, in id order. */
  private static Set<String> accountIds(List<Operation> batch, Map<String, PendingTransfer> pending) {
    Set<String> accountIds = new TreeSet<>();
    for (Operation operation : batch) {
      switch (operation) {
        case Operation.Hold hold -> holdAccounts(hold.request(), accountIds);
        case Operation.HoldGroup group -> group.requests().forEach(request -> holdAccounts(request, accountIds));
        case Operation.Grant grant -> {
          accountIds.add(AccountIds.pool(grant.organizationId()));
          accountIds.add(AccountIds.grants(grant.organizationId()));
        }
        case Operation.Settle settle -> {
          PendingTransfer hold = pending.get(settle.holdId());
          if (hold != null) {
            accountIds.addAll(hold.accountIds());
          }
        }
      }
    }
    return accountIds;
  }

  /** Locks the accounts, in id order so that nodes never deadlock. */
  private Map<String, AccountState> lockAccounts(Connection connection, Set<String> accountIds)
      throws SQLException {
    Map<String, AccountState> accounts = new HashMap<>();
    if (accountIds.isEmpty()) {
      return accounts;
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "select "
                + ACCOUNT_COLUMNS
                + " from credit_accounts where id = any(?) order by id for update")) {
      query.setArray(1, connection.createArrayOf("text", accountIds.toArray()));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          AccountState account = new AccountState(rows);
          accounts.put(account.id, account);
        }
      }
    }
    return accounts;
  }

  private static void holdAccounts(HoldRequest request, Set<String> accountIds) {
    accountIds.add(AccountIds.pool(request.organizationId()));
    accountIds.add(AccountIds.provider(request.organizationId(), request.provider()));
    if (request.projectId() != null) {
      accountIds.add(AccountIds.projectBudget(request.projectId()));
    }
    if (request.apiKeyId() != null) {
      accountIds.add(AccountIds.apiKeyBudget(request.apiKeyId()));
    }
  }

  private static final String WRITE_BALANCES =
      "with"
          // Balances move by the batch's deltas, applied to the row as it is once this statement
          // holds its lock (after a commit in flight), and count only where that row was the one
          // the batch was applied to: then every result equals the predicted one.
          + " updated as (update credit_accounts a set debits_pending = a.debits_pending +"
          + " u.debits_pending - u.was_debits_pending, debits_posted = a.debits_posted +"
          + " u.debits_posted - u.was_debits_posted, credits_pending = a.credits_pending +"
          + " u.credits_pending - u.was_credits_pending, credits_posted = a.credits_posted +"
          + " u.credits_posted - u.was_credits_posted, period_debits_posted ="
          + " a.period_debits_posted + u.period_debits_posted - u.was_period_debits_posted,"
          + " period_started_at = case when a.period_started_at is not distinct from"
          + " u.was_period_started_at then u.period_started_at else '-infinity' end"
          + " from unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],"
          + " ?::bigint[], ?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],"
          + " ?::bigint[], ?::timestamptz[], ?::bigint[], ?::text[], ?::boolean[]) u(id,"
          + " debits_pending, debits_posted, credits_pending, credits_posted, period_debits_posted,"
          + " period_started_at, was_debits_pending, was_debits_posted, was_credits_pending,"
          + " was_credits_posted, was_period_debits_posted, was_period_started_at,"
          + " was_limit_micros, was_reset_period, was_closed) where a.id = u.id returning"
          + " a.debits_pending = u.debits_pending and a.debits_posted = u.debits_posted and"
          + " a.credits_pending = u.credits_pending and a.credits_posted = u.credits_posted and"
          + " a.period_debits_posted = u.period_debits_posted and a.period_started_at is not"
          + " distinct from u.period_started_at and a.limit_micros is not distinct from"
          + " u.was_limit_micros and a.reset_period = u.was_reset_period and (a.closed_at is not"
          + " null) = u.was_closed as as_predicted)"
          + " select (select count(*) from updated where as_predicted) as updated, (select count(*) from (select pg_notify('aivid_credits', organization) from"
          + " unnest(?::text[]) organization) notified) as notified, (select count(*) from"
          + " credit_transfers where id = any(?::text[])) as refused_known";

  /**
   * Copies the batch's transfers in, then writes its changed balances and notifies its
   * organisations in one statement. {@link Outcome#ID_EXISTS} when a hold refused for funds is in
   * fact a replay (a new transfer whose id exists fails the primary key instead, SQLSTATE 23505);
   * {@link Outcome#MISPREDICTED} when an account was not the row the batch was applied to.
   */
  private static Outcome writeBatch(
      Connection connection, BatchState state, Iterable<AccountState> accounts)
      throws SQLException {
    List<TransferRow> transfers = state.transfers;
    if (!transfers.isEmpty() && TransferCopy.copy(connection, transfers) != transfers.size()) {
      return Outcome.ID_EXISTS;
    }
    // Every account the batch read is written, changed or not, so that each decision it made
    // (a refusal too) is checked against the row it was made on.
    List<AccountState> written = new ArrayList<>();
    accounts.forEach(written::add);
    Object[][] balances = new Object[16][written.size()];
    for (int i = 0; i < written.size(); i++) {
      AccountState account = written.get(i);
      AccountState.Snapshot was = account.original;
      balances[0][i] = account.id;
      balances[1][i] = account.debitsPending;
      balances[2][i] = account.debitsPosted;
      balances[3][i] = account.creditsPending;
      balances[4][i] = account.creditsPosted;
      balances[5][i] = account.periodDebitsPosted;
      balances[6][i] = timestamp(account.periodStartedAt);
      balances[7][i] = was.debitsPending();
      balances[8][i] = was.debitsPosted();
      balances[9][i] = was.creditsPending();
      balances[10][i] = was.creditsPosted();
      balances[11][i] = was.periodDebitsPosted();
      balances[12][i] = timestamp(was.periodStartedAt());
      balances[13][i] = was.limitMicros();
      balances[14][i] = was.resetPeriod().wireName();
      balances[15][i] = was.closed();
    }
    String[] balanceTypes = {
      "text", "int8", "int8", "int8", "int8", "int8", "timestamptz", "int8", "int8", "int8", "int8",
      "int8", "timestamptz", "int8", "text", "bool"
    };
    try (PreparedStatement write = connection.prepareStatement(WRITE_BALANCES)) {
      int parameter = 1;
      for (int column = 0; column < balances.length; column++) {
        write.setArray(parameter++, connection.createArrayOf(balanceTypes[column], balances[column]));
      }
      write.setArray(
          parameter++, connection.createArrayOf("text", state.touchedOrganizations.toArray()));
      write.setArray(parameter, connection.createArrayOf("text", state.refusedIds.toArray()));
      try (ResultSet result = write.executeQuery()) {
        result.next();
        if (result.getLong("refused_known") != 0) {
          return Outcome.ID_EXISTS;
        }
        return result.getLong("updated") == written.size()
            ? Outcome.COMMITTING
            : Outcome.MISPREDICTED;
      }
    }
  }

  /** Stops taking work, commits what is queued, then stops the writer. */
  @Override
  public void close() {
    running = false;
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      writer.interrupt();
    }
    Operation left;
    while ((left = queue.poll()) != null) {
      left.future().completeExceptionally(
          new CreditsException("ledger_stopped", "The ledger is shutting down"));
    }
  }

  private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private record ExistingTransfer(String kind, String organizationId, long amountMicros) {}

  /** A batch written and being committed: the balances it leaves and the ids it inserts. */
  private record InFlight(
      int slot,
      CompletableFuture<@Nullable Void> committed,
      Map<String, AccountState> accounts,
      Set<String> transferIds) {}

  private static final class BatchState {
    final Map<String, AccountState> accounts;
    final Map<String, PendingTransfer> pending;
    final Map<String, ExistingTransfer> existing;
    final Instant now;
    final List<TransferRow> transfers = new ArrayList<>();
    final Set<String> touchedOrganizations = new HashSet<>();
    /** Hold ids refused for funds: a replay of an existing id must answer as that id does. */
    final List<String> refusedIds = new ArrayList<>();

    BatchState(
        Map<String, AccountState> accounts,
        Map<String, PendingTransfer> pending,
        Map<String, ExistingTransfer> existing,
        Instant now) {
      this.accounts = accounts;
      this.pending = pending;
      this.existing = existing;
      this.now = now;
    }
  }
}
