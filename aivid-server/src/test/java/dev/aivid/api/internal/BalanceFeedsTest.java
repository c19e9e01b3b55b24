package dev.aivid.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.account.Organization;
import dev.aivid.credits.LedgerFixture;
import dev.aivid.credits.LedgerService;
import dev.aivid.support.Await;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BalanceFeedsTest {
  private static final int SUBSCRIBERS = 200;

  private final LedgerService ledger = LedgerFixture.ledger(InstantSource.system());

  @AfterEach
  void close() {
    ledger.close();
  }

  @Test
  void aCommitCostsOneBalanceReadHoweverManyStreamsFollowTheOrganisation() throws Exception {
    Organization organization = LedgerFixture.organization();
    AtomicInteger reads = new AtomicInteger();
    BalanceFeeds feeds =
        new BalanceFeeds(
            ledger,
            id -> {
              reads.incrementAndGet();
              return Long.toString(ledger.balance(id).pool().creditedMicros());
            });
    List<List<BalanceFeeds.Balance>> received = new ArrayList<>();
    List<AutoCloseable> subscriptions = new ArrayList<>();
    for (int i = 0; i < SUBSCRIBERS; i++) {
      List<BalanceFeeds.Balance> mine = new CopyOnWriteArrayList<>();
      received.add(mine);
      subscriptions.add(feeds.subscribe(organization.id(), mine::add));
    }
    assertThat(reads.get()).isEqualTo(SUBSCRIBERS);

    ledger.grant(organization.id(), 7_000_000, "one commit", null);

    Await.until(
        () -> received.stream().allMatch(list -> list.getLast().json().equals("7000000")),
        Boolean::booleanValue,
        Duration.ofSeconds(30));
    // The initial reads, then one for the commit (two if a notification raced a read in progress).
    assertThat(reads.get() - SUBSCRIBERS).isBetween(1, 2);
    for (AutoCloseable subscription : subscriptions) {
      subscription.close();
    }
  }

  @Test
  void aStreamNeverGoesBackToABalanceReadBeforeTheOneItHas() {
    Organization organization = LedgerFixture.organization();
    BalanceFeeds feeds = new BalanceFeeds(ledger, id -> Long.toString(ledger.balance(id).pool().creditedMicros()));
    List<BalanceFeeds.Balance> received = new CopyOnWriteArrayList<>();
    feeds.subscribe(organization.id(), received::add);
    for (int i = 1; i <= 20; i++) {
      ledger.grant(organization.id(), 1_000_000, "grant " + i, null);
    }
    Await.until(() -> received.getLast().json(), "20000000"::equals, Duration.ofSeconds(30));
    List<Long> sequences = received.stream().map(BalanceFeeds.Balance::sequence).toList();
    List<Long> credited = received.stream().map(balance -> Long.parseLong(balance.json())).toList();
    assertThat(sequences).isSorted();
    assertThat(credited).isSorted();
  }
}
