package dev.aivid.preflight;

import java.util.Locale;

/** The kinds of automatic fix a finding can suggest. */
public enum FixAction {
  SPLIT_SHOT,
  ROUTE_ELSEWHERE,
  DROP_CONTROL,
  SHORTEN,
  REDUCE_SPEED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
