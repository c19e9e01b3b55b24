package dev.aivid.credits.internal;

import org.jspecify.annotations.Nullable;

/** A hold as stored, with what already resolved it (if anything). */
record PendingTransfer(
    String id,
    String organizationId,
    String debitAccountId,
    String creditAccountId,
    long amountMicros,
    @Nullable String projectId,
    @Nullable String apiKeyId,
    @Nullable String projectBudgetAccountId,
    @Nullable String apiKeyBudgetAccountId,
    @Nullable String videoId,
    @Nullable String provider,
    @Nullable String model,
    @Nullable String resolutionKind,
    @Nullable String resolutionId) {}
