package dev.aivid.preflight;

import java.util.Locale;

/** A model's summary: no findings above info, some warnings, or at least one error. */
public enum ModelVerdict {
  OK,
  WARNINGS,
  BLOCKED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
