package dev.aivid.catalog;

import java.util.List;
import java.util.Map;

/**
 * What a model does with each kind of stack input, and how many inputs it takes at once.
 *
 * @param maxInputs files plus the prompt a model takes in one request (the brief's "Max Input Files":
 *     Seedance 12, Kling 8, Sora 5); 0 means no limit
 * @param inputs per stack kind wire name ({@code image}, {@code camera_path}…)
 * @param frameRates the only output frame rates the model renders, empty when any rate is fine or
 *     unknown
 * @param exclusiveGroups kinds the model cannot take together in one request (Kling: a mask or a
 *     camera_control, not both); preflight keeps the preferred one
 */
public record Capabilities(
    int maxInputs,
    String maxInputsSource,
    Map<String, InputSupport> inputs,
    List<Integer> frameRates,
    List<List<String>> exclusiveGroups,
    String source) {
  public Capabilities {
    inputs = Map.copyOf(inputs);
    frameRates = List.copyOf(frameRates);
    exclusiveGroups = exclusiveGroups.stream().map(List::copyOf).toList();
    if (maxInputs < 0) {
      throw new IllegalArgumentException("max_inputs must not be negative");
    }
  }

  public static Capabilities unknown() {
    return new Capabilities(0, "", Map.of(), List.of(), List.of(), "not in the catalog");
  }

  public InputSupport input(String kind) {
    InputSupport support = inputs.get(kind);
    return support != null ? support : InputSupport.unknown(kind);
  }
}
