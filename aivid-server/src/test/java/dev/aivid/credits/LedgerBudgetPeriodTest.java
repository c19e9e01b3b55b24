package dev.aivid.credits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.account.AccountService;
import dev.aivid.account.Organization;
import dev.aivid.account.internal.AccountRepository;
import dev.aivid.database.Database;
import dev.aivid.support.Ids;
import dev.aivid.support.TestServers;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A budget's spend "this period" across period boundaries and period changes.
 *
 * <p>Runs on its own embedded database: when these fail they leave drift behind, and the shared
 * ledger database is verified globally by the other ledger tests.
 */
class LedgerBudgetPeriodTest {
  private static final AtomicReference<Instant> NOW = new AtomicReference<>();
  private static Database database;
  private static LedgerService ledger;
  private static AccountService accounts;
  private Organization organization;

  @BeforeAll
  static void startOwnDatabase() {
    database = Database.open(null, TestServers.temporaryDirectory("aivid-ledger-periods-"), false);
    ledger = new LedgerService(
        database.dataSource(), database.jdbi(), NOW::get, new Ids(new SecureRandom()), 1_024, 256, 60_000);
    ledger.start();
    accounts = new AccountService(
        new AccountRepository(database.jdbi()), new Ids(new SecureRandom()), InstantSource.system());
  }

  @AfterAll
  static void stopOwnDatabase() {
    ledger.close();
    database.close();
  }

  @BeforeEach
  void setUp() {
    NOW.set(Instant.parse("2026-11-25T12:00:00Z"));
    organization = accounts.createOrganization("ledger-" + UUID.randomUUID());
    ledger.grant(organization.id(), 100_000_000, "top up", null);
  }

  private void spendOnProject(String id, long micros) {
    HoldRequest request = LedgerFixture.hold(
        organization, id + "-" + organization.id(), micros, NOW.get().plus(Duration.ofHours(1)));
    assertThat(ledger.hold(request)).isInstanceOf(HoldResult.Held.class);
    assertThat(ledger.post(request.holdId(), new Charge(micros, "local", "local/previz", 1, null)))
        .isInstanceOf(SettleResult.Posted.class);
  }

  private BudgetResult setProjectBudget(long limit, ResetPeriod period) {
    return ledger.setBudget(organization.id(), BudgetScope.PROJECT, organization.defaultProjectId(), limit, period);
  }

  private List<String> projectDrifts() {
    String account = "project:" + organization.defaultProjectId() + " ";
    return ledger.verify().drifts().stream().filter(drift -> drift.startsWith(account)).toList();
  }

  @Test
  void aDailyBudgetSpentYesterdayHasItsWholeLimitAgainToday() {
    assertThat(setProjectBudget(20_000_000, ResetPeriod.DAILY)).isInstanceOf(BudgetResult.Saved.class);
    spendOnProject("yesterday", 10_000_000);
    NOW.set(NOW.get().plus(Duration.ofDays(1)));

    AccountBalance budget = ledger.balance(organization.id()).budgets().getFirst();
    assertThat(budget.periodPostedMicros()).isZero();
    assertThat(budget.availableMicros()).isEqualTo(20_000_000);
    assertThat(ledger.hold(LedgerFixture.hold(organization, "today-" + organization.id(), 20_000_000, NOW.get().plusSeconds(3_600))))
        .isInstanceOf(HoldResult.Held.class);
    assertThat(projectDrifts()).isEmpty();
  }

  /**
   * The stored spend counter of a period that is over (nothing has rolled it yet) must not count:
   * upsertBudget once compared the new limit with it and refused, with yesterday's spend as
   * "committed", a limit the balance showed room for.
   */
  @Test
  void aDailyBudgetCanBeLoweredTheNextDayToWhatIsCommittedToday() {
    assertThat(setProjectBudget(20_000_000, ResetPeriod.DAILY)).isInstanceOf(BudgetResult.Saved.class);
    spendOnProject("yesterday", 10_000_000);
    NOW.set(NOW.get().plus(Duration.ofDays(1)));
    assertThat(ledger.balance(organization.id()).budgets().getFirst().availableMicros()).isEqualTo(20_000_000);

    assertThat(setProjectBudget(5_000_000, ResetPeriod.DAILY))
        .isInstanceOfSatisfying(BudgetResult.Saved.class, saved -> {
          assertThat(saved.balance().periodPostedMicros()).isZero();
          assertThat(saved.balance().availableMicros()).isEqualTo(5_000_000);
        });
    assertThat(projectDrifts()).isEmpty();
  }

  /**
   * What was posted earlier in the new current period still counts for it (verify() recomputes it,
   * and so must the limit): upsertBudget once zeroed the counter on a period change, so the budget
   * drifted and allowed spending past its limit.
   */
  @Test
  void changingABudgetToDailyKeepsCountingWhatWasSpentEarlierToday() {
    assertThat(setProjectBudget(50_000_000, ResetPeriod.NEVER)).isInstanceOf(BudgetResult.Saved.class);
    spendOnProject("today", 10_000_000);

    assertThat(setProjectBudget(20_000_000, ResetPeriod.DAILY))
        .isInstanceOfSatisfying(BudgetResult.Saved.class, saved -> {
          assertThat(saved.balance().periodPostedMicros()).isEqualTo(10_000_000);
          assertThat(saved.balance().availableMicros()).isEqualTo(10_000_000);
        });
    assertThat(projectDrifts()).isEmpty();
    assertThat(ledger.hold(LedgerFixture.hold(organization, "more-" + organization.id(), 15_000_000, NOW.get().plusSeconds(3_600))))
        .isEqualTo(new HoldResult.Insufficient(BudgetScope.PROJECT, 15_000_000, 10_000_000));
  }

  /** The same, seen from the limit: today's spend already exceeds the new daily limit. */
  @Test
  void aBudgetCannotBeChangedToADailyLimitBelowWhatWasSpentToday() {
    assertThat(setProjectBudget(50_000_000, ResetPeriod.NEVER)).isInstanceOf(BudgetResult.Saved.class);
    spendOnProject("today", 10_000_000);

    assertThat(setProjectBudget(5_000_000, ResetPeriod.DAILY))
        .isEqualTo(new BudgetResult.BelowCommitted(5_000_000, 10_000_000));
    assertThat(projectDrifts()).isEmpty();
  }
}
