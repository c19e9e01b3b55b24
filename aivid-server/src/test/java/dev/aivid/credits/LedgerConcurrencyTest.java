package dev.aivid.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.account.Organization;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many callers, one pool: the ledger must accept exactly what the pool (and every budget) can
 * cover, resolve every hold exactly once, and stay exact across nodes and node restarts.
 */
class LedgerConcurrencyTest {
  private static final int SUBMISSIONS = 2_000;
  private static final long AMOUNT = 1_000_000;

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
  private final InstantSource clock = now::get;
  private final List<LedgerService> ledgers = new ArrayList<>();
  private Organization organization;

  @BeforeEach
  void setUp() {
    organization = LedgerFixture.organization();
  }

  @AfterEach
  void closeLedgers() {
    ledgers.forEach(LedgerService::close);
  }

  private LedgerService node() {
    LedgerService ledger = LedgerFixture.ledger(clock);
    ledgers.add(ledger);
    return ledger;
  }

  private HoldRequest hold(String id, long micros, @Nullable String projectId, @Nullable String apiKeyId) {
    return new HoldRequest(
        id + "-" + organization.id(),
        organization.id(),
        projectId,
        apiKeyId,
        micros,
        now.get().plus(Duration.ofHours(1)),
        null,
        "local",
        "local/previz");
  }

  private HoldRequest hold(String id, long micros) {
    return hold(id, micros, organization.defaultProjectId(), null);
  }

  @Test
  void concurrentHoldsOnOnePoolAcceptExactlyWhatItCoversAndRefuseTheRestAtTheOrganisation() {
    LedgerService ledger = node();
    int covered = 700;
    ledger.grant(organization.id(), covered * AMOUNT, "top up", null);

    List<HoldResult> results = race(SUBMISSIONS, i -> ledger.hold(hold("c" + i, AMOUNT)));

    assertExactlyHeld(results, covered);
    assertThat(refusals(results))
        .hasSize(SUBMISSIONS - covered)
        .allSatisfy(refusal -> {
          assertThat(refusal.scope()).isEqualTo(BudgetScope.ORGANIZATION);
          assertThat(refusal.neededMicros()).isEqualTo(AMOUNT);
          assertThat(refusal.availableMicros()).isLessThan(AMOUNT).isZero();
        });
    AccountBalance pool = ledger.balance(organization.id()).pool();
    assertThat(pool.pendingMicros()).isEqualTo(covered * AMOUNT);
    assertThat(pool.availableMicros()).isZero();
    assertThat(pool.postedMicros()).isZero();
    assertThat(ledger.transfers(organization.id(), null, SUBMISSIONS, "pending", null)).hasSize(covered);
    assertThat(ledger.verify().drifts()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = BudgetScope.class, names = {"PROJECT", "API_KEY"})
  void aBudgetSmallerThanThePoolBindsFirstAndAcceptsExactlyWhatItAllowsUnderConcurrentHolds(BudgetScope scope) {
    LedgerService ledger = node();
    int allowed = 300;
    ledger.grant(organization.id(), SUBMISSIONS * AMOUNT, "top up", null);
    String apiKeyId = "key_test_" + UUID.randomUUID();
    String target = scope == BudgetScope.PROJECT ? organization.defaultProjectId() : apiKeyId;
    assertThat(ledger.setBudget(organization.id(), scope, target, allowed * AMOUNT, ResetPeriod.NEVER))
        .isInstanceOf(BudgetResult.Saved.class);

    List<HoldResult> results =
        race(SUBMISSIONS, i -> ledger.hold(hold("b" + i, AMOUNT, organization.defaultProjectId(), apiKeyId)));

    assertExactlyHeld(results, allowed);
    assertThat(refusals(results))
        .hasSize(SUBMISSIONS - allowed)
        .allSatisfy(refusal -> assertThat(refusal).isEqualTo(new HoldResult.Insufficient(scope, AMOUNT, 0)));
    OrganizationBalance balance = ledger.balance(organization.id());
    assertThat(balance.pool().pendingMicros()).isEqualTo(allowed * AMOUNT);
    assertThat(balance.pool().availableMicros()).isEqualTo((SUBMISSIONS - allowed) * AMOUNT);
    assertThat(balance.budgets()).singleElement().satisfies(budget -> {
      assertThat(budget.scope()).isEqualTo(scope);
      assertThat(budget.ownerId()).isEqualTo(target);
      assertThat(budget.pendingMicros()).isEqualTo(allowed * AMOUNT);
      assertThat(budget.availableMicros()).isZero();
    });
    assertThat(ledger.verify().drifts()).isEmpty();
  }

  @Test
  void twoNodesRacingOnOnePoolStillAcceptExactlyWhatItCovers() {
    LedgerService first = node();
    LedgerService second = node();
    int covered = 700;
    first.grant(organization.id(), covered * AMOUNT, "top up", null);

    List<HoldResult> results =
        race(SUBMISSIONS, i -> (i % 2 == 0 ? first : second).hold(hold("n" + i, AMOUNT)));

    assertExactlyHeld(results, covered);
    assertThat(refusals(results))
        .hasSize(SUBMISSIONS - covered)
        .allSatisfy(refusal ->
            assertThat(refusal).isEqualTo(new HoldResult.Insufficient(BudgetScope.ORGANIZATION, AMOUNT, 0)));
    for (LedgerService node : List.of(first, second)) {
      AccountBalance pool = node.balance(organization.id()).pool();
      assertThat(pool.pendingMicros()).isEqualTo(covered * AMOUNT);
      assertThat(pool.availableMicros()).isZero();
    }
    assertThat(first.verify().drifts()).isEmpty();
  }

  @Test
  void postsAndVoidsRacingOnTheSameHoldsFromTwoNodesResolveEachHoldExactlyOnce() {
    LedgerService first = node();
    LedgerService second = node();
    int holds = 20;
    int attemptsPerHold = 60;
    long charge = 3_000_000;
    long granted = holds * 5_000_000L;
    first.grant(organization.id(), granted, "top up", null);
    List<String> holdIds = new ArrayList<>();
    for (int h = 0; h < holds; h++) {
      HoldRequest request = hold("r" + h, 5_000_000);
      assertThat(first.hold(request)).isInstanceOf(HoldResult.Held.class);
      holdIds.add(request.holdId());
    }

    List<SettleResult> results =
        race(holds * attemptsPerHold, i -> {
          LedgerService node = i % 2 == 0 ? first : second;
          String holdId = holdIds.get(i % holds);
          return switch ((i / holds) % 4) {
            case 0 -> node.post(holdId, new Charge(charge, "local", "local/previz", 3, null));
            case 1 -> node.voidHold(holdId, "cancelled");
            case 2 -> node.post(organization.id(), holdId, new Charge(charge, "local", "local/previz", 3, null));
            default -> node.voidHold(organization.id(), holdId, "cancelled");
          };
        });

    long postedHolds = 0;
    for (int h = 0; h < holds; h++) {
      List<SettleResult> forHold = new ArrayList<>();
      for (int i = h; i < results.size(); i += holds) {
        forHold.add(results.get(i));
      }
      List<SettleResult> winners =
          forHold.stream().filter(result -> !(result instanceof SettleResult.AlreadyResolved)).toList();
      assertThat(winners).as("resolutions of hold %d", h).singleElement()
          .isInstanceOfAny(SettleResult.Posted.class, SettleResult.Voided.class);
      SettleResult winner = winners.getFirst();
      String kind = winner instanceof SettleResult.Posted ? "post" : "void";
      String transferId = winner instanceof SettleResult.Posted posted
          ? posted.transferId()
          : ((SettleResult.Voided) winner).transferId();
      if (winner instanceof SettleResult.Posted posted) {
        assertThat(posted.postedMicros()).isEqualTo(charge);
        assertThat(posted.releasedMicros()).isEqualTo(5_000_000 - charge);
        postedHolds++;
      } else {
        assertThat(((SettleResult.Voided) winner).releasedMicros()).isEqualTo(5_000_000);
      }
      assertThat(forHold)
          .filteredOn(SettleResult.AlreadyResolved.class::isInstance)
          .hasSize(attemptsPerHold - 1)
          .allSatisfy(result ->
              assertThat(result).isEqualTo(new SettleResult.AlreadyResolved(kind, transferId)));
    }

    AccountBalance pool = first.balance(organization.id()).pool();
    assertThat(pool.pendingMicros()).isZero();
    assertThat(pool.postedMicros()).isEqualTo(postedHolds * charge);
    assertThat(pool.availableMicros()).isEqualTo(granted - postedHolds * charge);
    assertThat(first.transfers(organization.id(), null, 1_000, "post", null)).hasSize((int) postedHolds);
    assertThat(first.transfers(organization.id(), null, 1_000, "void", null)).hasSize(holds - (int) postedHolds);
    assertThat(first.verify().drifts()).isEmpty();
  }

  /**
   * One post and one void of the same hold, each alone on its node. The loser must learn that the
   * hold is already resolved; it must not get a write failure for a conflict the ledger itself caused.
   */
  @Test
  void aPostAndAVoidRacingFromTwoNodesLeaveTheLoserAlreadyResolvedNeverAFailedWrite() {
    LedgerService first = node();
    LedgerService second = node();
    int rounds = 60;
    first.grant(organization.id(), rounds * AMOUNT, "top up", null);
    long posted = 0;
    for (int round = 0; round < rounds; round++) {
      HoldRequest request = hold("pv" + round, AMOUNT);
      assertThat(first.hold(request)).isInstanceOf(HoldResult.Held.class);
      List<SettleResult> results = race(2, i -> i == 0
          ? first.post(request.holdId(), new Charge(AMOUNT, "local", "local/previz", 1, null))
          : second.voidHold(request.holdId(), "cancelled"));
      assertThat(results).as("round %d", round)
          .filteredOn(SettleResult.AlreadyResolved.class::isInstance)
          .hasSize(1);
      if (results.getFirst() instanceof SettleResult.Posted) {
        posted += AMOUNT;
      } else {
        assertThat(results.getLast()).isInstanceOf(SettleResult.Voided.class);
      }
    }
    AccountBalance pool = first.balance(organization.id()).pool();
    assertThat(pool.pendingMicros()).isZero();
    assertThat(pool.postedMicros()).isEqualTo(posted);
    assertThat(first.verify().drifts()).isEmpty();
  }

  /** A client retrying on another node while its first attempt is still in flight. */
  @Test
  void theSameHoldSentToTwoNodesAtOnceIsHeldOnceAndReplayedOnceNeverAFailedWrite() {
    LedgerService first = node();
    LedgerService second = node();
    int rounds = 60;
    first.grant(organization.id(), rounds * AMOUNT, "top up", null);
    for (int round = 0; round < rounds; round++) {
      HoldRequest request = hold("dup" + round, AMOUNT);
      List<HoldResult> results = race(2, i -> (i == 0 ? first : second).hold(request));
      assertThat(results).as("round %d", round).containsExactlyInAnyOrder(
          new HoldResult.Held(request.holdId(), AMOUNT, false),
          new HoldResult.Held(request.holdId(), AMOUNT, true));
    }
    AccountBalance pool = first.balance(organization.id()).pool();
    assertThat(pool.pendingMicros()).isEqualTo(rounds * AMOUNT);
    assertThat(pool.availableMicros()).isZero();
    assertThat(first.verify().drifts()).isEmpty();
  }

  /** Batches on disjoint accounts do not wait for each other's commits: each pool stays exact. */
  @Test
  void holdsOnManyOrganisationsAtOnceFromOneNodeAcceptExactlyWhatEachPoolCovers() {
    LedgerService ledger = node();
    List<Organization> organizations = new ArrayList<>();
    int covered = 100;
    for (int i = 0; i < 8; i++) {
      Organization other = LedgerFixture.organization();
      ledger.grant(other.id(), covered * AMOUNT, "top up", null);
      organizations.add(other);
    }
    int perOrganization = 200;

    List<HoldResult> results =
        race(
            organizations.size() * perOrganization,
            i -> {
              Organization owner = organizations.get(i % organizations.size());
              return ledger.hold(
                  new HoldRequest(
                      "many" + i + "-" + owner.id(),
                      owner.id(),
                      owner.defaultProjectId(),
                      null,
                      AMOUNT,
                      now.get().plus(Duration.ofHours(1)),
                      null,
                      "local",
                      "local/previz"));
            });

    assertExactlyHeld(results, organizations.size() * covered);
    for (Organization owner : organizations) {
      AccountBalance pool = ledger.balance(owner.id()).pool();
      assertThat(pool.pendingMicros()).isEqualTo(covered * AMOUNT);
      assertThat(pool.availableMicros()).isZero();
    }
    assertThat(ledger.verify().drifts()).isEmpty();
  }

  /**
   * Retries landing in the batch written while the first attempt's commit is still in flight: a
   * retry is a replay of the committed hold, never a second hold and never a refusal for funds.
   */
  @Test
  void holdsRetriedOnOneNodeWhileTheirFirstAttemptCommitsAreHeldOnceAndReplayedOrAllRefused() {
    LedgerService ledger = node();
    int distinct = 400;
    int attempts = 5;
    int covered = 300;
    ledger.grant(organization.id(), covered * AMOUNT, "top up", null);

    List<HoldResult> results =
        race(distinct * attempts, i -> ledger.hold(hold("retry" + (i % distinct), AMOUNT)));

    int held = 0;
    for (int id = 0; id < distinct; id++) {
      List<HoldResult> ofId = new ArrayList<>();
      for (int attempt = 0; attempt < attempts; attempt++) {
        ofId.add(results.get(attempt * distinct + id));
      }
      String holdId = hold("retry" + id, AMOUNT).holdId();
      if (ofId.getFirst() instanceof HoldResult.Held) {
        held++;
        assertThat(ofId).as(holdId).containsOnly(
            new HoldResult.Held(holdId, AMOUNT, false), new HoldResult.Held(holdId, AMOUNT, true));
        assertThat(ofId).as(holdId).containsOnlyOnce(new HoldResult.Held(holdId, AMOUNT, false));
      } else {
        assertThat(ofId).as(holdId)
            .containsOnly(new HoldResult.Insufficient(BudgetScope.ORGANIZATION, AMOUNT, 0));
      }
    }
    assertThat(held).isEqualTo(covered);
    AccountBalance pool = ledger.balance(organization.id()).pool();
    assertThat(pool.pendingMicros()).isEqualTo(covered * AMOUNT);
    assertThat(pool.availableMicros()).isZero();
    assertThat(ledger.verify().drifts()).isEmpty();
  }

  @Test
  void holdsPlacedBeforeANodeDiesArePostedOrVoidedExactlyOnceByTheNextNode() {
    LedgerService dying = node();
    long granted = 100_000_000;
    dying.grant(organization.id(), granted, "top up", null);
    List<HoldRequest> requests = new ArrayList<>();
    for (int h = 0; h < 40; h++) {
      HoldRequest request = hold("crash" + h, 2_000_000);
      assertThat(dying.hold(request)).isEqualTo(new HoldResult.Held(request.holdId(), 2_000_000, false));
      requests.add(request);
    }
    dying.close();
    assertThatThrownBy(() -> dying.post(requests.getFirst().holdId(), new Charge(1, "local", "m", 1, null)))
        .isInstanceOfSatisfying(CreditsException.class, e -> assertThat(e.code()).isEqualTo("ledger_stopped"));

    LedgerService next = node();
    assertThat(next.balance(organization.id()).pool().pendingMicros()).isEqualTo(40 * 2_000_000L);
    long charged = 0;
    for (int h = 0; h < requests.size(); h++) {
      HoldRequest request = requests.get(h);
      // The caller does not know whether its hold survived, so it retries it: a replay, not a second hold.
      assertThat(next.hold(request)).isEqualTo(new HoldResult.Held(request.holdId(), 2_000_000, true));
      if (h % 2 == 0) {
        long charge = 500_000L * (h % 4 + 1);
        SettleResult posted = next.post(request.holdId(), new Charge(charge, "local", "m", 2, null));
        assertThat(posted).isInstanceOfSatisfying(SettleResult.Posted.class, result -> {
          assertThat(result.postedMicros()).isEqualTo(charge);
          assertThat(result.releasedMicros()).isEqualTo(2_000_000 - charge);
        });
        charged += charge;
        if (h % 3 == 0) {
          assertThat(next.post(request.holdId(), new Charge(charge, "local", "m", 2, null)))
              .isEqualTo(new SettleResult.AlreadyResolved("post", ((SettleResult.Posted) posted).transferId()));
          assertThat(next.voidHold(request.holdId(), "late void"))
              .isInstanceOfSatisfying(SettleResult.AlreadyResolved.class,
                  result -> assertThat(result.resolution()).isEqualTo("post"));
        }
      } else {
        assertThat(next.voidHold(request.holdId(), "job lost")).isInstanceOf(SettleResult.Voided.class);
        if (h % 3 == 0) {
          assertThat(next.post(request.holdId(), new Charge(1, "local", "m", 1, null)))
              .isInstanceOfSatisfying(SettleResult.AlreadyResolved.class,
                  result -> assertThat(result.resolution()).isEqualTo("void"));
        }
      }
    }

    AccountBalance pool = next.balance(organization.id()).pool();
    assertThat(pool.pendingMicros()).isZero();
    assertThat(pool.postedMicros()).isEqualTo(charged);
    assertThat(pool.availableMicros()).isEqualTo(granted - charged);
    assertThat(next.transfers(organization.id(), null, 1_000, "pending", null)).hasSize(40);
    assertThat(next.verify().drifts()).isEmpty();
  }

  @Test
  void holdsInFlightWhenANodeStopsAreEitherCommittedOrRefusedAndRetryingThemOnTheNextNodeNeverHoldsTwice() {
    LedgerService dying = node();
    int covered = 300;
    int submissions = 600;
    dying.grant(organization.id(), covered * AMOUNT, "top up", null);
    List<HoldRequest> requests = new ArrayList<>();
    for (int i = 0; i < submissions; i++) {
      requests.add(hold("f" + i, AMOUNT));
    }

    List<Object> firstAnswers = race(submissions + 1, i -> {
      if (i == submissions) {
        dying.close();
        return "closed";
      }
      try {
        return dying.hold(requests.get(i));
      } catch (CreditsException e) {
        return e;
      }
    });
    Map<String, Boolean> heldBeforeStop = new HashMap<>();
    for (int i = 0; i < submissions; i++) {
      Object answer = firstAnswers.get(i);
      assertThat(answer).isInstanceOfAny(HoldResult.Held.class, HoldResult.Insufficient.class, CreditsException.class);
      if (answer instanceof CreditsException e) {
        assertThat(e.code()).isIn("ledger_stopped", "ledger_timeout");
      }
      heldBeforeStop.put(requests.get(i).holdId(), answer instanceof HoldResult.Held);
    }

    LedgerService next = node();
    List<HoldResult> retried = race(submissions, i -> next.hold(requests.get(i)));
    int held = 0;
    for (int i = 0; i < submissions; i++) {
      HoldResult result = retried.get(i);
      if (heldBeforeStop.get(requests.get(i).holdId())) {
        assertThat(result).isEqualTo(new HoldResult.Held(requests.get(i).holdId(), AMOUNT, true));
      }
      if (result instanceof HoldResult.Held) {
        held++;
      } else {
        assertThat(result).isEqualTo(new HoldResult.Insufficient(BudgetScope.ORGANIZATION, AMOUNT, 0));
      }
    }
    assertThat(held).isEqualTo(covered);
    AccountBalance pool = next.balance(organization.id()).pool();
    assertThat(pool.pendingMicros()).isEqualTo(covered * AMOUNT);
    assertThat(pool.availableMicros()).isZero();

    for (int i = 0; i < submissions; i++) {
      if (retried.get(i) instanceof HoldResult.Held) {
        assertThat(next.post(requests.get(i).holdId(), new Charge(AMOUNT, "local", "m", 1, null)))
            .isInstanceOf(SettleResult.Posted.class);
      }
    }
    pool = next.balance(organization.id()).pool();
    assertThat(pool.pendingMicros()).isZero();
    assertThat(pool.postedMicros()).isEqualTo(covered * AMOUNT);
    assertThat(pool.availableMicros()).isZero();
    assertThat(next.verify().drifts()).isEmpty();
  }

  private static void assertExactlyHeld(List<HoldResult> results, int expected) {
    assertThat(results)
        .filteredOn(HoldResult.Held.class::isInstance)
        .hasSize(expected)
        .allSatisfy(result -> assertThat(((HoldResult.Held) result).replayed()).isFalse());
    assertThat(results)
        .allSatisfy(result -> assertThat(result).isInstanceOfAny(HoldResult.Held.class, HoldResult.Insufficient.class));
  }

  private static List<HoldResult.Insufficient> refusals(List<HoldResult> results) {
    return results.stream()
        .filter(HoldResult.Insufficient.class::isInstance)
        .map(HoldResult.Insufficient.class::cast)
        .toList();
  }

  /**
   * Runs {@code count} tasks on virtual threads, all released at once after every one of them is
   * waiting, and returns their results in task order.
   */
  private static <T> List<T> race(int count, IntFunction<T> task) {
    CountDownLatch ready = new CountDownLatch(count);
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<T>> futures = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(executor.submit(() -> {
          ready.countDown();
          go.await();
          return task.apply(index);
        }));
      }
      try {
        if (!ready.await(60, TimeUnit.SECONDS)) {
          throw new AssertionError("Not every task started");
        }
        go.countDown();
        List<T> results = new ArrayList<>(count);
        for (Future<T> future : futures) {
          results.add(future.get(120, TimeUnit.SECONDS));
        }
        return results;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } catch (ExecutionException e) {
        throw new AssertionError("A racing task failed: " + e.getCause(), e.getCause());
      } catch (TimeoutException e) {
        throw new AssertionError("A racing task never finished", e);
      }
    }
  }
}
