package dev.aivid.credits;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Reserve {@code amountMicros} on the organisation's pool and on every budget that applies. */
public record HoldRequest(
    String holdId,
    String organizationId,
    @Nullable String projectId,
    @Nullable String apiKeyId,
    long amountMicros,
    Instant timeoutAt,
    @Nullable String videoId,
    String provider,
    String model) {
  public HoldRequest {
    if (amountMicros <= 0 || amountMicros > Credits.MAX_MICROS) {
      throw new CreditsException("invalid_amount", "A hold must be a positive amount");
    }
    if (holdId.isBlank() || holdId.length() > 100) {
      throw new CreditsException("invalid_transfer_id", "A hold id must be 1..100 characters");
    }
  }
}
