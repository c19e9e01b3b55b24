package dev.aivid.credits;

import dev.aivid.credits.internal.LedgerEngine;
import dev.aivid.credits.internal.LedgerRepository;
import dev.aivid.credits.internal.Operation;
import dev.aivid.support.Ids;
import dev.aivid.support.PeriodicTask;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one credit pool: two-phase holds on every level at once, posted or voided exactly once,
 * balances exact at every commit. Writes go through the group-commit engine; reads see the last
 * commit.
 */
public final class LedgerService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerService.class);
  private static final long WAIT_SECONDS = 30;
  private static final int EXPIRY_BATCH = 1_000;
  /** The advisory lock one node holds while it sweeps expired holds ("aivid" + 1). */
  private static final long EXPIRY_SWEEP_LOCK = 0x6169766964_01L;

  private final LedgerEngine engine;
  private final LedgerRepository repository;
  private final InstantSource clock;
  private final Ids ids;
  private final BalanceNotifications notifications;
  private final PeriodicTask sweeper;
  private boolean started;

  public LedgerService(
      DataSource dataSource,
      Jdbi jdbi,
      InstantSource clock,
      Ids ids,
      int queueCapacity,
      int maxBatchSize,
      long expirySweepMillis) {
    this.engine = new LedgerEngine(dataSource, clock, ids, queueCapacity, maxBatchSize);
    this.repository = new LedgerRepository(jdbi);
    this.clock = clock;
    this.ids = ids;
    this.notifications = new BalanceNotifications(dataSource);
    this.sweeper = new PeriodicTask("ledger-expiry", expirySweepMillis, this::sweepOnce);
  }

  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    notifications.start();
    sweeper.start();
  }

  public HoldResult hold(HoldRequest request) {
    CompletableFuture<HoldResult> future = new CompletableFuture<>();
    engine.submit(new Operation.Hold(request, future));
    return await(future);
  }

  /**
   * Places every hold or none, in one commit (a storyboard's shots): {@link HoldResult.Held} names
   * the group and its total, {@link HoldResult.Insufficient} the level that cannot cover the total.
   * Each hold is then posted, voided or expired on its own.
   */
  public HoldResult holdGroup(String groupId, List<HoldRequest> requests) {
    if (requests.isEmpty()) {
      throw new CreditsException("invalid_hold_group", "A hold group needs at least one hold");
    }
    HoldRequest first = requests.getFirst();
    long total = 0;
    java.util.Set<String> holdIds = new java.util.HashSet<>();
    for (HoldRequest request : requests) {
      if (!request.organizationId().equals(first.organizationId())
          || !java.util.Objects.equals(request.projectId(), first.projectId())
          || !java.util.Objects.equals(request.apiKeyId(), first.apiKeyId())) {
        throw new CreditsException("invalid_hold_group", "The holds of a group share one organisation, project and key");
      }
      if (!holdIds.add(request.holdId())) {
        throw new CreditsException("invalid_hold_group", "Hold id " + request.holdId() + " appears twice in the group");
      }
      total += request.amountMicros();
      if (total > Credits.MAX_MICROS) {
        throw new CreditsException("invalid_amount", "A hold group's total is too large");
      }
    }
    CompletableFuture<HoldResult> future = new CompletableFuture<>();
    engine.submit(new Operation.HoldGroup(groupId, requests, future));
    return await(future);
  }

  /** Posts the actual charge (at most the hold; the rest is released). */
  public SettleResult post(String holdId, Charge charge) {
    return settle(holdId, Operation.Resolution.POST, charge, null, null);
  }

  public SettleResult voidHold(String holdId, String reason) {
    return settle(holdId, Operation.Resolution.VOID, null, reason, null);
  }

  /** Voids on behalf of an organisation: another organisation's hold is an unknown hold. */
  public SettleResult voidHold(String organizationId, String holdId, String reason) {
    return settle(holdId, Operation.Resolution.VOID, null, reason, organizationId);
  }

  public SettleResult post(String organizationId, String holdId, Charge charge) {
    return settle(holdId, Operation.Resolution.POST, charge, null, organizationId);
  }

  private SettleResult settle(
      String holdId,
      Operation.Resolution resolution,
      @Nullable Charge charge,
      @Nullable String reason,
      @Nullable String organizationId) {
    CompletableFuture<SettleResult> future = new CompletableFuture<>();
    engine.submit(new Operation.Settle(holdId, resolution, charge, reason, organizationId, future));
    return await(future);
  }

  public GrantResult grant(
      String organizationId, long amountMicros, String reason, @Nullable String transferId) {
    if (amountMicros <= 0 || amountMicros > Credits.MAX_MICROS) {
      throw new CreditsException("invalid_amount", "A grant must be a positive amount");
    }
    CompletableFuture<GrantResult> future = new CompletableFuture<>();
    engine.submit(
        new Operation.Grant(
            transferId == null ? ids.timeOrdered("grant", 24) : transferId,
            organizationId,
            amountMicros,
            reason,
            future));
    return await(future);
  }

  /** Expires every hold past its timeout; returns how many were expired now. */
  public int expireDue() {
    List<CompletableFuture<SettleResult>> futures = new ArrayList<>();
    for (String holdId : repository.dueHolds(clock.instant(), EXPIRY_BATCH)) {
      CompletableFuture<SettleResult> future = new CompletableFuture<>();
      engine.submit(
          new Operation.Settle(holdId, Operation.Resolution.EXPIRE, null, "hold timed out", null, future));
      futures.add(future);
    }
    int expired = 0;
    for (CompletableFuture<SettleResult> future : futures) {
      if (await(future) instanceof SettleResult.Expired) {
        expired++;
      }
    }
    return expired;
  }

  /**
   * {@link #expireDue} unless another node is sweeping right now (then empty): every node runs the
   * sweeper, one at a time sweeps. Without the lock each hold would still expire once (a hold
   * resolves once, under its accounts' locks), but every node would scan and queue the same holds.
   */
  public Optional<Integer> expireDueUnlessSweptElsewhere() {
    return repository.whileLocked(EXPIRY_SWEEP_LOCK, this::expireDue);
  }

  private void sweepOnce() {
    int expired = expireDueUnlessSweptElsewhere().orElse(0);
    if (expired > 0) {
      LOG.info("Expired {} holds past their timeout", expired);
    }
  }

  public OrganizationBalance balance(String organizationId) {
    List<AccountBalance> accounts = repository.balances(organizationId, clock.instant());
    AccountBalance pool =
        accounts.stream()
            .filter(account -> account.scope() == BudgetScope.ORGANIZATION)
            .findFirst()
            .orElse(
                new AccountBalance(
                    "pool:" + organizationId,
                    BudgetScope.ORGANIZATION,
                    organizationId,
                    null,
                    ResetPeriod.NEVER,
                    0,
                    0,
                    0,
                    0,
                    0L));
    return new OrganizationBalance(
        pool, accounts.stream().filter(account -> account.scope() != BudgetScope.ORGANIZATION).toList());
  }

  public List<Transfer> transfers(
      String organizationId, @Nullable String afterId, int limit, @Nullable String kind, @Nullable String videoId) {
    return repository.transfers(organizationId, afterId, limit, kind, videoId);
  }

  public long postedMicros(String organizationId, String holdId) {
    return repository.postedMicros(organizationId, holdId).orElse(0L);
  }

  public java.util.Optional<Transfer> transfer(String organizationId, String transferId) {
    return repository.transfer(organizationId, transferId);
  }

  public boolean transferExists(String organizationId, String transferId) {
    return repository.transferExists(organizationId, transferId);
  }

  /** The caller has checked that {@code targetId} belongs to the organisation. */
  public BudgetResult setBudget(
      String organizationId, BudgetScope scope, String targetId, long limitMicros, ResetPeriod period) {
    if (scope == BudgetScope.ORGANIZATION) {
      throw new CreditsException("invalid_budget_scope", "The pool is funded by grants, not a budget");
    }
    if (limitMicros < 0 || limitMicros > Credits.MAX_MICROS) {
      throw new CreditsException("invalid_amount", "A budget limit must be zero or more");
    }
    return repository
        .upsertBudget(organizationId, scope, targetId, limitMicros, period, clock.instant())
        .<BudgetResult>map(
            budget ->
                new BudgetResult.Saved(
                    budget,
                    repository.balances(organizationId, clock.instant()).stream()
                        .filter(balance -> balance.accountId().equals(budget.id()))
                        .findFirst()
                        .orElseThrow()))
        .orElseGet(
            () ->
                new BudgetResult.BelowCommitted(
                    limitMicros,
                    repository.committedMicros(
                        scope == BudgetScope.PROJECT ? "project:" + targetId : "key:" + targetId,
                        period.periodStart(clock.instant()))));
  }

  public List<Budget> budgets(String organizationId) {
    return repository.budgets(organizationId);
  }

  public boolean closeBudget(String organizationId, String budgetId) {
    return repository.closeBudget(organizationId, budgetId, clock.instant());
  }

  public VerifyReport verify() {
    return new VerifyReport(repository.accountCount(), repository.transferCount(), repository.drifts());
  }

  /** Calls {@code listener} with the organisation's id after every commit that changed it. */
  public AutoCloseable subscribe(String organizationId, Runnable listener) {
    return notifications.subscribe(organizationId, listener);
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CreditsException credits) {
        throw credits;
      }
      throw new CreditsException("ledger_write_failed", "The ledger failed", e.getCause());
    } catch (TimeoutException e) {
      throw new CreditsException("ledger_timeout", "The ledger did not answer in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CreditsException("ledger_interrupted", "Interrupted while waiting for the ledger", e);
    }
  }

  @Override
  public void close() {
    sweeper.close();
    notifications.close();
    engine.close();
  }
}
