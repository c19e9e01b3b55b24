package dev.aivid.preflight;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One result of a preflight rule.
 *
 * @param rule the rule id, as in the catalog ({@code kling.mesh_bleeding}) or built in ({@code
 *     model.retired}, {@code capacity.max_inputs}…)
 * @param evidence the numbers the rule looked at, thresholds included, in a stable order
 */
public record Finding(
    String rule, Severity severity, String message, Map<String, Double> evidence, @Nullable AutoFix autoFix) {
  public Finding {
    evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }
}
