package dev.aivid.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.credits.Credits;
import dev.aivid.support.Ids;
import dev.aivid.webhooks.internal.LowBalanceRule;
import dev.aivid.webhooks.internal.WebhookRepository;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Supplier;

/**
 * Where features announce events. Publishing writes one pending delivery per subscribed endpoint (a
 * transactional outbox) and never waits on HTTP: the {@link WebhookDispatcher} of some node sends it.
 */
public final class WebhookEvents {
  private final WebhookRepository repository;
  private final ObjectMapper json;
  private final Ids ids;
  private final InstantSource clock;
  private final Runnable wakeDispatcher;

  public WebhookEvents(
      WebhookRepository repository, ObjectMapper json, Ids ids, InstantSource clock, Runnable wakeDispatcher) {
    this.repository = repository;
    this.json = json;
    this.ids = ids;
    this.clock = clock;
    this.wakeDispatcher = wakeDispatcher;
  }

  /**
   * Queues the event {@code {type, timestamp, data}} for every endpoint of the organisation that
   * subscribes to {@code type}. Called inside a Jdbi transaction on the same thread, it joins it: the
   * event exists if and only if the change that caused it commits.
   *
   * @return how many deliveries were queued
   */
  public int publish(String organizationId, String type, ObjectNode data) {
    if (WebhookEventType.fromWireName(type).isEmpty()) {
      throw new IllegalArgumentException("Unknown webhook event type " + type);
    }
    Instant now = clock.instant();
    ObjectNode payload = json.createObjectNode();
    payload.put("type", type);
    payload.put("timestamp", now.toString());
    payload.set("data", data);
    String body;
    try {
      body = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An ObjectNode always serialises", e);
    }
    return repository.enqueue(
        organizationId, type, ids.hex("msg", 24), body, now, () -> ids.hex("whd", 24), wakeDispatcher);
  }

  /**
   * To be called after a post to the organisation's pool: publishes {@code credits.low} when the
   * available balance has just fallen below 10 % of all credits ever granted (once per crossing; see
   * {@link LowBalanceRule}). The balance is read under a per-organisation lock, but only when a
   * first read finds it below the threshold: every completion of an organisation took that one row
   * lock before, so its renders finished one at a time. An observation above the threshold can
   * start no crossing and need not be stored, because the rule counts the grants made since the
   * stored observation.
   */
  public void poolBalanceAfterPost(String organizationId, Supplier<PoolBalance> balance) {
    PoolBalance unlocked = balance.get();
    if (unlocked.availableMicros() >= LowBalanceRule.thresholdMicros(unlocked.grantedMicros())) {
      return;
    }
    repository.observePoolBalance(
        organizationId,
        balance,
        clock.instant(),
        crossed -> {
          ObjectNode data = json.createObjectNode();
          data.put("organization_id", organizationId);
          data.put("available", Credits.format(crossed.availableMicros()));
          data.put("threshold", Credits.format(LowBalanceRule.thresholdMicros(crossed.grantedMicros())));
          data.put("granted", Credits.format(crossed.grantedMicros()));
          publish(organizationId, WebhookEventType.CREDITS_LOW.wireName(), data);
        });
  }
}
