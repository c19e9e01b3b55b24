package dev.aivid.webhooks.internal;

import dev.aivid.webhooks.Delivery;
import dev.aivid.webhooks.DeliveryAttempt;
import dev.aivid.webhooks.DeliveryStatus;
import dev.aivid.webhooks.PoolBalance;
import dev.aivid.webhooks.SecretSealing;
import dev.aivid.webhooks.Webhook;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jspecify.annotations.Nullable;

/** SQL for webhook endpoints, the delivery outbox and its SKIP LOCKED queue, and the attempt log. */
public final class WebhookRepository {
  private static final String ENDPOINT_COLUMNS = "id, organization_id, url, events, description, created_at";
  private static final String DELIVERY_COLUMNS =
      "id, endpoint_id, event_id, event_type, status, attempt_count, last_response_code, last_error,"
          + " next_attempt_at, delivered_at, created_at";

  private final Jdbi jdbi;

  public WebhookRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void insertEndpoint(Webhook webhook, SecretSealing.Sealed secret) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into webhook_endpoints (id, organization_id, url, events, description, secret_nonce,"
                        + " secret_ciphertext, secret_key_id, created_at) values (:id, :org, :url, :events,"
                        + " :description, :nonce, :ciphertext, :key, :created)")
                .bind("id", webhook.id())
                .bind("org", webhook.organizationId())
                .bind("url", webhook.url())
                .bind("events", webhook.events().toArray(String[]::new))
                .bind("description", webhook.description())
                .bind("nonce", secret.nonce())
                .bind("ciphertext", secret.ciphertext())
                .bind("key", secret.keyId())
                .bind("created", Timestamp.from(webhook.createdAt()))
                .execute());
  }

  public Optional<Webhook> findEndpoint(String organizationId, String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + ENDPOINT_COLUMNS + " from webhook_endpoints where id = :id and organization_id = :org")
                .bind("id", id)
                .bind("org", organizationId)
                .map((rs, context) -> endpoint(rs))
                .findOne());
  }

  public List<Webhook> listEndpoints(String organizationId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + ENDPOINT_COLUMNS + " from webhook_endpoints where organization_id = :org"
                        + " order by created_at, id")
                .bind("org", organizationId)
                .map((rs, context) -> endpoint(rs))
                .list());
  }

  /** Deletes the endpoint with its deliveries and their log; false when there was none. */
  public boolean deleteEndpoint(String organizationId, String id) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate("delete from webhook_endpoints where id = :id and organization_id = :org")
                    .bind("id", id)
                    .bind("org", organizationId)
                    .execute())
        > 0;
  }

  /**
   * One pending delivery per endpoint of the organisation that subscribes to the type. Runs in the
   * caller's transaction when there is one on this thread (Jdbi scopes handles per thread), so an
   * event commits or rolls back with the change that produced it; {@code afterCommit} runs once it
   * is visible to other nodes.
   */
  public int enqueue(
      String organizationId,
      String eventType,
      String eventId,
      String payload,
      Instant now,
      Supplier<String> deliveryIds,
      Runnable afterCommit) {
    return jdbi.inTransaction(
        handle -> {
          List<String> endpoints =
              handle
                  .createQuery(
                      "select id from webhook_endpoints where organization_id = :org and :type = any(events)"
                          + " order by id")
                  .bind("org", organizationId)
                  .bind("type", eventType)
                  .mapTo(String.class)
                  .list();
          if (endpoints.isEmpty()) {
            return 0;
          }
          PreparedBatch batch =
              handle.prepareBatch(
                  "insert into webhook_deliveries (id, endpoint_id, organization_id, event_id, event_type, payload,"
                      + " status, next_attempt_at, created_at) values (:id, :endpoint, :org, :event, :type, :payload,"
                      + " 'pending', :now, :now)");
          for (String endpoint : endpoints) {
            batch
                .bind("id", deliveryIds.get())
                .bind("endpoint", endpoint)
                .bind("org", organizationId)
                .bind("event", eventId)
                .bind("type", eventType)
                .bind("payload", payload)
                .bind("now", Timestamp.from(now))
                .add();
          }
          batch.execute();
          handle.afterCommit(afterCommit);
          return endpoints.size();
        });
  }

  /** Claims due deliveries for this node; the claim is a lease that lapses if the node dies mid-attempt. */
  public List<ClaimedDelivery> claimDue(String nodeId, int limit, Instant leaseUntil, Instant now) {
    return jdbi.inTransaction(
        handle ->
            handle
                .createQuery(
                    "update webhook_deliveries d set claimed_by = :node, claimed_until = :until"
                        + " from webhook_endpoints e where e.id = d.endpoint_id and d.id in (select id from"
                        + " webhook_deliveries where status = 'pending' and next_attempt_at <= :now and"
                        + " (claimed_until is null or claimed_until < :now) order by next_attempt_at limit :limit"
                        + " for update skip locked) returning d.id, d.endpoint_id, d.organization_id, d.event_id,"
                        + " d.payload, d.window_started_at, d.window_attempts, e.url, e.secret_nonce,"
                        + " e.secret_ciphertext, e.secret_key_id")
                .bind("node", nodeId)
                .bind("until", Timestamp.from(leaseUntil))
                .bind("now", Timestamp.from(now))
                .bind("limit", limit)
                .map(
                    (rs, context) ->
                        new ClaimedDelivery(
                            rs.getString("id"),
                            rs.getString("endpoint_id"),
                            rs.getString("organization_id"),
                            rs.getString("event_id"),
                            rs.getString("payload"),
                            rs.getString("url"),
                            new SecretSealing.Sealed(
                                rs.getBytes("secret_nonce"), rs.getBytes("secret_ciphertext"), rs.getString("secret_key_id")),
                            instant(rs.getTimestamp("window_started_at")),
                            rs.getInt("window_attempts")))
                .list());
  }

  /**
   * Logs one attempt and moves the delivery on. Fenced on the claim: a node whose lease lapsed (or a
   * delivery deleted meanwhile) records nothing; returns whether it was recorded.
   */
  public boolean recordAttempt(String deliveryId, String nodeId, AttemptRecord record) {
    return jdbi.inTransaction(
        handle -> {
          Optional<Integer> attempt =
              handle
                  .createQuery(
                      "update webhook_deliveries set status = :status, attempt_count = attempt_count + 1,"
                          + " window_started_at = :windowStarted, window_attempts = window_attempts + 1,"
                          + " next_attempt_at = :next, last_response_code = :code, last_error = :error,"
                          + " delivered_at = case when :delivered then :attempted else delivered_at end,"
                          + " claimed_by = null, claimed_until = null where id = :id and claimed_by = :node"
                          + " returning attempt_count")
                  .bind("status", record.status().wireName())
                  .bind("windowStarted", Timestamp.from(record.windowStartedAt()))
                  .bind("next", timestamp(record.nextAttemptAt()))
                  .bind("code", record.responseCode())
                  .bind("error", record.error())
                  .bind("delivered", record.status() == DeliveryStatus.DELIVERED)
                  .bind("attempted", Timestamp.from(record.attemptedAt()))
                  .bind("id", deliveryId)
                  .bind("node", nodeId)
                  .mapTo(Integer.class)
                  .findOne();
          if (attempt.isEmpty()) {
            return false;
          }
          handle
              .createUpdate(
                  "insert into webhook_attempts (delivery_id, attempt, attempted_at, response_code, error,"
                      + " duration_millis) values (:id, :attempt, :attempted, :code, :error, :duration)")
              .bind("id", deliveryId)
              .bind("attempt", attempt.get())
              .bind("attempted", Timestamp.from(record.attemptedAt()))
              .bind("code", record.responseCode())
              .bind("error", record.error())
              .bind("duration", (int) Math.min(Integer.MAX_VALUE, record.durationMillis()))
              .execute();
          return true;
        });
  }

  /** Gives up every lease this node holds, so another node (or this one restarted) resumes at once. */
  public void releaseAll(String nodeId) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("update webhook_deliveries set claimed_by = null, claimed_until = null where claimed_by = :node")
                .bind("node", nodeId)
                .execute());
  }

  public boolean deliveryExists(String endpointId, String deliveryId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select count(*) from webhook_deliveries where id = :id and endpoint_id = :endpoint")
                .bind("id", deliveryId)
                .bind("endpoint", endpointId)
                .mapTo(Integer.class)
                .one()
                > 0);
  }

  /** Newest first, after the delivery {@code afterId} (exclusive). */
  public List<Delivery> deliveries(String endpointId, @Nullable String afterId, int limit) {
    return jdbi.withHandle(
        handle -> {
          String cursor =
              afterId == null
                  ? ""
                  : " and sequence < (select sequence from webhook_deliveries where id = :after and endpoint_id = :endpoint)";
          List<Delivery> rows =
              handle
                  .createQuery(
                      "select " + DELIVERY_COLUMNS + " from webhook_deliveries where endpoint_id = :endpoint" + cursor
                          + " order by sequence desc limit :limit")
                  .bind("endpoint", endpointId)
                  .bind("after", afterId)
                  .bind("limit", limit)
                  .map((rs, context) -> delivery(rs, List.of()))
                  .list();
          return withAttempts(handle, rows);
        });
  }

  public Optional<Delivery> findDelivery(String endpointId, String deliveryId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + DELIVERY_COLUMNS + " from webhook_deliveries where id = :id and endpoint_id = :endpoint")
                .bind("id", deliveryId)
                .bind("endpoint", endpointId)
                .map((rs, context) -> delivery(rs, List.of()))
                .findOne()
                .map(found -> withAttempts(handle, List.of(found)).getFirst()));
  }

  /**
   * Makes the delivery due now with a fresh 24 h window, keeping its log. Refused (false) while a
   * node holds a live lease on it: that attempt's outcome would overwrite the request.
   */
  public boolean redeliver(String endpointId, String deliveryId, Instant now) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update webhook_deliveries set status = 'pending', next_attempt_at = :now,"
                            + " window_started_at = null, window_attempts = 0 where id = :id and endpoint_id = :endpoint"
                            + " and (claimed_until is null or claimed_until < :now)")
                    .bind("now", Timestamp.from(now))
                    .bind("id", deliveryId)
                    .bind("endpoint", endpointId)
                    .execute())
        > 0;
  }

  /**
   * Compares the pool balance with the one seen after the previous post, under a row lock per
   * organisation so two nodes posting at once see one crossing. {@code onCrossing} runs inside the
   * transaction, so the event and the new observation commit together.
   */
  public void observePoolBalance(
      String organizationId, Supplier<PoolBalance> balance, Instant now, Consumer<PoolBalance> onCrossing) {
    jdbi.useTransaction(
        handle -> {
          handle
              .createUpdate(
                  "insert into webhook_credit_alerts (organization_id) values (:org) on conflict (organization_id) do nothing")
              .bind("org", organizationId)
              .execute();
          Map<String, Object> previous =
              handle
                  .createQuery(
                      "select available_micros, granted_micros from webhook_credit_alerts where organization_id = :org"
                          + " for update")
                  .bind("org", organizationId)
                  .mapToMap()
                  .one();
          PoolBalance current = balance.get();
          if (LowBalanceRule.isNewCrossing(
              (Long) previous.get("available_micros"), (Long) previous.get("granted_micros"), current)) {
            onCrossing.accept(current);
          }
          handle
              .createUpdate(
                  "update webhook_credit_alerts set available_micros = :available, granted_micros = :granted,"
                      + " observed_at = :now where organization_id = :org")
              .bind("available", current.availableMicros())
              .bind("granted", current.grantedMicros())
              .bind("now", Timestamp.from(now))
              .bind("org", organizationId)
              .execute();
        });
  }

  private static List<Delivery> withAttempts(Handle handle, List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return deliveries;
    }
    Map<String, List<DeliveryAttempt>> attempts = new LinkedHashMap<>();
    deliveries.forEach(delivery -> attempts.put(delivery.id(), new ArrayList<>()));
    handle
        .createQuery(
            "select delivery_id, attempt, attempted_at, response_code, error, duration_millis from webhook_attempts"
                + " where delivery_id = any(:ids) order by delivery_id, attempt")
        .bind("ids", deliveries.stream().map(Delivery::id).toArray(String[]::new))
        .map(
            (rs, context) ->
                Map.entry(
                    rs.getString("delivery_id"),
                    new DeliveryAttempt(
                        rs.getInt("attempt"),
                        rs.getTimestamp("attempted_at").toInstant(),
                        nullableInteger(rs, "response_code"),
                        rs.getString("error"),
                        rs.getLong("duration_millis"))))
        .forEach(entry -> attempts.get(entry.getKey()).add(entry.getValue()));
    return deliveries.stream()
        .map(
            delivery ->
                new Delivery(
                    delivery.id(),
                    delivery.webhookId(),
                    delivery.eventId(),
                    delivery.eventType(),
                    delivery.status(),
                    delivery.attemptCount(),
                    delivery.lastResponseCode(),
                    delivery.lastError(),
                    delivery.nextAttemptAt(),
                    delivery.deliveredAt(),
                    delivery.createdAt(),
                    attempts.get(delivery.id())))
        .toList();
  }

  private static Webhook endpoint(ResultSet rs) throws SQLException {
    Array events = rs.getArray("events");
    return new Webhook(
        rs.getString("id"),
        rs.getString("organization_id"),
        rs.getString("url"),
        Arrays.asList((String[]) events.getArray()),
        rs.getString("description"),
        rs.getTimestamp("created_at").toInstant());
  }

  private static Delivery delivery(ResultSet rs, List<DeliveryAttempt> attempts) throws SQLException {
    return new Delivery(
        rs.getString("id"),
        rs.getString("endpoint_id"),
        rs.getString("event_id"),
        rs.getString("event_type"),
        DeliveryStatus.fromWireName(rs.getString("status")),
        rs.getInt("attempt_count"),
        nullableInteger(rs, "last_response_code"),
        rs.getString("last_error"),
        instant(rs.getTimestamp("next_attempt_at")),
        instant(rs.getTimestamp("delivered_at")),
        rs.getTimestamp("created_at").toInstant(),
        attempts);
  }

  private static @Nullable Integer nullableInteger(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
