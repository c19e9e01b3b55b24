package dev.aivid.webhooks;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One POST of a delivery: the receiver's status code, or the error when there was no answer (or a
 * non-2xx one), and how long it took.
 */
public record DeliveryAttempt(
    int attempt, Instant attemptedAt, @Nullable Integer responseCode, @Nullable String error, long durationMillis) {
  public DeliveryAttempt {
    if (attempt < 1 || durationMillis < 0) {
      throw new IllegalArgumentException("attempt starts at 1 and a duration is never negative");
    }
  }
}
