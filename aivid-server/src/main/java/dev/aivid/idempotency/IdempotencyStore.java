package dev.aivid.idempotency;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Remembers the first response to each (organisation, Idempotency-Key) for {@link #TIME_TO_LIVE}.
 * The insert of the key is the lock: a concurrent duplicate sees it and waits its turn.
 */
public final class IdempotencyStore {
  public static final Duration TIME_TO_LIVE = Duration.ofHours(48);
  /** A first attempt that has not finished after this long is assumed dead (its node crashed). */
  static final Duration STALE_AFTER = Duration.ofMinutes(2);

  private final Jdbi jdbi;
  private final InstantSource clock;

  public IdempotencyStore(Jdbi jdbi, InstantSource clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public IdempotencyStart begin(
      String organizationId, String key, String method, String path, String requestSha256) {
    Instant now = clock.instant();
    return jdbi.inTransaction(
        handle -> {
          // Expired keys go a few at a time with each new one, so the table never grows unbounded.
          handle
              .createUpdate(
                  "delete from idempotency_keys where ctid in (select ctid from idempotency_keys"
                      + " where expires_at < :now limit 100) or (organization_id = :org and"
                      + " idempotency_key = :key and expires_at < :now)")
              .bind("org", organizationId)
              .bind("key", key)
              .bind("now", Timestamp.from(now))
              .execute();
          int inserted =
              handle
                  .createUpdate(
                      "insert into idempotency_keys (organization_id, idempotency_key, method, path,"
                          + " request_sha256, created_at, expires_at) values (:org, :key, :method,"
                          + " :path, :sha, :now, :expires) on conflict do nothing")
                  .bind("org", organizationId)
                  .bind("key", key)
                  .bind("method", method)
                  .bind("path", path)
                  .bind("sha", requestSha256)
                  .bind("now", Timestamp.from(now))
                  .bind("expires", Timestamp.from(now.plus(TIME_TO_LIVE)))
                  .execute();
          if (inserted == 1) {
            return new IdempotencyStart.Fresh();
          }
          return existing(handle, organizationId, key, method, path, requestSha256, now);
        });
  }

  private IdempotencyStart existing(
      Handle handle,
      String organizationId,
      String key,
      String method,
      String path,
      String requestSha256,
      Instant now) {
    Optional<Map<String, Object>> row =
        handle
            .createQuery(
                "select method, path, request_sha256, status_code, content_type, response_body,"
                    + " response_headers, created_at from idempotency_keys where organization_id ="
                    + " :org and idempotency_key = :key for update")
            .bind("org", organizationId)
            .bind("key", key)
            .mapToMap()
            .findOne();
    if (row.isEmpty()) {
      return new IdempotencyStart.InProgress();
    }
    Map<String, Object> stored = row.get();
    if (!method.equals(stored.get("method"))
        || !path.equals(stored.get("path"))
        || !requestSha256.equals(stored.get("request_sha256"))) {
      return new IdempotencyStart.Mismatch();
    }
    Object status = stored.get("status_code");
    if (status == null) {
      Instant started = ((Timestamp) stored.get("created_at")).toInstant();
      if (started.plus(STALE_AFTER).isBefore(now)) {
        handle
            .createUpdate(
                "update idempotency_keys set created_at = :now where organization_id = :org and"
                    + " idempotency_key = :key")
            .bind("now", Timestamp.from(now))
            .bind("org", organizationId)
            .bind("key", key)
            .execute();
        return new IdempotencyStart.Fresh();
      }
      return new IdempotencyStart.InProgress();
    }
    return new IdempotencyStart.Replay(
        new StoredResponse(
            ((Number) status).intValue(),
            String.valueOf(stored.get("content_type")),
            (byte[]) stored.get("response_body"),
            headers(String.valueOf(stored.get("response_headers")))));
  }

  public void complete(String organizationId, String key, StoredResponse response) {
    StringBuilder headers = new StringBuilder();
    response.headers().forEach((name, value) -> headers.append(name).append(": ").append(value).append('\n'));
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "update idempotency_keys set status_code = :status, content_type = :type,"
                        + " response_body = :body, response_headers = :headers where"
                        + " organization_id = :org and idempotency_key = :key")
                .bind("status", response.status())
                .bind("type", response.contentType())
                .bind("body", response.body())
                .bind("headers", headers.toString())
                .bind("org", organizationId)
                .bind("key", key)
                .execute());
  }

  /** Forgets a key whose request failed before changing anything, so a retry runs afresh. */
  public void abandon(String organizationId, String key) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "delete from idempotency_keys where organization_id = :org and idempotency_key"
                        + " = :key and status_code is null")
                .bind("org", organizationId)
                .bind("key", key)
                .execute());
  }

  private static Map<String, String> headers(String text) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        headers.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    return headers;
  }
}
