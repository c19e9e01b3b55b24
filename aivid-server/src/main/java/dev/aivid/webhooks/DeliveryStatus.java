package dev.aivid.webhooks;

import java.util.Locale;

/** {@code pending} until a 2xx answer ({@code delivered}) or the 24 h retry window ends ({@code failed}). */
public enum DeliveryStatus {
  PENDING,
  DELIVERED,
  FAILED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DeliveryStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
