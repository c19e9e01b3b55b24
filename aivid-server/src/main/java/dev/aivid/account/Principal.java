package dev.aivid.account;

import org.jspecify.annotations.Nullable;

/** Who is calling: the API key and the organisation every resource it touches must belong to. */
public record Principal(
    String organizationId, @Nullable String projectId, String apiKeyId, ApiKeyRole role) {
  public boolean isAdmin() {
    return role == ApiKeyRole.ADMIN;
  }
}
