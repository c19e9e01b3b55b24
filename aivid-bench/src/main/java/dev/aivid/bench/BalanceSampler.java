package dev.aivid.bench;

import dev.aivid.credits.AccountBalance;
import dev.aivid.credits.BudgetScope;
import dev.aivid.credits.LedgerService;
import dev.aivid.credits.OrganizationBalance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Reads the balance the way the SSE stream does, after every commit notification, and checks it
 * against what the clients know: every hold acknowledged before the read must be in it, nothing not
 * yet submitted may be, and the three levels must agree. Notifications that arrive while a read is
 * running are folded into the next read, as a slow SSE client would see them.
 */
final class BalanceSampler implements AutoCloseable {
  private static final int KEPT_VIOLATIONS = 5;

  /** What the clients have done on the pool: holds submitted and holds acknowledged as held. */
  record Progress(LongAdder submitted, LongAdder acknowledged) {
    Progress() {
      this(new LongAdder(), new LongAdder());
    }
  }

  record Result(long samples, long violations, List<String> firstViolations) {}

  private final LedgerService ledger;
  private final String organizationId;
  private final long amountMicros;
  private final long grantedMicros;
  private final Progress progress;
  private final AtomicBoolean signalled = new AtomicBoolean();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong violations = new AtomicLong();
  private final List<String> firstViolations = new ArrayList<>();
  private volatile boolean running;
  private @Nullable Thread reader;
  private @Nullable AutoCloseable subscription;

  BalanceSampler(
      LedgerService ledger,
      String organizationId,
      long amountMicros,
      long grantedMicros,
      Progress progress) {
    this.ledger = ledger;
    this.organizationId = organizationId;
    this.amountMicros = amountMicros;
    this.grantedMicros = grantedMicros;
    this.progress = progress;
  }

  void start() {
    running = true;
    Thread thread = Thread.ofVirtual().name("aivid-bench-balance-sampler").start(this::readLoop);
    reader = thread;
    subscription =
        ledger.subscribe(
            organizationId,
            () -> {
              signalled.set(true);
              LockSupport.unpark(thread);
            });
  }

  private void readLoop() {
    while (running) {
      if (!signalled.getAndSet(false)) {
        LockSupport.parkNanos(50_000_000L);
        continue;
      }
      long acknowledgedBefore = progress.acknowledged().sum();
      OrganizationBalance balance;
      try {
        balance = ledger.balance(organizationId);
      } catch (RuntimeException e) {
        record(List.of("balance read failed: " + e));
        continue;
      }
      long submittedAfter = progress.submitted().sum();
      samples.incrementAndGet();
      record(
          check(
              balance,
              acknowledgedBefore * amountMicros,
              submittedAfter * amountMicros,
              grantedMicros));
    }
  }

  private void record(List<String> found) {
    if (found.isEmpty()) {
      return;
    }
    violations.incrementAndGet();
    synchronized (firstViolations) {
      if (firstViolations.size() < KEPT_VIOLATIONS) {
        firstViolations.add(String.join("; ", found));
      }
    }
  }

  /**
   * What is wrong with one balance read, given that holds worth {@code lowerMicros} were
   * acknowledged before it started and holds worth at most {@code upperMicros} were submitted
   * before it ended. Every hold counts against the pool, the project budget and the key budget at
   * once, so all three must show the same pending amount in one read.
   */
  static List<String> check(
      OrganizationBalance balance, long lowerMicros, long upperMicros, long grantedMicros) {
    List<String> problems = new ArrayList<>();
    AccountBalance pool = balance.pool();
    long pending = pool.pendingMicros();
    if (pending < lowerMicros) {
      problems.add(
          "pool pending " + pending + " < " + lowerMicros + " acknowledged before the read");
    }
    if (pending > upperMicros) {
      problems.add("pool pending " + pending + " > " + upperMicros + " submitted by the read");
    }
    if (pool.creditedMicros() != grantedMicros) {
      problems.add("pool credited " + pool.creditedMicros() + " != granted " + grantedMicros);
    }
    Long available = pool.availableMicros();
    long expectedAvailable = pool.creditedMicros() - pool.postedMicros() - pending;
    if (available == null || available != expectedAvailable) {
      problems.add("pool available " + available + " != " + expectedAvailable);
    }
    for (BudgetScope scope : List.of(BudgetScope.PROJECT, BudgetScope.API_KEY)) {
      List<AccountBalance> budgets =
          balance.budgets().stream().filter(budget -> budget.scope() == scope).toList();
      if (budgets.size() != 1) {
        problems.add(budgets.size() + " " + scope.wireName() + " budgets, expected 1");
        continue;
      }
      AccountBalance budget = budgets.getFirst();
      if (budget.pendingMicros() != pending) {
        problems.add(
            scope.wireName() + " budget pending " + budget.pendingMicros() + " != pool " + pending);
      }
      Long limit = budget.limitMicros();
      Long headroom = budget.availableMicros();
      if (limit == null
          || headroom == null
          || headroom != limit - budget.pendingMicros() - budget.periodPostedMicros()) {
        problems.add(scope.wireName() + " budget available " + headroom + " inconsistent");
      }
    }
    return problems;
  }

  Result result() {
    synchronized (firstViolations) {
      return new Result(samples.get(), violations.get(), List.copyOf(firstViolations));
    }
  }

  @Override
  public void close() {
    running = false;
    AutoCloseable current = subscription;
    if (current != null) {
      try {
        current.close();
      } catch (Exception e) {
        // Unsubscribing removes a listener from a map.
      }
    }
    Thread thread = reader;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
