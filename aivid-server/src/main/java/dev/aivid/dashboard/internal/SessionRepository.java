package dev.aivid.dashboard.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** SQL for dashboard sessions, keyed by the SHA-256 of the session id. */
public final class SessionRepository {
  /** Expired rows removed per sign-in: cleaning up stays bounded however many piled up. */
  private static final int EXPIRED_ROWS_PER_CLEANUP = 100;

  private final Jdbi jdbi;

  public SessionRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public record StoredSession(String organizationId, String apiKeyId, String csrfToken, Instant expiresAt) {}

  public void insert(byte[] idSha256, StoredSession session, Instant now) {
    jdbi.useHandle(
        handle -> {
          handle
              .createUpdate(
                  "delete from dashboard_sessions where id_sha256 in (select id_sha256 from dashboard_sessions"
                      + " where expires_at < :now limit :limit)")
              .bind("now", Timestamp.from(now))
              .bind("limit", EXPIRED_ROWS_PER_CLEANUP)
              .execute();
          handle
              .createUpdate(
                  "insert into dashboard_sessions (id_sha256, organization_id, api_key_id, csrf_token, created_at,"
                      + " expires_at) values (:id, :org, :key, :csrf, :now, :expires)")
              .bind("id", idSha256)
              .bind("org", session.organizationId())
              .bind("key", session.apiKeyId())
              .bind("csrf", session.csrfToken())
              .bind("now", Timestamp.from(now))
              .bind("expires", Timestamp.from(session.expiresAt()))
              .execute();
        });
  }

  public Optional<StoredSession> find(byte[] idSha256, Instant now) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select organization_id, api_key_id, csrf_token, expires_at from dashboard_sessions"
                        + " where id_sha256 = :id and expires_at > :now")
                .bind("id", idSha256)
                .bind("now", Timestamp.from(now))
                .map(
                    (rs, context) ->
                        new StoredSession(
                            rs.getString("organization_id"),
                            rs.getString("api_key_id"),
                            rs.getString("csrf_token"),
                            rs.getTimestamp("expires_at").toInstant()))
                .findOne());
  }

  public void delete(byte[] idSha256) {
    jdbi.useHandle(
        handle ->
            handle.createUpdate("delete from dashboard_sessions where id_sha256 = :id").bind("id", idSha256).execute());
  }
}
