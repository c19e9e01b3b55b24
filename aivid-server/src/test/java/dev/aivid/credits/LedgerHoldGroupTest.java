package dev.aivid.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.account.Organization;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A storyboard's holds placed as one group: all or none, then each settled on its own. */
class LedgerHoldGroupTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T12:00:00Z"));
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

  private List<HoldRequest> board() {
    return List.of(hold("shot0", 2_000_000), hold("shot1", 3_000_000), hold("shot2", 1_000_000));
  }

  @Test
  void aGroupIsHeldWholeAndItsEntriesNameTheGroup() {
    ledger.grant(organization.id(), 10_000_000, "top up", null);
    List<HoldRequest> holds = board();

    assertThat(ledger.holdGroup("board_1", holds)).isEqualTo(new HoldResult.Held("board_1", 6_000_000, false));

    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isEqualTo(6_000_000);
    for (HoldRequest hold : holds) {
      assertThat(ledger.transfer(organization.id(), hold.holdId()).orElseThrow().reason()).isEqualTo("hold group board_1");
    }
  }

  @Test
  void aGroupThePoolCannotCoverHoldsNothingAndNamesTheTotal() {
    ledger.grant(organization.id(), 5_000_000, "top up", null);

    assertThat(ledger.holdGroup("board_2", board()))
        .isEqualTo(new HoldResult.Insufficient(BudgetScope.ORGANIZATION, 6_000_000, 5_000_000));

    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isZero();
    for (HoldRequest hold : board()) {
      assertThat(ledger.transfer(organization.id(), hold.holdId())).isEmpty();
    }
  }

  @Test
  void aProjectBudgetBindsTheWholeGroup() {
    ledger.grant(organization.id(), 100_000_000, "top up", null);
    ledger.setBudget(organization.id(), BudgetScope.PROJECT, organization.defaultProjectId(), 5_500_000, ResetPeriod.DAILY);

    assertThat(ledger.holdGroup("board_3", board()))
        .isEqualTo(new HoldResult.Insufficient(BudgetScope.PROJECT, 6_000_000, 5_500_000));
    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isZero();
  }

  @Test
  void eachPartSettlesOnItsOwnAndTheBalanceIsExact() {
    ledger.grant(organization.id(), 10_000_000, "top up", null);
    List<HoldRequest> holds = board();
    ledger.holdGroup("board_4", holds);

    ledger.post(holds.get(0).holdId(), new Charge(1_500_000, "local", "local/previz", 2, null));
    ledger.voidHold(holds.get(1).holdId(), "shot failed");
    now.set(now.get().plus(Duration.ofHours(2)));
    assertThat(ledger.expireDue()).isGreaterThanOrEqualTo(1);

    AccountBalance pool = ledger.balance(organization.id()).pool();
    assertThat(pool.pendingMicros()).isZero();
    assertThat(pool.postedMicros()).isEqualTo(1_500_000);
    assertThat(pool.availableMicros()).isEqualTo(8_500_000);
    assertThat(ledger.post(holds.get(2).holdId(), new Charge(1, "local", "m", 1, null)))
        .isInstanceOfSatisfying(SettleResult.AlreadyResolved.class, result -> assertThat(result.resolution()).isEqualTo("expire"));
  }

  @Test
  void retryingAGroupReplaysItAndAGroupOverlappingAnotherConflicts() {
    ledger.grant(organization.id(), 10_000_000, "top up", null);
    List<HoldRequest> holds = board();
    ledger.holdGroup("board_5", holds);

    assertThat(ledger.holdGroup("board_5", holds)).isEqualTo(new HoldResult.Held("board_5", 6_000_000, true));
    assertThat(ledger.holdGroup("board_6", List.of(holds.get(0), hold("fresh", 1_000_000))))
        .isEqualTo(new HoldResult.Conflict("board_6"));
    assertThat(ledger.balance(organization.id()).pool().pendingMicros()).isEqualTo(6_000_000);
  }

  @Test
  void aGroupMustShareOneOwnerAndNameEachHoldOnce() {
    HoldRequest first = hold("a", 1_000_000);
    Organization other = LedgerFixture.organization();
    HoldRequest foreign = LedgerFixture.hold(other, "b-" + other.id(), 1_000_000, now.get().plusSeconds(60));

    assertThatThrownBy(() -> ledger.holdGroup("board_7", List.of(first, foreign))).hasMessageContaining("share one");
    assertThatThrownBy(() -> ledger.holdGroup("board_7", List.of(first, first))).hasMessageContaining("twice");
    assertThatThrownBy(() -> ledger.holdGroup("board_7", List.of())).hasMessageContaining("at least one");
  }
}
