package dev.aivid.credits;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A ledger entry as shown to its organisation. */
public record Transfer(
    String id,
    String kind,
    String debitAccountId,
    String creditAccountId,
    long amountMicros,
    @Nullable String pendingId,
    @Nullable String projectId,
    @Nullable String apiKeyId,
    @Nullable String videoId,
    @Nullable String provider,
    @Nullable String model,
    @Nullable Integer seconds,
    @Nullable String resolution,
    @Nullable String reason,
    @Nullable Instant timeoutAt,
    Instant createdAt) {}
