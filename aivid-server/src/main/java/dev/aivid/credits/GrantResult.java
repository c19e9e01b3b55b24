package dev.aivid.credits;

public sealed interface GrantResult {
  record Granted(String transferId, long amountMicros, boolean replayed) implements GrantResult {}

  record Conflict(String transferId) implements GrantResult {}
}
