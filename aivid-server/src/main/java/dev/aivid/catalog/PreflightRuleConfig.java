package dev.aivid.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One preflight rule a model is checked against, with its thresholds as data: every number in the
 * catalog entry other than the rule id lands in {@code thresholds}, a {@code words} array in
 * {@code words}. The preflight engine knows the rule ids and checks the thresholds it needs.
 */
public record PreflightRuleConfig(
    String rule, Map<String, Double> thresholds, List<String> words, String source) {
  public PreflightRuleConfig {
    thresholds = Map.copyOf(thresholds);
    words = List.copyOf(words);
  }

  public Optional<Double> threshold(String name) {
    return Optional.ofNullable(thresholds.get(name));
  }
}
