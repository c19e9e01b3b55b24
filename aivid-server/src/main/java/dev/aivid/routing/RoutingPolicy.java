package dev.aivid.routing;

import java.util.Locale;
import java.util.Optional;

/** How to weigh candidates: best picture, a balance with price, lowest price, or quickest render. */
public enum RoutingPolicy {
  QUALITY,
  BALANCED,
  CHEAPEST,
  FASTEST;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RoutingPolicy> parse(String text) {
    for (RoutingPolicy policy : values()) {
      if (policy.wireName().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }
}
