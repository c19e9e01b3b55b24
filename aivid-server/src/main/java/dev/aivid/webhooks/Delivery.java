package dev.aivid.webhooks;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One event for one endpoint, with every attempt made so far (oldest first). */
public record Delivery(
    String id,
    String webhookId,
    String eventId,
    String eventType,
    DeliveryStatus status,
    int attemptCount,
    @Nullable Integer lastResponseCode,
    @Nullable String lastError,
    @Nullable Instant nextAttemptAt,
    @Nullable Instant deliveredAt,
    Instant createdAt,
    List<DeliveryAttempt> attempts) {
  public Delivery {
    attempts = List.copyOf(attempts);
  }
}
