package dev.aivid.webhooks;

import dev.aivid.fetch.HostResolver;
import dev.aivid.support.Ids;
import dev.aivid.webhooks.internal.WebhookRepository;
import dev.aivid.webhooks.internal.WebhookSignature;
import dev.aivid.webhooks.internal.WebhookUrls;
import java.net.URI;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * An organisation's webhook endpoints and their delivery logs. The signing secret is generated here,
 * returned once by {@link #create} and otherwise only ever stored sealed.
 */
public final class WebhookService {
  private static final int MAX_DESCRIPTION_CHARACTERS = 500;

  private final WebhookRepository repository;
  private final SecretSealing sealing;
  private final HostResolver resolver;
  private final boolean allowPrivateUrls;
  private final Ids ids;
  private final RandomGenerator random;
  private final InstantSource clock;

  public WebhookService(
      WebhookRepository repository,
      SecretSealing sealing,
      HostResolver resolver,
      boolean allowPrivateUrls,
      Ids ids,
      RandomGenerator random,
      InstantSource clock) {
    this.repository = repository;
    this.sealing = sealing;
    this.resolver = resolver;
    this.allowPrivateUrls = allowPrivateUrls;
    this.ids = ids;
    this.random = random;
    this.clock = clock;
  }

  /** Validates everything before storing anything; the answer carries the secret, this once. */
  public CreatedWebhook create(
      String organizationId, @Nullable String url, @Nullable List<String> events, @Nullable String description) {
    if (url == null) {
      throw new WebhookException(WebhookException.Kind.INVALID, "missing_url", "url", "url is required");
    }
    URI uri = WebhookUrls.parse(url);
    List<String> eventTypes = eventTypes(events);
    String cleanDescription = description(description);
    if (!allowPrivateUrls) {
      WebhookUrls.requirePublic(uri, resolver);
    }
    Webhook webhook =
        new Webhook(ids.hex("wh", 24), organizationId, uri.toString(), eventTypes, cleanDescription, clock.instant());
    byte[] key = WebhookSignature.newKey(random);
    try {
      repository.insertEndpoint(webhook, sealing.seal(key, associatedData(organizationId, webhook.id())));
      return new CreatedWebhook(webhook, WebhookSignature.secret(key));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  public List<Webhook> list(String organizationId) {
    return repository.listEndpoints(organizationId);
  }

  public Webhook get(String organizationId, String webhookId) {
    return repository
        .findEndpoint(organizationId, webhookId)
        .orElseThrow(() -> notFound(webhookId));
  }

  /** Deletes the endpoint, its pending deliveries and its delivery log. */
  public void delete(String organizationId, String webhookId) {
    if (!repository.deleteEndpoint(organizationId, webhookId)) {
      throw notFound(webhookId);
    }
  }

  public DeliveryPage deliveries(String organizationId, String webhookId, @Nullable String after, int limit) {
    if (limit < 1 || limit > 100) {
      throw new WebhookException(WebhookException.Kind.INVALID, "invalid_limit", "limit", "limit must be an integer 1..100");
    }
    Webhook webhook = get(organizationId, webhookId);
    if (after != null && !repository.deliveryExists(webhook.id(), after)) {
      throw new WebhookException(
          WebhookException.Kind.INVALID, "invalid_cursor", "after", "after must be the id of one of this webhook's deliveries");
    }
    List<Delivery> rows = repository.deliveries(webhook.id(), after, limit + 1);
    boolean hasMore = rows.size() > limit;
    return new DeliveryPage(hasMore ? rows.subList(0, limit) : rows, hasMore);
  }

  /** Sends the delivery again now, with the same {@code webhook-id}, and a fresh 24 h retry window. */
  public Delivery redeliver(String organizationId, String webhookId, String deliveryId) {
    Webhook webhook = get(organizationId, webhookId);
    if (!repository.deliveryExists(webhook.id(), deliveryId)) {
      throw new WebhookException(
          WebhookException.Kind.NOT_FOUND, "delivery_not_found", "delivery_id", "No delivery '" + deliveryId + "' for this webhook");
    }
    if (!repository.redeliver(webhook.id(), deliveryId, clock.instant())) {
      throw new WebhookException(
          WebhookException.Kind.CONFLICT,
          "delivery_in_progress",
          "delivery_id",
          "Delivery '" + deliveryId + "' is being attempted right now; ask again once it has finished");
    }
    return repository.findDelivery(webhook.id(), deliveryId).orElseThrow(() -> notFound(webhookId));
  }

  /** Binds a sealed secret to its organisation and endpoint, so a row copied elsewhere does not open. */
  static String associatedData(String organizationId, String webhookId) {
    return "webhook\u0000" + organizationId + "\u0000" + webhookId;
  }

  private static List<String> eventTypes(@Nullable List<String> events) {
    if (events == null || events.isEmpty()) {
      throw new WebhookException(
          WebhookException.Kind.INVALID,
          "missing_events",
          "events",
          "events must list at least one of " + WebhookEventType.wireNames());
    }
    Set<String> unique = new LinkedHashSet<>();
    for (String event : events) {
      if (WebhookEventType.fromWireName(event).isEmpty()) {
        throw new WebhookException(
            WebhookException.Kind.INVALID,
            "unknown_event_type",
            "events",
            "Unknown event type '" + event + "'; known: " + WebhookEventType.wireNames());
      }
      unique.add(event);
    }
    return List.copyOf(unique);
  }

  private static @Nullable String description(@Nullable String description) {
    if (description == null) {
      return null;
    }
    if (description.length() > MAX_DESCRIPTION_CHARACTERS || description.indexOf('\u0000') >= 0) {
      throw new WebhookException(
          WebhookException.Kind.INVALID,
          "invalid_description",
          "description",
          "description must be at most " + MAX_DESCRIPTION_CHARACTERS + " characters, without NUL");
    }
    return description;
  }

  private static WebhookException notFound(String webhookId) {
    return new WebhookException(
        WebhookException.Kind.NOT_FOUND, "webhook_not_found", "webhook_id", "No webhook '" + webhookId + "'");
  }
}
