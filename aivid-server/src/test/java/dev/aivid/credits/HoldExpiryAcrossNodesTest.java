package dev.aivid.credits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.account.AccountService;
import dev.aivid.account.Organization;
import dev.aivid.account.internal.AccountRepository;
import dev.aivid.database.Database;
import dev.aivid.support.Await;
import dev.aivid.support.Ids;
import dev.aivid.support.TestServers;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hold expiry, the ledger's scheduled work, with three nodes' sweepers on one database. */
class HoldExpiryAcrossNodesTest {
  private static final int HOLDS = 300;

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final List<LedgerService> nodes = new ArrayList<>();
  private Database database;
  private Organization organization;

  @BeforeEach
  void setUp() {
    database = Database.open(null, TestServers.temporaryDirectory("aivid-expiry-nodes-"), false);
    organization =
        new AccountService(new AccountRepository(database.jdbi()), new Ids(new SecureRandom()), InstantSource.system())
            .createOrganization("expiry-" + System.nanoTime());
  }

  @AfterEach
  void tearDown() {
    nodes.forEach(LedgerService::close);
    database.close();
  }

  private LedgerService node(long sweepMillis) {
    LedgerService ledger =
        new LedgerService(
            database.dataSource(), database.jdbi(), clock, new Ids(new SecureRandom()), 65_536, 4_096, sweepMillis);
    ledger.start();
    nodes.add(ledger);
    return ledger;
  }

  private long count(String sql) {
    return database.jdbi().withHandle(handle -> handle.createQuery(sql).bind("org", organization.id()).mapTo(Long.class).one());
  }

  @Test
  void holdsPastTheirTimeoutExpireExactlyOnceWhileThreeNodesSweep() {
    List<LedgerService> ledgers = List.of(node(10), node(10), node(10));
    ledgers.getFirst().grant(organization.id(), HOLDS * 1_000L, "top up", null);
    for (int i = 0; i < HOLDS; i++) {
      HoldRequest request =
          LedgerFixture.hold(organization, "expiring-" + i + "-" + organization.id(), 1_000, now.get().plus(Duration.ofHours(1)));
      assertThat(ledgers.get(i % ledgers.size()).hold(request)).isInstanceOf(HoldResult.Held.class);
    }

    now.set(now.get().plus(Duration.ofHours(2)));

    Await.until(
        () -> count("select count(*) from credit_transfers where organization_id = :org and kind = 'expire'"),
        expired -> expired == HOLDS,
        Duration.ofSeconds(60));
    assertThat(
            count(
                "select count(*) from credit_transfers h where h.organization_id = :org and h.kind = 'pending'"
                    + " and (select count(*) from credit_transfers r where r.pending_id = h.id) <> 1"))
        .isZero();
    assertThat(ledgers.get(1).balance(organization.id()).pool().pendingMicros()).isZero();
    assertThat(ledgers.get(1).balance(organization.id()).pool().availableMicros()).isEqualTo(HOLDS * 1_000L);
    assertThat(ledgers.get(2).verify().drifts()).isEmpty();
  }

  @Test
  void aNodeDoesNotSweepWhileAnotherNodeIsSweeping() {
    // A long period: the node's own sweeper runs once at start, before there is anything to expire.
    LedgerService ledger = node(600_000);
    ledger.grant(organization.id(), 1_000, "top up", null);
    ledger.hold(LedgerFixture.hold(organization, "late-" + organization.id(), 1_000, now.get().plus(Duration.ofMinutes(1))));
    now.set(now.get().plus(Duration.ofHours(1)));

    try (Handle otherNode = database.jdbi().open()) {
      otherNode.createQuery("select pg_advisory_lock(:key)").bind("key", 0x6169766964_01L).mapTo(String.class).one();
      assertThat(ledger.expireDueUnlessSweptElsewhere()).isEmpty();
      otherNode.createQuery("select pg_advisory_unlock(:key)").bind("key", 0x6169766964_01L).mapTo(Boolean.class).one();
    }

    assertThat(ledger.expireDueUnlessSweptElsewhere()).contains(1);
  }
}
