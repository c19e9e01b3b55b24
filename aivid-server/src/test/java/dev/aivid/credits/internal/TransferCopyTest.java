package dev.aivid.credits.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.database.Database;
import dev.aivid.support.TestServers;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs on its own database: the rows copied here bypass the ledger (no accounts, no balances),
 * which the shared ledger database's {@code verify} would rightly report.
 */
final class TransferCopyTest {
  private static Database database;

  @BeforeAll
  static void startDatabase() {
    database = Database.open(null, TestServers.temporaryDirectory("aivid-copy-"), false);
  }

  @AfterAll
  static void stopDatabase() {
    database.close();
  }

  @Test
  void everyColumnOfACopiedTransferReadsBackAsWritten() throws SQLException {
    String organization = "org_" + UUID.randomUUID();
    String holdId = "hold_" + UUID.randomUUID();
    String postId = "xfer_" + UUID.randomUUID();
    Instant timeout = Instant.parse("2026-11-25T12:34:56.789123Z");
    Instant created = Instant.parse("1999-12-31T23:59:59.000001Z");
    TransferRow hold =
        new TransferRow(
            holdId, organization, "pending", "pool:" + organization, "provider:" + organization,
            1_234_567L, null, "proj_1", "key_1", "project:proj_1", "key:key_1", "video_1", "kling",
            "kling-v3", null, null, null, timeout, created);
    TransferRow post =
        new TransferRow(
            postId, organization, "post", "pool:" + organization, "provider:" + organization, 0L,
            holdId, null, null, null, null, null, "kling", "kling-v3", 8, "1080p",
            "rendered — 8 s, «première» 🎬", null, Instant.parse("2026-11-25T12:35:00Z"));

    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      assertThat(TransferCopy.copy(connection, List.of(hold, post))).isEqualTo(2);
      connection.commit();
    }

    Map<String, Object> holdRow = row(holdId);
    assertThat(holdRow)
        .containsEntry("kind", "pending")
        .containsEntry("amount_micros", 1_234_567L)
        .containsEntry("project_budget_account_id", "project:proj_1")
        .containsEntry("api_key_budget_account_id", "key:key_1")
        .containsEntry("video_id", "video_1")
        .containsEntry("pending_id", null)
        .containsEntry("seconds", null);
    assertThat(((java.sql.Timestamp) holdRow.get("timeout_at")).toInstant()).isEqualTo(timeout);
    assertThat(((java.sql.Timestamp) holdRow.get("created_at")).toInstant()).isEqualTo(created);
    Map<String, Object> postRow = row(postId);
    assertThat(postRow)
        .containsEntry("pending_id", holdId)
        .containsEntry("seconds", 8)
        .containsEntry("resolution", "1080p")
        .containsEntry("reason", "rendered — 8 s, «première» 🎬")
        .containsEntry("timeout_at", null);
  }

  @Test
  void aCopyWhoseIdIsAlreadyInTheLedgerFailsThePrimaryKeyAndAddsNothing() throws SQLException {
    String organization = "org_" + UUID.randomUUID();
    String grantId = "grant_" + UUID.randomUUID();
    TransferRow grant =
        new TransferRow(
            grantId, organization, "grant", "grants:" + organization, "pool:" + organization, 5L,
            null, null, null, null, null, null, null, null, null, null, "top-up", null,
            Instant.parse("2026-11-25T12:00:00Z"));
    TransferRow other =
        new TransferRow(
            "grant_" + UUID.randomUUID(), organization, "grant", "grants:" + organization,
            "pool:" + organization, 7L, null, null, null, null, null, null, null, null, null, null,
            "top-up", null, Instant.parse("2026-11-25T12:00:00Z"));
    try (Connection connection = database.dataSource().getConnection()) {
      connection.setAutoCommit(false);
      TransferCopy.copy(connection, List.of(grant));
      connection.commit();

      assertThatThrownBy(() -> TransferCopy.copy(connection, List.of(other, grant)))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
      connection.rollback();
      connection.setAutoCommit(true);
    }

    long stored =
        database.jdbi().withHandle(handle -> handle
            .createQuery("select count(*) from credit_transfers where organization_id = :organization")
            .bind("organization", organization)
            .mapTo(Long.class)
            .one());
    assertThat(stored).isEqualTo(1L);
  }

  private Map<String, Object> row(String id) {
    return database.jdbi().withHandle(handle -> handle
        .createQuery("select * from credit_transfers where id = :id")
        .bind("id", id)
        .mapToMap()
        .one());
  }
}
