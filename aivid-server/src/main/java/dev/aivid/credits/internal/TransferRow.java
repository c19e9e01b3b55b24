package dev.aivid.credits.internal;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One transfer to insert at the end of a batch. */
record TransferRow(
    String id,
    String organizationId,
    String kind,
    String debitAccountId,
    String creditAccountId,
    long amountMicros,
    @Nullable String pendingId,
    @Nullable String projectId,
    @Nullable String apiKeyId,
    @Nullable String projectBudgetAccountId,
    @Nullable String apiKeyBudgetAccountId,
    @Nullable String videoId,
    @Nullable String provider,
    @Nullable String model,
    @Nullable Integer seconds,
    @Nullable String resolution,
    @Nullable String reason,
    @Nullable Instant timeoutAt,
    Instant createdAt) {}
