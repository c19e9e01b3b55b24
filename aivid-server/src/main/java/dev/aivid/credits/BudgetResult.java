package dev.aivid.credits;

public sealed interface BudgetResult {
  record Saved(Budget budget, AccountBalance balance) implements BudgetResult {}

  /** The new limit is below what is already held plus spent this period. */
  record BelowCommitted(long limitMicros, long committedMicros) implements BudgetResult {}

  record UnknownTarget(BudgetScope scope, String targetId) implements BudgetResult {}
}
