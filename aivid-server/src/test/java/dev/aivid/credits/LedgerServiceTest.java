package dev.aivid.credits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.account.Organization;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerServiceTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private LedgerService ledger;
  private Organization organization;

  @BeforeEach
  void setUp() {
    ledger = LedgerFixture.ledger(clock);
    organization = LedgerFixture.organization();
  }

  @AfterEach
  void verifyFindsNoDrift() {
    assertThat(ledger.verify().drifts()).isEmpty();
    ledger.close();
  }

  private HoldRequest hold(String id, long micros) {
    return LedgerFixture.hold(organization, id + "-" + organization.id(), micros, now.get().plus(Duration.ofHours(1)));
  }

  @Test
  void aHoldReservesFundsAndPostingChargesTheActualAmountAndReleasesTheRest() {
    ledger.grant(organization.id(), 10_000_000, "top up", null);
    HoldRequest request = hold("h1", 4_000_000);
    assertThat(ledger.hold(request)).isEqualTo(new HoldResult.Held(request.holdId(), 4_000_000, false));
    assertThat(ledger.balance(organization.id()).pool().availableMicros()).isEqualTo(6_000_000);
    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isEqualTo(4_000_000);

    SettleResult posted = ledger.post(request.holdId(), new Charge(3_000_000, "local", "local/previz", 3, "1280x720"));
    assertThat(posted).isInstanceOfSatisfying(SettleResult.Posted.class, result -> {
      assertThat(result.postedMicros()).isEqualTo(3_000_000);
      assertThat(result.releasedMicros()).isEqualTo(1_000_000);
    });
    AccountBalance pool = ledger.balance(organization.id()).pool();
    assertThat(pool.availableMicros()).isEqualTo(7_000_000);
    assertThat(pool.pendingMicros()).isZero();
    assertThat(pool.postedMicros()).isEqualTo(3_000_000);
  }

  @Test
  void aHoldBeyondThePoolIsRefusedWithWhatIsNeededAndWhatIsAvailable() {
    ledger.grant(organization.id(), 1_000_000, "top up", null);
    assertThat(ledger.hold(hold("big", 1_500_000)))
        .isEqualTo(new HoldResult.Insufficient(BudgetScope.ORGANIZATION, 1_500_000, 1_000_000));
    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isZero();
  }

  @Test
  void aHoldResolvesAtMostOnce() {
    ledger.grant(organization.id(), 5_000_000, "top up", null);
    HoldRequest request = hold("once", 2_000_000);
    ledger.hold(request);
    assertThat(ledger.voidHold(request.holdId(), "cancelled")).isInstanceOf(SettleResult.Voided.class);
    assertThat(ledger.post(request.holdId(), new Charge(1, "local", "m", 1, null)))
        .isInstanceOfSatisfying(SettleResult.AlreadyResolved.class, result -> assertThat(result.resolution()).isEqualTo("void"));
    assertThat(ledger.voidHold(request.holdId(), "again")).isInstanceOf(SettleResult.AlreadyResolved.class);
    assertThat(ledger.balance(organization.id()).pool().availableMicros()).isEqualTo(5_000_000);
  }

  @Test
  void postingMoreThanWasHeldChangesNothing() {
    ledger.grant(organization.id(), 5_000_000, "top up", null);
    HoldRequest request = hold("over", 2_000_000);
    ledger.hold(request);
    assertThat(ledger.post(request.holdId(), new Charge(2_000_001, "local", "m", 1, null)))
        .isEqualTo(new SettleResult.ExceedsHold(2_000_000, 2_000_001));
    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isEqualTo(2_000_000);
  }

  @Test
  void aRepeatedHoldIdIsAReplayNotASecondCharge() {
    ledger.grant(organization.id(), 5_000_000, "top up", null);
    HoldRequest request = hold("same", 2_000_000);
    ledger.hold(request);
    assertThat(ledger.hold(request)).isEqualTo(new HoldResult.Held(request.holdId(), 2_000_000, true));
    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isEqualTo(2_000_000);
  }

  @Test
  void aProjectBudgetBindsBeforeThePoolDoes() {
    ledger.grant(organization.id(), 100_000_000, "top up", null);
    assertThat(
            ledger.setBudget(organization.id(), BudgetScope.PROJECT, organization.defaultProjectId(), 3_000_000, ResetPeriod.DAILY))
        .isInstanceOf(BudgetResult.Saved.class);
    assertThat(ledger.hold(hold("b1", 2_000_000))).isInstanceOf(HoldResult.Held.class);
    assertThat(ledger.hold(hold("b2", 2_000_000)))
        .isEqualTo(new HoldResult.Insufficient(BudgetScope.PROJECT, 2_000_000, 1_000_000));
    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isEqualTo(2_000_000);
  }

  @Test
  void aDailyBudgetStartsAgainTheNextDay() {
    ledger.grant(organization.id(), 100_000_000, "top up", null);
    ledger.setBudget(organization.id(), BudgetScope.PROJECT, organization.defaultProjectId(), 3_000_000, ResetPeriod.DAILY);
    HoldRequest first = hold("d1", 3_000_000);
    ledger.hold(first);
    ledger.post(first.holdId(), new Charge(3_000_000, "local", "m", 3, null));
    assertThat(ledger.hold(hold("d2", 1))).isInstanceOf(HoldResult.Insufficient.class);
    now.set(now.get().plus(Duration.ofDays(1)));
    assertThat(ledger.hold(hold("d3", 3_000_000))).isInstanceOf(HoldResult.Held.class);
  }

  @Test
  void holdsPastTheirTimeoutExpireAndReleaseTheirFunds() {
    ledger.grant(organization.id(), 5_000_000, "top up", null);
    HoldRequest request = hold("late", 2_000_000);
    ledger.hold(request);
    now.set(now.get().plus(Duration.ofHours(2)));
    assertThat(ledger.expireDue()).isGreaterThanOrEqualTo(1);
    assertThat(ledger.balance(organization.id()).pool().availableMicros()).isEqualTo(5_000_000);
    assertThat(ledger.post(request.holdId(), new Charge(1, "local", "m", 1, null)))
        .isInstanceOfSatisfying(SettleResult.AlreadyResolved.class, result -> assertThat(result.resolution()).isEqualTo("expire"));
  }

  @Test
  void anotherOrganisationsHoldIsUnknownToIt() {
    ledger.grant(organization.id(), 5_000_000, "top up", null);
    HoldRequest request = hold("mine", 1_000_000);
    ledger.hold(request);
    Organization other = LedgerFixture.organization();
    assertThat(ledger.voidHold(other.id(), request.holdId(), "not yours")).isInstanceOf(SettleResult.UnknownHold.class);
    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isEqualTo(1_000_000);
  }

  @Test
  void creditsParseAndFormatDecimalAmountsExactly() {
    assertThat(Credits.parse("12.5")).contains(12_500_000L);
    assertThat(Credits.parse("0.000001")).contains(1L);
    assertThat(Credits.parse("0.0000001")).isEmpty();
    assertThat(Credits.parse("1e3")).isEmpty();
    assertThat(Credits.format(12_500_000)).isEqualTo("12.5");
    assertThat(Credits.format(1)).isEqualTo("0.000001");
  }
}
