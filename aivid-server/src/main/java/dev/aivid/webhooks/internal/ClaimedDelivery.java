package dev.aivid.webhooks.internal;

import dev.aivid.webhooks.SecretSealing;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A delivery this node holds a lease on, with what it takes to send it. */
public record ClaimedDelivery(
    String id,
    String endpointId,
    String organizationId,
    String eventId,
    String payload,
    String url,
    SecretSealing.Sealed secret,
    @Nullable Instant windowStartedAt,
    int windowAttempts) {}
