package dev.aivid.providers.http;

import java.util.Locale;

/** Closed: calls go through. Open: calls fail at once. Half-open: one trial call decides. */
public enum CircuitState {
  CLOSED,
  OPEN,
  HALF_OPEN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
