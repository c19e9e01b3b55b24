package dev.aivid.webhooks;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An organisation's webhook endpoint, as anyone in it may see it: never with its secret. */
public record Webhook(
    String id,
    String organizationId,
    String url,
    List<String> events,
    @Nullable String description,
    Instant createdAt) {
  public Webhook {
    events = List.copyOf(events);
  }
}
