package dev.aivid.preflight.internal;

import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.VideoSize;
import dev.aivid.preflight.PreflightInput;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a rule sees of one model's preflight.
 *
 * @param keptInputs indices of the entries this model keeps (honoured or approximated, within its
 *     limits)
 * @param alternative another candidate to route to when this model is the problem, or null
 */
public record RuleContext(
    CatalogModel model,
    String prompt,
    int seconds,
    VideoSize size,
    StackMaterial material,
    Set<Integer> keptInputs,
    @Nullable String alternative) {
  public RuleContext {
    keptInputs = Set.copyOf(keptInputs);
  }

  public boolean keeps(PreflightInput input) {
    return keptInputs.contains(input.index());
  }
}
