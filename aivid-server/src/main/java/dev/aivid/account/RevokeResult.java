package dev.aivid.account;

public sealed interface RevokeResult {
  record Revoked(ApiKey key) implements RevokeResult {}

  record AlreadyRevoked(ApiKey key) implements RevokeResult {}

  record NotFound() implements RevokeResult {}
}
