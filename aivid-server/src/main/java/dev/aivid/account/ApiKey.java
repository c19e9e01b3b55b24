package dev.aivid.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An API key as stored: never the secret, only its identifying prefix. */
public record ApiKey(
    String id,
    String organizationId,
    @Nullable String projectId,
    String name,
    String prefix,
    ApiKeyRole role,
    Instant createdAt,
    @Nullable Instant revokedAt) {
  public boolean isRevoked() {
    return revokedAt != null;
  }
}
