package dev.aivid.webhooks.internal;

import dev.aivid.webhooks.DeliveryStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The result of one attempt and what the delivery becomes after it. */
public record AttemptRecord(
    Instant attemptedAt,
    @Nullable Integer responseCode,
    @Nullable String error,
    long durationMillis,
    DeliveryStatus status,
    @Nullable Instant nextAttemptAt,
    Instant windowStartedAt) {
  public AttemptRecord {
    if ((status == DeliveryStatus.PENDING) != (nextAttemptAt != null)) {
      throw new IllegalArgumentException("a pending delivery, and only a pending one, has a next attempt");
    }
  }
}
