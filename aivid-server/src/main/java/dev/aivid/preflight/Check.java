package dev.aivid.preflight;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule that ran and found nothing, with the numbers it looked at, so a clean report still says
 * why it is clean ("the shot is 6 s, under Kling's 8 s").
 */
public record Check(String rule, String note, Map<String, Double> evidence) {
  public Check {
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }
}
