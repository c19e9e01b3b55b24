package dev.aivid.preflight;

import java.util.List;

/**
 * How a model's input limit played out. The prompt takes one slot and is always kept; inline meta
 * (frame rate, seed) take none.
 *
 * @param maxInputs the model's limit, 0 when it has none
 * @param requested the prompt plus every file the model would take without a limit
 * @param kept what is sent, the prompt first ({@code prompt}, {@code @Image1}…)
 * @param dropped what the limit left out
 */
public record CapacityReport(int maxInputs, int requested, List<String> kept, List<String> dropped) {
  public CapacityReport {
    kept = List.copyOf(kept);
    dropped = List.copyOf(dropped);
  }
}
