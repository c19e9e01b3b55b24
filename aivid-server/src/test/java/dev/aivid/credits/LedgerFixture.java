package dev.aivid.credits;

import dev.aivid.account.AccountService;
import dev.aivid.account.Organization;
import dev.aivid.account.internal.AccountRepository;
import dev.aivid.database.Database;
import dev.aivid.support.Ids;
import dev.aivid.support.TestServers;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;

/** One embedded database per JVM for ledger tests; each test makes its own organisations. */
public final class LedgerFixture {
  private static Database database;

  private LedgerFixture() {}

  public static synchronized Database database() {
    if (database == null) {
      database = Database.open(null, TestServers.temporaryDirectory("aivid-ledger-"), false);
      Runtime.getRuntime().addShutdownHook(new Thread(database::close));
    }
    return database;
  }

  public static LedgerService ledger(InstantSource clock) {
    Database db = database();
    LedgerService ledger =
        new LedgerService(
            db.dataSource(), db.jdbi(), clock, new Ids(new SecureRandom()), 65_536, 4_096, 60_000);
    ledger.start();
    return ledger;
  }

  public static Organization organization() {
    AccountService accounts =
        new AccountService(
            new AccountRepository(database().jdbi()), new Ids(new SecureRandom()), InstantSource.system());
    return accounts.createOrganization("ledger-" + UUID.randomUUID());
  }

  public static HoldRequest hold(
      Organization organization, String holdId, long amountMicros, Instant timeoutAt) {
    return new HoldRequest(
        holdId,
        organization.id(),
        organization.defaultProjectId(),
        null,
        amountMicros,
        timeoutAt,
        null,
        "local",
        "local/previz");
  }
}
