package dev.aivid.credits;

/** What posting, voiding or expiring a hold came to. A hold resolves at most once. */
public sealed interface SettleResult {
  record Posted(String transferId, long postedMicros, long releasedMicros) implements SettleResult {}

  record Voided(String transferId, long releasedMicros) implements SettleResult {}

  record Expired(String transferId, long releasedMicros) implements SettleResult {}

  /** Already posted, voided or expired earlier; nothing changed now. */
  record AlreadyResolved(String resolution, String transferId) implements SettleResult {}

  record UnknownHold(String holdId) implements SettleResult {}

  /** Asked to post more than was held; nothing changed. */
  record ExceedsHold(long heldMicros, long requestedMicros) implements SettleResult {}
}
