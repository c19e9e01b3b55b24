package dev.aivid.account;

import java.util.Locale;
import java.util.Optional;

public enum ApiKeyRole {
  ADMIN,
  MEMBER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ApiKeyRole> fromWireName(String value) {
    for (ApiKeyRole role : values()) {
      if (role.wireName().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
