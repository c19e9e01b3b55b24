package dev.aivid.credits;

/** What placing a hold came to. */
public sealed interface HoldResult {
  /** Reserved on every level; {@code replayed} when this id was already held (an idempotent retry). */
  record Held(String holdId, long amountMicros, boolean replayed) implements HoldResult {}

  /** The named level cannot cover the amount; nothing was reserved anywhere. */
  record Insufficient(BudgetScope scope, long neededMicros, long availableMicros)
      implements HoldResult {}

  /** The hold id is taken by a different request (another amount or organisation). */
  record Conflict(String holdId) implements HoldResult {}
}
