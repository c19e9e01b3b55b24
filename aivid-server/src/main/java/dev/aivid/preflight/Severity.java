package dev.aivid.preflight;

import java.util.Locale;

/** How much a finding matters: {@code error} blocks the model, {@code warning} risks the shot. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
