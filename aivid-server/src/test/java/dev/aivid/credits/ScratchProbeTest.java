package dev.aivid.credits;

import dev.aivid.account.Organization;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ScratchProbeTest {
  @Test
  void crossNodeSingleSettle() throws Exception {
    InstantSource clock = () -> Instant.parse("2026-11-25T12:00:00Z");
    try (LedgerService a = LedgerFixture.ledger(clock); LedgerService b = LedgerFixture.ledger(clock)) {
      Organization org = LedgerFixture.organization();
      a.grant(org.id(), 1_000_000_000, "t", null);
      int failures = 0, doubles = 0;
      for (int round = 0; round < 300; round++) {
        HoldRequest h = LedgerFixture.hold(org, "x" + round + "-" + org.id(), 1_000_000, Instant.parse("2026-11-25T13:00:00Z"));
        a.hold(h);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
          Future<Object> fa = ex.submit(() -> { go.await(); try { return a.post(h.holdId(), new Charge(1_000_000, "local", "m", 1, null)); } catch (CreditsException e) { return e.code(); } });
          Future<Object> fb = ex.submit(() -> { go.await(); try { return b.voidHold(h.holdId(), "x"); } catch (CreditsException e) { return e.code(); } });
          go.countDown();
          Object ra = fa.get(), rb = fb.get();
          if (ra instanceof String || rb instanceof String) { failures++; System.out.println("FAIL " + ra + " / " + rb); }
          if (!(ra instanceof SettleResult.AlreadyResolved) && !(rb instanceof SettleResult.AlreadyResolved)) doubles++;
        }
      }
      System.out.println("failures=" + failures + " doubles=" + doubles);
      System.out.println(a.balance(org.id()).pool());
      System.out.println(a.verify().drifts());
    }
  }
}
