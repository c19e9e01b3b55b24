package dev.aivid.credits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.account.Organization;
import dev.aivid.credits.internal.AccountIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;

/**
 * Random sequences of grants, holds, hold groups, posts, voids, expiries, retries and budget changes, applied to
 * the ledger and to a plain in-memory model of what they should do. After every step the
 * organisation's balances must equal the model's; at the end verify() must find no drift.
 *
 * <p>One ledger serves the whole class; each try has its own organisation. The clock only moves
 * forward (expiry steps advance it, sometimes across day and week boundaries), and starts far after
 * any other test's clock so that no other ledger's expiry sweep can touch this class's holds.
 *
 * <p>Shrinking is off: jqwik's bounded shrinking keeps running in the background once its time
 * limit is reached, and would then advance the shared clock and expire holds under the next
 * property. A failure names the step and action that went wrong, and jqwik prints the sample.
 */
class LedgerPropertiesTest {
  private static final AtomicReference<Instant> NOW =
      new AtomicReference<>(Instant.parse("2100-01-04T00:00:00Z"));
  private static final String PROVIDER = "local";
  private static LedgerService ledger;

  @BeforeContainer
  static void startLedger() {
    ledger = LedgerFixture.ledger(NOW::get);
  }

  @AfterContainer
  static void closeLedger() {
    if (ledger != null) {
      ledger.close();
    }
  }

  @Property(tries = 160, shrinking = ShrinkingMode.OFF)
  void everyStepLeavesTheLedgerExactlyWhereASimpleModelSaysAndVerifyFindsNoDrift(
      @ForAll("openings") List<Action> opening, @ForAll("actions") List<Action> then) {
    run(opening, then);
  }

  /**
   * The same, concentrated on budgets: the pool is funded and every target has a budget from the
   * start, charges are posted, days and weeks go by, and limits are raised and lowered.
   */
  @Property(tries = 150, shrinking = ShrinkingMode.OFF)
  void budgetsStayExactAcrossPeriodsAndLimitChanges(
      @ForAll("fundedBudgets") List<Action> opening, @ForAll("budgetActions") List<Action> then) {
    run(opening, then);
  }

  private static void run(List<Action> opening, List<Action> then) {
    List<Action> actions = new ArrayList<>(opening);
    actions.addAll(then);
    Model model = new Model(LedgerFixture.organization());
    for (int step = 0; step < actions.size(); step++) {
      Action action = actions.get(step);
      String where = "step " + step + " " + action;
      action.apply(model, where);
      model.assertLedgerMatches(where);
    }
    assertThat(model.drifts()).as("verify() drifts of this organisation's accounts").isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  sealed interface Action {
    void apply(Model model, String where);
  }

  /** mode 0: new grant with a generated id; 1: new grant with our id; 2: replay one; 3: reuse an id with another amount. */
  record Grant(long amount, int mode, int pick) implements Action {
    @Override
    public void apply(Model model, String where) {
      if (mode >= 2 && !model.grants.isEmpty()) {
        List<String> ids = new ArrayList<>(model.grants.keySet());
        String id = ids.get(pick % ids.size());
        long original = model.grants.get(id);
        if (mode == 2) {
          assertThat(ledger.grant(model.organizationId(), original, "retry", id)).as(where)
              .isEqualTo(new GrantResult.Granted(id, original, true));
        } else {
          assertThat(ledger.grant(model.organizationId(), original + amount, "other amount", id)).as(where)
              .isEqualTo(new GrantResult.Conflict(id));
        }
        return;
      }
      String id = mode == 0 ? null : "g" + model.nextNumber() + "-" + model.organizationId();
      GrantResult result = ledger.grant(model.organizationId(), amount, "top up", id);
      assertThat(result).as(where).isInstanceOfSatisfying(GrantResult.Granted.class, granted -> {
        assertThat(granted.amountMicros()).isEqualTo(amount);
        assertThat(granted.replayed()).isFalse();
        if (id != null) {
          assertThat(granted.transferId()).isEqualTo(id);
        }
      });
      model.grants.put(((GrantResult.Granted) result).transferId(), amount);
      model.credited += amount;
    }
  }

  record Hold(long amount, boolean onProject, int key, int timeoutMinutes) implements Action {
    @Override
    public void apply(Model model, String where) {
      HoldRequest request =
          new HoldRequest(
              "h" + model.nextNumber() + "-" + model.organizationId(),
              model.organizationId(),
              onProject ? model.organization.defaultProjectId() : null,
              key == 0 ? null : model.keyIds.get(key - 1),
              amount,
              NOW.get().plus(Duration.ofMinutes(timeoutMinutes)),
              null,
              PROVIDER,
              "local/previz");
      model.attempted.add(request);
      model.placeHold(request, where);
    }
  }

  /** A storyboard's holds placed as one group: all or none, checked against the group's total. */
  record HoldGroup(List<Long> amounts, boolean onProject, int key, int timeoutMinutes) implements Action {
    @Override
    public void apply(Model model, String where) {
      List<HoldRequest> requests = new ArrayList<>();
      for (long amount : amounts) {
        requests.add(
            new HoldRequest(
                "h" + model.nextNumber() + "-" + model.organizationId(),
                model.organizationId(),
                onProject ? model.organization.defaultProjectId() : null,
                key == 0 ? null : model.keyIds.get(key - 1),
                amount,
                NOW.get().plus(Duration.ofMinutes(timeoutMinutes)),
                null,
                PROVIDER,
                "local/previz"));
      }
      model.placeGroup("board" + model.nextNumber(), requests, where);
    }
  }

  /** Repeats an earlier hold (same id), with the same amount or another one. */
  record RetryHold(int pick, boolean sameAmount) implements Action {
    @Override
    public void apply(Model model, String where) {
      if (model.attempted.isEmpty()) {
        return;
      }
      HoldRequest earlier = model.attempted.get(pick % model.attempted.size());
      HoldRequest again =
          new HoldRequest(
              earlier.holdId(),
              earlier.organizationId(),
              earlier.projectId(),
              earlier.apiKeyId(),
              sameAmount ? earlier.amountMicros() : earlier.amountMicros() + 1,
              NOW.get().plus(Duration.ofHours(1)),
              null,
              PROVIDER,
              "local/previz");
      model.placeHold(again, where);
    }
  }

  /** mode 0: the whole hold; 1: part of it (zero included); 2: more than was held. */
  record Post(int pick, boolean open, int mode, long value, boolean scoped) implements Action {
    @Override
    public void apply(Model model, String where) {
      String holdId = model.pickHold(pick, open);
      ModelHold hold = model.holds.get(holdId);
      long held = hold == null ? 1_000_000 : hold.amount;
      long charge =
          switch (mode) {
            case 0 -> held;
            case 1 -> value % (held + 1);
            default -> held + 1 + value % held;
          };
      Charge what = new Charge(charge, PROVIDER, "local/previz", 4, "1280x720");
      SettleResult result =
          scoped ? ledger.post(model.organizationId(), holdId, what) : ledger.post(holdId, what);
      SettleResult expected = model.alreadySettled(holdId);
      if (expected == null && charge > held) {
        expected = new SettleResult.ExceedsHold(held, charge);
      }
      if (expected != null) {
        assertThat(result).as(where).isEqualTo(expected);
        return;
      }
      assertThat(result).as(where).isInstanceOfSatisfying(SettleResult.Posted.class, posted -> {
        assertThat(posted.postedMicros()).isEqualTo(charge);
        assertThat(posted.releasedMicros()).isEqualTo(held - charge);
      });
      model.resolve(hold, "post", ((SettleResult.Posted) result).transferId(), charge);
    }
  }

  record VoidHold(int pick, boolean open, boolean scoped) implements Action {
    @Override
    public void apply(Model model, String where) {
      String holdId = model.pickHold(pick, open);
      SettleResult result =
          scoped
              ? ledger.voidHold(model.organizationId(), holdId, "cancelled")
              : ledger.voidHold(holdId, "cancelled");
      SettleResult expected = model.alreadySettled(holdId);
      if (expected != null) {
        assertThat(result).as(where).isEqualTo(expected);
        return;
      }
      ModelHold hold = model.holds.get(holdId);
      assertThat(result).as(where).isInstanceOfSatisfying(SettleResult.Voided.class,
          voided -> assertThat(voided.releasedMicros()).isEqualTo(hold.amount));
      model.resolve(hold, "void", ((SettleResult.Voided) result).transferId(), 0);
    }
  }

  /** Time passes; every hold past its timeout is expired by the sweep. */
  record Expire(int advanceMinutes) implements Action {
    @Override
    public void apply(Model model, String where) {
      Instant now = NOW.updateAndGet(instant -> instant.plus(Duration.ofMinutes(advanceMinutes)));
      // Holds of earlier tries are due too; a sweep takes a bounded batch, so sweep until done.
      while (ledger.expireDue() > 0) {
        // keep sweeping
      }
      Map<String, String> expireTransfers =
          ledger.transfers(model.organizationId(), null, 10_000, "expire", null).stream()
              .collect(Collectors.toMap(Transfer::pendingId, Transfer::id));
      for (Map.Entry<String, ModelHold> entry : model.holds.entrySet()) {
        ModelHold hold = entry.getValue();
        if (hold.resolution == null && hold.timeout.isBefore(now)) {
          model.resolve(hold, "expire", expireTransfers.get(entry.getKey()), 0);
        }
      }
      Set<String> expectedExpired =
          model.holds.entrySet().stream()
              .filter(entry -> "expire".equals(entry.getValue().resolution))
              .map(Map.Entry::getKey)
              .collect(Collectors.toSet());
      assertThat(expireTransfers.keySet()).as(where + ": expired holds").isEqualTo(expectedExpired);
    }
  }

  /**
   * Sets a budget on the project or one of two API keys. A new budget gets {@code value} and
   * {@code period}; an existing one keeps its reset period unless {@code changePeriod}, and gets by
   * mode, 0: {@code value}; 1: just below what is committed (held plus spent in the period that
   * applies from now on); 2: exactly that; 3: above it.
   */
  record SetBudget(int which, int mode, long value, ResetPeriod period, boolean changePeriod)
      implements Action {
    @Override
    public void apply(Model model, String where) {
      BudgetScope scope = which == 0 ? BudgetScope.PROJECT : BudgetScope.API_KEY;
      String target = which == 0 ? model.organization.defaultProjectId() : model.keyIds.get(which - 1);
      String accountId =
          which == 0 ? AccountIds.projectBudget(target) : AccountIds.apiKeyBudget(target);
      ModelBudget budget = model.budgets.get(accountId);
      Instant now = NOW.get();
      ResetPeriod newPeriod = budget == null || changePeriod ? period : budget.period;
      long committed = budget == null ? 0 : budget.pending + budget.postedSince(newPeriod.periodStart(now));
      long limit =
          switch (budget == null ? 0 : mode) {
            case 0 -> value;
            case 1 -> Math.max(0, committed - 1 - value % 3_000_000);
            case 2 -> committed;
            default -> committed + value % 5_000_000;
          };
      BudgetResult result = ledger.setBudget(model.organizationId(), scope, target, limit, newPeriod);
      if (limit < committed) {
        assertThat(result).as(where).isEqualTo(new BudgetResult.BelowCommitted(limit, committed));
        return;
      }
      assertThat(result).as(where).isInstanceOfSatisfying(BudgetResult.Saved.class, saved ->
          assertThat(saved.budget()).isEqualTo(new Budget(accountId, scope, target, limit, newPeriod)));
      if (budget == null) {
        budget = new ModelBudget();
        model.budgets.put(accountId, budget);
      }
      budget.period = newPeriod;
      budget.limit = limit;
    }
  }

  private static Arbitrary<Action> grants() {
    return Combinators.combine(
            Arbitraries.longs().between(1, 400).map(tenths -> tenths * 100_000),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 1_000))
        .as((amount, mode, pick) -> new Grant(amount, mode, pick));
  }

  private static Arbitrary<Action> budgets() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 3),
            Arbitraries.longs().between(0, 600).map(tenths -> tenths * 100_000),
            Arbitraries.of(ResetPeriod.class),
            Arbitraries.of(false, false, true))
        .as((which, mode, value, period, changePeriod) -> new SetBudget(which, mode, value, period, changePeriod));
  }

  /** Funds and budgets to start from, so that most holds count against some budget. */
  @Provide
  Arbitrary<List<Action>> openings() {
    return Arbitraries.frequencyOf(Tuple.of(1, grants()), Tuple.of(2, budgets())).list().ofMaxSize(5);
  }

  /** A funded pool and a budget (of any reset period) on the project and on both keys. */
  @Provide
  Arbitrary<List<Action>> fundedBudgets() {
    Arbitrary<Action> budget =
        Combinators.combine(
                Arbitraries.longs().between(50, 600).map(tenths -> tenths * 100_000),
                Arbitraries.of(
                    ResetPeriod.DAILY, ResetPeriod.DAILY, ResetPeriod.DAILY, ResetPeriod.WEEKLY,
                    ResetPeriod.MONTHLY, ResetPeriod.NEVER))
            .as((limit, period) -> (Action) new SetBudget(0, 0, limit, period, false));
    return Combinators.combine(budget, budget, budget)
        .as((project, firstKey, secondKey) -> List.of(
            new Grant(1_000_000_000, 1, 0),
            project,
            new SetBudget(1, 0, ((SetBudget) firstKey).value(), ((SetBudget) firstKey).period(), false),
            new SetBudget(2, 0, ((SetBudget) secondKey).value(), ((SetBudget) secondKey).period(), false)));
  }

  @Provide
  Arbitrary<List<Action>> budgetActions() {
    Arbitrary<Action> hold =
        Combinators.combine(
                Arbitraries.longs().between(1, 100).map(tenths -> tenths * 100_000),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1_440, 14_400))
            .as((amount, onProject, key, timeout) -> new Hold(amount, onProject, key, timeout));
    Arbitrary<Integer> picks = Arbitraries.integers().between(0, 1_000);
    Arbitrary<Action> post =
        Combinators.combine(picks, Arbitraries.of(0, 1, 1, 1, 2), Arbitraries.longs().between(0, 10_000_000))
            .as((pick, mode, value) -> new Post(pick, true, mode, value, false));
    Arbitrary<Action> cancel = picks.map(pick -> new VoidHold(pick, true, false));
    Arbitrary<Action> group =
        Combinators.combine(
                Arbitraries.longs().between(1, 60).map(tenths -> tenths * 100_000).list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1_440, 14_400))
            .as((parts, onProject, key, timeout) -> (Action) new HoldGroup(parts, onProject, key, timeout));
    Arbitrary<Action> time =
        Arbitraries.oneOf(Arbitraries.integers().between(1, 600), Arbitraries.integers().between(600, 2_880))
            .map(Expire::new);
    return Arbitraries.frequencyOf(
            Tuple.of(5, hold),
            Tuple.of(2, group),
            Tuple.of(5, post),
            Tuple.of(1, cancel),
            Tuple.of(3, time),
            Tuple.of(5, budgets()))
        .list()
        .ofMinSize(1)
        .ofMaxSize(40)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<List<Action>> actions() {
    Arbitrary<Long> amounts =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, 200).map(tenths -> tenths * 100_000),
            Arbitraries.longs().between(1, 20_000_000));
    Arbitrary<Integer> picks = Arbitraries.integers().between(0, 1_000);
    Arbitrary<Action> hold =
        Combinators.combine(
                amounts,
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 2),
                Arbitraries.oneOf(
                    Arbitraries.integers().between(1, 600), Arbitraries.integers().between(1_440, 7_200)))
            .as((amount, onProject, key, timeout) -> new Hold(amount, onProject, key, timeout));
    Arbitrary<Action> retry =
        Combinators.combine(picks, Arbitraries.of(true, true, false))
            .as((pick, same) -> new RetryHold(pick, same));
    Arbitrary<Action> group =
        Combinators.combine(
                amounts.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 600))
            .as((parts, onProject, key, timeout) -> (Action) new HoldGroup(parts, onProject, key, timeout));
    Arbitrary<Boolean> mostlyOpen = Arbitraries.of(true, true, true, false);
    Arbitrary<Action> post =
        Combinators.combine(
                picks,
                mostlyOpen,
                Arbitraries.of(0, 0, 1, 1, 2),
                Arbitraries.longs().between(0, 50_000_000),
                Arbitraries.of(true, false))
            .as((pick, open, mode, value, scoped) -> new Post(pick, open, mode, value, scoped));
    Arbitrary<Action> cancel =
        Combinators.combine(picks, mostlyOpen, Arbitraries.of(true, false))
            .as((pick, open, scoped) -> new VoidHold(pick, open, scoped));
    Arbitrary<Action> expire =
        Arbitraries.oneOf(Arbitraries.integers().between(1, 180), Arbitraries.integers().between(600, 2_880))
            .map(Expire::new);
    return Arbitraries.frequencyOf(
            Tuple.of(3, grants()),
            Tuple.of(7, hold),
            Tuple.of(2, group),
            Tuple.of(2, retry),
            Tuple.of(5, post),
            Tuple.of(3, cancel),
            Tuple.of(2, expire),
            Tuple.of(3, budgets()))
        .list()
        .ofMinSize(1)
        .ofMaxSize(50)
        .withSizeDistribution(RandomDistribution.uniform());
  }

  // ---------------------------------------------------------------------------------------------
  // The model

  static final class ModelHold {
    final long amount;
    final List<String> budgetAccountIds;
    final Instant timeout;
    @Nullable String resolution;
    @Nullable String resolutionId;

    ModelHold(long amount, List<String> budgetAccountIds, Instant timeout) {
      this.amount = amount;
      this.budgetAccountIds = budgetAccountIds;
      this.timeout = timeout;
    }
  }

  static final class ModelBudget {
    ResetPeriod period = ResetPeriod.NEVER;
    long limit;
    long pending;
    long posted;
    final List<Map.Entry<Instant, Long>> posts = new ArrayList<>();

    long postedSince(Instant start) {
      return posts.stream().filter(post -> !post.getKey().isBefore(start)).mapToLong(Map.Entry::getValue).sum();
    }

    /** Posted since the start of the period that contains {@code now}. */
    long periodPosted(Instant now) {
      return postedSince(period.periodStart(now));
    }

    long committed(Instant now) {
      return pending + periodPosted(now);
    }
  }

  static final class Model {
    final Organization organization;
    final List<String> keyIds =
        List.of("key_test_" + UUID.randomUUID(), "key_test_" + UUID.randomUUID());
    final Map<String, Long> grants = new LinkedHashMap<>();
    final List<HoldRequest> attempted = new ArrayList<>();
    final Map<String, ModelHold> holds = new LinkedHashMap<>();
    final Map<String, ModelBudget> budgets = new LinkedHashMap<>();
    long credited;
    long pending;
    long posted;
    private int number;

    Model(Organization organization) {
      this.organization = organization;
    }

    String organizationId() {
      return organization.id();
    }

    int nextNumber() {
      return number++;
    }

    /** An open hold when {@code open} and there is one; otherwise any hold ever asked for. */
    String pickHold(int pick, boolean open) {
      if (open) {
        List<String> openIds =
            holds.entrySet().stream()
                .filter(entry -> entry.getValue().resolution == null)
                .map(Map.Entry::getKey)
                .toList();
        if (!openIds.isEmpty()) {
          return openIds.get(pick % openIds.size());
        }
      }
      return attempted.isEmpty()
          ? "never-held-" + organizationId()
          : attempted.get(pick % attempted.size()).holdId();
    }

    /** What settling must answer without changing anything, or null if it may settle. */
    @Nullable SettleResult alreadySettled(String holdId) {
      ModelHold hold = holds.get(holdId);
      if (hold == null) {
        return new SettleResult.UnknownHold(holdId);
      }
      if (hold.resolution != null) {
        return new SettleResult.AlreadyResolved(hold.resolution, String.valueOf(hold.resolutionId));
      }
      return null;
    }

    void placeHold(HoldRequest request, String where) {
      HoldResult result = ledger.hold(request);
      ModelHold existing = holds.get(request.holdId());
      if (existing != null) {
        assertThat(result).as(where).isEqualTo(existing.amount == request.amountMicros()
            ? new HoldResult.Held(request.holdId(), request.amountMicros(), true)
            : new HoldResult.Conflict(request.holdId()));
        return;
      }
      Instant now = NOW.get();
      long amount = request.amountMicros();
      long available = credited - posted - pending;
      List<String> budgetIds = new ArrayList<>();
      HoldResult expected = null;
      if (available < amount) {
        expected = new HoldResult.Insufficient(BudgetScope.ORGANIZATION, amount, Math.max(0, available));
      }
      if (request.projectId() != null && budgets.containsKey(AccountIds.projectBudget(request.projectId()))) {
        String id = AccountIds.projectBudget(request.projectId());
        long headroom = budgets.get(id).limit - budgets.get(id).committed(now);
        if (expected == null && headroom < amount) {
          expected = new HoldResult.Insufficient(BudgetScope.PROJECT, amount, Math.max(0, headroom));
        }
        budgetIds.add(id);
      }
      if (request.apiKeyId() != null && budgets.containsKey(AccountIds.apiKeyBudget(request.apiKeyId()))) {
        String id = AccountIds.apiKeyBudget(request.apiKeyId());
        long headroom = budgets.get(id).limit - budgets.get(id).committed(now);
        if (expected == null && headroom < amount) {
          expected = new HoldResult.Insufficient(BudgetScope.API_KEY, amount, Math.max(0, headroom));
        }
        budgetIds.add(id);
      }
      if (expected != null) {
        assertThat(result).as(where).isEqualTo(expected);
        return;
      }
      assertThat(result).as(where).isEqualTo(new HoldResult.Held(request.holdId(), amount, false));
      holds.put(request.holdId(), new ModelHold(amount, budgetIds, request.timeoutAt()));
      pending += amount;
      budgetIds.forEach(id -> budgets.get(id).pending += amount);
    }

    void placeGroup(String groupId, List<HoldRequest> requests, String where) {
      HoldResult result = ledger.holdGroup(groupId, requests);
      Instant now = NOW.get();
      HoldRequest first = requests.getFirst();
      long total = requests.stream().mapToLong(HoldRequest::amountMicros).sum();
      long available = credited - posted - pending;
      List<String> budgetIds = new ArrayList<>();
      HoldResult expected = null;
      if (available < total) {
        expected = new HoldResult.Insufficient(BudgetScope.ORGANIZATION, total, Math.max(0, available));
      }
      if (first.projectId() != null && budgets.containsKey(AccountIds.projectBudget(first.projectId()))) {
        String id = AccountIds.projectBudget(first.projectId());
        long headroom = budgets.get(id).limit - budgets.get(id).committed(now);
        if (expected == null && headroom < total) {
          expected = new HoldResult.Insufficient(BudgetScope.PROJECT, total, Math.max(0, headroom));
        }
        budgetIds.add(id);
      }
      if (first.apiKeyId() != null && budgets.containsKey(AccountIds.apiKeyBudget(first.apiKeyId()))) {
        String id = AccountIds.apiKeyBudget(first.apiKeyId());
        long headroom = budgets.get(id).limit - budgets.get(id).committed(now);
        if (expected == null && headroom < total) {
          expected = new HoldResult.Insufficient(BudgetScope.API_KEY, total, Math.max(0, headroom));
        }
        budgetIds.add(id);
      }
      attempted.addAll(requests);
      if (expected != null) {
        assertThat(result).as(where).isEqualTo(expected);
        return;
      }
      assertThat(result).as(where).isEqualTo(new HoldResult.Held(groupId, total, false));
      for (HoldRequest request : requests) {
        holds.put(request.holdId(), new ModelHold(request.amountMicros(), budgetIds, request.timeoutAt()));
        pending += request.amountMicros();
        budgetIds.forEach(id -> budgets.get(id).pending += request.amountMicros());
      }
    }

    void resolve(ModelHold hold, String kind, @Nullable String transferId, long charged) {
      hold.resolution = kind;
      hold.resolutionId = transferId;
      pending -= hold.amount;
      posted += charged;
      Instant now = NOW.get();
      for (String id : hold.budgetAccountIds) {
        ModelBudget budget = budgets.get(id);
        budget.pending -= hold.amount;
        budget.posted += charged;
        budget.posts.add(Map.entry(now, charged));
      }
    }

    void assertLedgerMatches(String where) {
      Instant now = NOW.get();
      OrganizationBalance balance = ledger.balance(organizationId());
      AccountBalance pool = balance.pool();
      assertThat(pool.creditedMicros()).as(where + ": pool credited").isEqualTo(credited);
      assertThat(pool.pendingMicros()).as(where + ": pool pending").isEqualTo(pending);
      assertThat(pool.postedMicros()).as(where + ": pool posted").isEqualTo(posted);
      assertThat(pool.availableMicros()).as(where + ": pool available")
          .isEqualTo(credited - posted - pending)
          .isNotNegative();
      Map<String, AccountBalance> byId =
          balance.budgets().stream().collect(Collectors.toMap(AccountBalance::accountId, b -> b));
      assertThat(byId.keySet()).as(where + ": budgets").isEqualTo(budgets.keySet());
      budgets.forEach((id, budget) -> {
        AccountBalance actual = byId.get(id);
        long periodPosted = budget.periodPosted(now);
        assertThat(actual.limitMicros()).as(where + ": " + id + " limit").isEqualTo(budget.limit);
        assertThat(actual.resetPeriod()).as(where + ": " + id + " period").isEqualTo(budget.period);
        assertThat(actual.pendingMicros()).as(where + ": " + id + " pending").isEqualTo(budget.pending);
        assertThat(actual.postedMicros()).as(where + ": " + id + " posted").isEqualTo(budget.posted);
        assertThat(actual.periodPostedMicros()).as(where + ": " + id + " posted this period").isEqualTo(periodPosted);
        assertThat(actual.availableMicros()).as(where + ": " + id + " headroom")
            .isEqualTo(budget.limit - budget.pending - periodPosted)
            .isNotNegative();
      });
    }

    /** verify()'s findings about this organisation's accounts (and any global imbalance). */
    List<String> drifts() {
      List<String> accounts = new ArrayList<>(List.of(
          AccountIds.pool(organizationId()),
          AccountIds.grants(organizationId()),
          AccountIds.provider(organizationId(), PROVIDER)));
      accounts.addAll(budgets.keySet());
      return ledger.verify().drifts().stream()
          .filter(drift -> drift.startsWith("posted debits and credits differ")
              || accounts.stream().anyMatch(account -> drift.startsWith(account + " ")))
          .toList();
    }
  }
}
