package dev.aivid.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.account.Principal;
import dev.aivid.api.internal.Responses;
import dev.aivid.webhooks.CreatedWebhook;
import dev.aivid.webhooks.Delivery;
import dev.aivid.webhooks.DeliveryAttempt;
import dev.aivid.webhooks.DeliveryPage;
import dev.aivid.webhooks.Webhook;
import dev.aivid.webhooks.WebhookException;
import dev.aivid.webhooks.WebhookService;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Webhook endpoints and their delivery logs. The secret is in the creation answer only. */
final class WebhookHandlers {
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final WebhookService webhooks;
  private final ObjectMapper json;
  private final Responses responses;
  private final Function<Context, Principal> principals;

  WebhookHandlers(
      WebhookService webhooks, ObjectMapper json, Responses responses, Function<Context, Principal> principals) {
    this.webhooks = webhooks;
    this.json = json;
    this.responses = responses;
    this.principals = principals;
  }

  void create(Context context) {
    JsonNode body = object(context);
    CreatedWebhook created =
        webhooks.create(
            principals.apply(context).organizationId(),
            text(body, "url", "invalid_webhook_url"),
            events(body.get("events")),
            text(body, "description", "invalid_description"));
    ObjectNode node = webhook(created.webhook());
    node.put("secret", created.secret());
    responses.json(context, 201, node);
  }

  void list(Context context) {
    ObjectNode node = json.createObjectNode();
    node.put("object", "list");
    ArrayNode data = node.putArray("data");
    webhooks.list(principals.apply(context).organizationId()).forEach(webhook -> data.add(webhook(webhook)));
    responses.json(context, 200, node);
  }

  void get(Context context) {
    responses.json(
        context, 200, webhook(webhooks.get(principals.apply(context).organizationId(), context.pathParam("webhook_id"))));
  }

  void delete(Context context) {
    String id = context.pathParam("webhook_id");
    webhooks.delete(principals.apply(context).organizationId(), id);
    ObjectNode node = json.createObjectNode();
    node.put("id", id);
    node.put("object", "webhook.deleted");
    node.put("deleted", true);
    responses.json(context, 200, node);
  }

  void deliveries(Context context) {
    DeliveryPage page =
        webhooks.deliveries(
            principals.apply(context).organizationId(),
            context.pathParam("webhook_id"),
            context.queryParam("after"),
            limit(context.queryParam("limit")));
    ObjectNode node = json.createObjectNode();
    node.put("object", "list");
    ArrayNode data = node.putArray("data");
    page.deliveries().forEach(delivery -> data.add(delivery(delivery)));
    List<Delivery> rows = page.deliveries();
    node.put("first_id", rows.isEmpty() ? null : rows.getFirst().id());
    node.put("last_id", rows.isEmpty() ? null : rows.getLast().id());
    node.put("has_more", page.hasMore());
    responses.json(context, 200, node);
  }

  void redeliver(Context context) {
    Delivery delivery =
        webhooks.redeliver(
            principals.apply(context).organizationId(), context.pathParam("webhook_id"), context.pathParam("delivery_id"));
    responses.json(context, 202, delivery(delivery));
  }

  private ObjectNode webhook(Webhook webhook) {
    ObjectNode node = json.createObjectNode();
    node.put("id", webhook.id());
    node.put("object", "webhook");
    node.put("url", webhook.url());
    ArrayNode events = node.putArray("events");
    webhook.events().forEach(events::add);
    node.put("description", webhook.description());
    node.put("created_at", webhook.createdAt().getEpochSecond());
    return node;
  }

  private ObjectNode delivery(Delivery delivery) {
    ObjectNode node = json.createObjectNode();
    node.put("id", delivery.id());
    node.put("object", "webhook.delivery");
    node.put("webhook_id", delivery.webhookId());
    node.put("event_id", delivery.eventId());
    node.put("event_type", delivery.eventType());
    node.put("status", delivery.status().wireName());
    node.put("attempt_count", delivery.attemptCount());
    node.put("last_response_code", delivery.lastResponseCode());
    node.put("last_error", delivery.lastError());
    node.put("next_attempt_at", seconds(delivery.nextAttemptAt()));
    node.put("delivered_at", seconds(delivery.deliveredAt()));
    node.put("created_at", delivery.createdAt().getEpochSecond());
    ArrayNode attempts = node.putArray("attempts");
    for (DeliveryAttempt attempt : delivery.attempts()) {
      ObjectNode item = attempts.addObject();
      item.put("attempt", attempt.attempt());
      item.put("attempted_at", attempt.attemptedAt().getEpochSecond());
      item.put("response_code", attempt.responseCode());
      item.put("error", attempt.error());
      item.put("duration_ms", attempt.durationMillis());
    }
    return node;
  }

  private static @Nullable Long seconds(@Nullable Instant instant) {
    return instant == null ? null : instant.getEpochSecond();
  }

  private JsonNode object(Context context) {
    byte[] bytes = context.bodyAsBytes();
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiException(413, "request_too_large", null, "A webhook body must be at most 64 KiB");
    }
    try {
      JsonNode node = json.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new ApiException(400, "invalid_json", null, "The request body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ApiException(400, "invalid_json", null, "The request body is not valid JSON");
    }
  }

  private static @Nullable String text(JsonNode body, String field, String code) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new WebhookException(WebhookException.Kind.INVALID, code, field, field + " must be a string");
    }
    return value.asText();
  }

  private static @Nullable List<String> events(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw new WebhookException(
          WebhookException.Kind.INVALID, "invalid_events", "events", "events must be an array of event type names");
    }
    List<String> events = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new WebhookException(
            WebhookException.Kind.INVALID, "invalid_events", "events", "events must be an array of event type names");
      }
      events.add(item.asText());
    }
    return events;
  }

  private static int limit(@Nullable String text) {
    if (text == null) {
      return 20;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= 100) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // Falls through to the error below.
    }
    throw new WebhookException(WebhookException.Kind.INVALID, "invalid_limit", "limit", "limit must be an integer 1..100");
  }
}
