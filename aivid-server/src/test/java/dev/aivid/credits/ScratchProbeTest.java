package dev.aivid.credits;

import dev.aivid.account.Organization;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ScratchProbeTest {
  @Test
  void periodChange() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2031-03-05T12:00:00Z"));
    InstantSource clock = now::get;
    try (LedgerService ledger = LedgerFixture.ledger(clock)) {
      Organization org = LedgerFixture.organization();
      ledger.grant(org.id(), 100_000_000, "t", null);
      System.out.println("A " + ledger.setBudget(org.id(), BudgetScope.PROJECT, org.defaultProjectId(), 50_000_000, ResetPeriod.NEVER));
      HoldRequest h = LedgerFixture.hold(org, "p1-" + org.id(), 10_000_000, now.get().plusSeconds(3600));
      System.out.println(ledger.hold(h));
      System.out.println(ledger.post(h.holdId(), new Charge(10_000_000, "local", "m", 1, null)));
      System.out.println("B " + ledger.setBudget(org.id(), BudgetScope.PROJECT, org.defaultProjectId(), 5_000_000, ResetPeriod.DAILY));
      System.out.println("drifts1 " + ledger.verify().drifts());
      System.out.println(ledger.balance(org.id()));

      Organization org2 = LedgerFixture.organization();
      ledger.grant(org2.id(), 100_000_000, "t", null);
      ledger.setBudget(org2.id(), BudgetScope.PROJECT, org2.defaultProjectId(), 20_000_000, ResetPeriod.DAILY);
      HoldRequest h2 = LedgerFixture.hold(org2, "p2-" + org2.id(), 10_000_000, now.get().plusSeconds(3600));
      ledger.hold(h2);
      ledger.post(h2.holdId(), new Charge(10_000_000, "local", "m", 1, null));
      now.set(now.get().plus(Duration.ofDays(1)));
      System.out.println("next day balance " + ledger.balance(org2.id()).budgets());
      System.out.println("C lower to 5 " + ledger.setBudget(org2.id(), BudgetScope.PROJECT, org2.defaultProjectId(), 5_000_000, ResetPeriod.DAILY));
      System.out.println("drifts2 " + ledger.verify().drifts());
    }
  }
}
