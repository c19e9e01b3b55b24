package dev.aivid.credits;

import org.jspecify.annotations.Nullable;

/**
 * One level's balance. For the pool, {@code availableMicros} is funds left; for a budget, headroom
 * under its limit this period (null limit: unlimited, available is null).
 */
public record AccountBalance(
    String accountId,
    BudgetScope scope,
    String ownerId,
    @Nullable Long limitMicros,
    ResetPeriod resetPeriod,
    long pendingMicros,
    long postedMicros,
    long creditedMicros,
    long periodPostedMicros,
    @Nullable Long availableMicros) {}
