package dev.aivid.preflight;

import dev.aivid.assets.StackKind;
import dev.aivid.catalog.InputSupport;
import org.jspecify.annotations.Nullable;

/**
 * What one model does with one stack entry.
 *
 * @param detail how it is honoured or approximated, or why it is dropped
 * @param weight 3 for a spatial control (depth, mask, rig, camera path), 1 otherwise
 * @param droppedForCapacity true when the model could take the entry but ran out of input slots or
 *     of entries of this kind, and the weighting chose others
 */
public record InputVerdict(
    int index,
    StackKind kind,
    String mention,
    @Nullable String name,
    @Nullable String fileName,
    InputSupport.Treatment treatment,
    String detail,
    int weight,
    boolean droppedForCapacity) {

  /** {@code @Rig1 (walk.bvh)}. */
  public String label() {
    return PreflightInput.label(mention, fileName, name);
  }
}
