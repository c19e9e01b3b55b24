package dev.aivid.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.account.Organization;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every refused request leaves the ledger as it was: the organisation's balances are unchanged and
 * verify() finds no drift. Each test starts from a funded pool, a project budget and one open hold.
 */
class LedgerBadInputTest {
  private static final long GRANTED = 10_000_000;
  private static final long BUDGET = 8_000_000;
  private static final long HELD = 4_000_000;

  private static final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
  private static LedgerService ledger;
  private Organization organization;
  private String grantId;
  private HoldRequest open;

  @BeforeAll
  static void startLedger() {
    ledger = LedgerFixture.ledger(now::get);
  }

  @AfterAll
  static void closeLedger() {
    ledger.close();
  }

  @BeforeEach
  void setUp() {
    organization = LedgerFixture.organization();
    grantId = "grant-" + organization.id();
    assertThat(ledger.grant(organization.id(), GRANTED, "top up", grantId))
        .isEqualTo(new GrantResult.Granted(grantId, GRANTED, false));
    assertThat(ledger.setBudget(organization.id(), BudgetScope.PROJECT, organization.defaultProjectId(), BUDGET, ResetPeriod.NEVER))
        .isInstanceOf(BudgetResult.Saved.class);
    open = hold("open", HELD);
    assertThat(ledger.hold(open)).isEqualTo(new HoldResult.Held(open.holdId(), HELD, false));
  }

  private HoldRequest hold(String id, long micros) {
    return LedgerFixture.hold(organization, id + "-" + organization.id(), micros, now.get().plus(Duration.ofHours(1)));
  }

  private OrganizationBalance snapshot() {
    return ledger.balance(organization.id());
  }

  private void assertUnchangedSince(OrganizationBalance before) {
    assertThat(ledger.balance(organization.id())).isEqualTo(before);
    assertThat(ledger.verify().drifts()).isEmpty();
  }

  private static void assertRefusedWithCode(ThrowingCallable call, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(CreditsException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, -1_000_000, Long.MIN_VALUE, Credits.MAX_MICROS + 1, Long.MAX_VALUE})
  void aHoldOfZeroNegativeOrAbsurdAmountIsAnInvalidAmountAndChangesNothing(long amount) {
    OrganizationBalance before = snapshot();
    assertRefusedWithCode(() -> ledger.hold(hold("bad", amount)), "invalid_amount");
    assertUnchangedSince(before);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, -1_000_000, Long.MIN_VALUE, Credits.MAX_MICROS + 1, Long.MAX_VALUE})
  void aGrantOfZeroNegativeOrAbsurdAmountIsAnInvalidAmountAndChangesNothing(long amount) {
    OrganizationBalance before = snapshot();
    assertRefusedWithCode(() -> ledger.grant(organization.id(), amount, "bad", null), "invalid_amount");
    assertRefusedWithCode(() -> ledger.grant(organization.id(), amount, "bad", "bad-grant-" + organization.id()), "invalid_amount");
    assertUnchangedSince(before);
    assertThat(ledger.transferExists(organization.id(), "bad-grant-" + organization.id())).isFalse();
  }

  @Test
  void aNegativeChargeIsAnInvalidAmountAndLeavesTheHoldOpen() {
    OrganizationBalance before = snapshot();
    assertRefusedWithCode(() -> ledger.post(open.holdId(), new Charge(-1, "local", "m", 1, null)), "invalid_amount");
    assertUnchangedSince(before);
    assertThat(ledger.post(open.holdId(), new Charge(HELD, "local", "m", 1, null))).isInstanceOf(SettleResult.Posted.class);
  }

  @Test
  void aBlankOrOverlongHoldIdIsRefusedBeforeReachingTheLedger() {
    OrganizationBalance before = snapshot();
    assertRefusedWithCode(() -> ledger.hold(LedgerFixture.hold(organization, " ", HELD, now.get().plusSeconds(60))), "invalid_transfer_id");
    assertRefusedWithCode(
        () -> ledger.hold(LedgerFixture.hold(organization, "h".repeat(101), HELD, now.get().plusSeconds(60))),
        "invalid_transfer_id");
    assertUnchangedSince(before);
  }

  @Test
  void aNegativeBudgetLimitOrABudgetOnThePoolIsRefusedAndChangesNothing() {
    OrganizationBalance before = snapshot();
    assertRefusedWithCode(
        () -> ledger.setBudget(organization.id(), BudgetScope.PROJECT, organization.defaultProjectId(), -1, ResetPeriod.NEVER),
        "invalid_amount");
    assertRefusedWithCode(
        () -> ledger.setBudget(organization.id(), BudgetScope.API_KEY, "key_test_" + UUID.randomUUID(), Credits.MAX_MICROS + 1, ResetPeriod.NEVER),
        "invalid_amount");
    assertRefusedWithCode(
        () -> ledger.setBudget(organization.id(), BudgetScope.ORGANIZATION, organization.id(), 1, ResetPeriod.NEVER),
        "invalid_budget_scope");
    assertUnchangedSince(before);
  }

  @Test
  void postingOrVoidingAVoidedHoldIsAlreadyResolvedAndChargesNothing() {
    SettleResult voided = ledger.voidHold(open.holdId(), "cancelled");
    assertThat(voided).isEqualTo(new SettleResult.Voided(((SettleResult.Voided) voided).transferId(), HELD));
    String voidId = ((SettleResult.Voided) voided).transferId();
    OrganizationBalance before = snapshot();
    assertThat(before.pool().pendingMicros()).isZero();

    assertThat(ledger.post(open.holdId(), new Charge(HELD, "local", "m", 1, null)))
        .isEqualTo(new SettleResult.AlreadyResolved("void", voidId));
    assertThat(ledger.post(organization.id(), open.holdId(), new Charge(1, "local", "m", 1, null)))
        .isEqualTo(new SettleResult.AlreadyResolved("void", voidId));
    assertThat(ledger.voidHold(open.holdId(), "again")).isEqualTo(new SettleResult.AlreadyResolved("void", voidId));
    assertUnchangedSince(before);
  }

  @Test
  void postingMoreThanWasHeldIsRefusedAndTheHoldCanStillBePostedInFull() {
    OrganizationBalance before = snapshot();
    assertThat(ledger.post(open.holdId(), new Charge(HELD + 1, "local", "m", 1, null)))
        .isEqualTo(new SettleResult.ExceedsHold(HELD, HELD + 1));
    assertThat(ledger.post(organization.id(), open.holdId(), new Charge(Credits.MAX_MICROS, "local", "m", 1, null)))
        .isEqualTo(new SettleResult.ExceedsHold(HELD, Credits.MAX_MICROS));
    assertUnchangedSince(before);

    assertThat(ledger.post(open.holdId(), new Charge(HELD, "local", "m", 1, null)))
        .isInstanceOfSatisfying(SettleResult.Posted.class, posted -> {
          assertThat(posted.postedMicros()).isEqualTo(HELD);
          assertThat(posted.releasedMicros()).isZero();
        });
  }

  @Test
  void anUnknownHoldIdIsUnknownToPostAndVoid() {
    OrganizationBalance before = snapshot();
    String unknown = "nothing-" + organization.id();
    assertThat(ledger.post(unknown, new Charge(1, "local", "m", 1, null))).isEqualTo(new SettleResult.UnknownHold(unknown));
    assertThat(ledger.voidHold(unknown, "no such hold")).isEqualTo(new SettleResult.UnknownHold(unknown));
    assertThat(ledger.post(organization.id(), unknown, new Charge(1, "local", "m", 1, null)))
        .isEqualTo(new SettleResult.UnknownHold(unknown));
    assertThat(ledger.voidHold(organization.id(), unknown, "no such hold")).isEqualTo(new SettleResult.UnknownHold(unknown));
    // A grant is a transfer but not a hold.
    assertThat(ledger.post(grantId, new Charge(1, "local", "m", 1, null))).isEqualTo(new SettleResult.UnknownHold(grantId));
    assertThat(ledger.voidHold(grantId, "not a hold")).isEqualTo(new SettleResult.UnknownHold(grantId));
    assertUnchangedSince(before);
  }

  @Test
  void anotherOrganisationsHoldIsUnknownThroughTheOrganisationScopedCallsAndStaysOpen() {
    Organization other = LedgerFixture.organization();
    ledger.grant(other.id(), GRANTED, "top up", null);
    OrganizationBalance before = snapshot();
    OrganizationBalance otherBefore = ledger.balance(other.id());

    assertThat(ledger.post(other.id(), open.holdId(), new Charge(1, "local", "m", 1, null)))
        .isEqualTo(new SettleResult.UnknownHold(open.holdId()));
    assertThat(ledger.voidHold(other.id(), open.holdId(), "not yours"))
        .isEqualTo(new SettleResult.UnknownHold(open.holdId()));
    assertUnchangedSince(before);
    assertThat(ledger.balance(other.id())).isEqualTo(otherBefore);

    assertThat(ledger.voidHold(organization.id(), open.holdId(), "mine")).isInstanceOf(SettleResult.Voided.class);
  }

  @Test
  void aHoldIdReusedWithAnotherAmountByAnotherOrganisationOrForAGrantIsAConflict() {
    Organization other = LedgerFixture.organization();
    ledger.grant(other.id(), GRANTED, "top up", null);
    OrganizationBalance before = snapshot();
    OrganizationBalance otherBefore = ledger.balance(other.id());

    HoldRequest otherAmount = new HoldRequest(
        open.holdId(), organization.id(), organization.defaultProjectId(), null, HELD - 1, open.timeoutAt(), null, "local", "local/previz");
    assertThat(ledger.hold(otherAmount)).isEqualTo(new HoldResult.Conflict(open.holdId()));
    HoldRequest otherOrganisation = new HoldRequest(
        open.holdId(), other.id(), other.defaultProjectId(), null, HELD, open.timeoutAt(), null, "local", "local/previz");
    assertThat(ledger.hold(otherOrganisation)).isEqualTo(new HoldResult.Conflict(open.holdId()));
    HoldRequest grantsId = LedgerFixture.hold(organization, grantId, GRANTED, open.timeoutAt());
    assertThat(ledger.hold(grantsId)).isEqualTo(new HoldResult.Conflict(grantId));

    assertUnchangedSince(before);
    assertThat(ledger.balance(other.id())).isEqualTo(otherBefore);
    assertThat(ledger.hold(open)).isEqualTo(new HoldResult.Held(open.holdId(), HELD, true));
    assertUnchangedSince(before);
  }

  @Test
  void aGrantIdReusedWithAnotherAmountOrForAnotherOrganisationIsAConflict() {
    Organization other = LedgerFixture.organization();
    OrganizationBalance before = snapshot();
    assertThat(ledger.grant(organization.id(), GRANTED + 1, "again", grantId)).isEqualTo(new GrantResult.Conflict(grantId));
    assertThat(ledger.grant(other.id(), GRANTED, "again", grantId)).isEqualTo(new GrantResult.Conflict(grantId));
    assertThat(ledger.grant(organization.id(), HELD, "a hold's id", open.holdId())).isEqualTo(new GrantResult.Conflict(open.holdId()));
    assertThat(ledger.grant(organization.id(), GRANTED, "retry", grantId)).isEqualTo(new GrantResult.Granted(grantId, GRANTED, true));
    assertUnchangedSince(before);
    assertThat(ledger.balance(other.id()).pool().creditedMicros()).isZero();
  }

  @Test
  void aBudgetCannotBeLoweredBelowWhatIsAlreadyHeldButCanBeLoweredToExactlyThat() {
    OrganizationBalance before = snapshot();
    assertThat(ledger.setBudget(organization.id(), BudgetScope.PROJECT, organization.defaultProjectId(), HELD - 1, ResetPeriod.NEVER))
        .isEqualTo(new BudgetResult.BelowCommitted(HELD - 1, HELD));
    assertThat(ledger.setBudget(organization.id(), BudgetScope.PROJECT, organization.defaultProjectId(), 0, ResetPeriod.NEVER))
        .isEqualTo(new BudgetResult.BelowCommitted(0, HELD));
    assertUnchangedSince(before);
    assertThat(ledger.budgets(organization.id())).singleElement()
        .satisfies(budget -> assertThat(budget.limitMicros()).isEqualTo(BUDGET));

    assertThat(ledger.setBudget(organization.id(), BudgetScope.PROJECT, organization.defaultProjectId(), HELD, ResetPeriod.NEVER))
        .isInstanceOfSatisfying(BudgetResult.Saved.class, saved -> assertThat(saved.balance().availableMicros()).isZero());
    assertThat(ledger.hold(hold("one-more", 1))).isEqualTo(new HoldResult.Insufficient(BudgetScope.PROJECT, 1, 0));
    assertThat(ledger.verify().drifts()).isEmpty();
  }

  @Test
  void anOperationForAnOrganisationThatDoesNotExistFailsAloneAndTheRestOfItsBatchCommits() throws Exception {
    String missing = "org_missing_" + UUID.randomUUID();
    int holds = 50;
    CountDownLatch ready = new CountDownLatch(holds + 1);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HoldResult>> held = new ArrayList<>();
    Future<GrantResult> badGrant;
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      badGrant = executor.submit(() -> {
        ready.countDown();
        go.await();
        return ledger.grant(missing, 1_000_000, "to nobody", null);
      });
      for (int i = 0; i < holds; i++) {
        HoldRequest request = hold("batch" + i, 50_000);
        held.add(executor.submit(() -> {
          ready.countDown();
          go.await();
          return ledger.hold(request);
        }));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
      go.countDown();
    }
    assertThatThrownBy(badGrant::get)
        .cause()
        .isInstanceOfSatisfying(CreditsException.class, e -> assertThat(e.code()).isEqualTo("ledger_write_failed"));
    for (Future<HoldResult> result : held) {
      assertThat(result.get()).isInstanceOf(HoldResult.Held.class);
    }
    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isEqualTo(HELD + holds * 50_000L);
    assertThat(ledger.balance(missing).pool().creditedMicros()).isZero();
    assertThat(ledger.verify().drifts()).isEmpty();
  }
}
