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
    @Nullable String resolutionId) {

  PendingTransfer resolvedBy(String kind, String transferId) {
    return new PendingTransfer(
        id, organizationId, debitAccountId, creditAccountId, amountMicros, projectId, apiKeyId,
        projectBudgetAccountId, apiKeyBudgetAccountId, videoId, provider, model, kind, transferId);
  }

  /** Every account this hold moved, which its resolution moves back. */
  java.util.List<String> accountIds() {
    java.util.List<String> ids = new java.util.ArrayList<>(java.util.List.of(debitAccountId, creditAccountId));
    if (projectBudgetAccountId != null) {
      ids.add(projectBudgetAccountId);
    }
    if (apiKeyBudgetAccountId != null) {
      ids.add(apiKeyBudgetAccountId);
    }
    return ids;
  }
}
