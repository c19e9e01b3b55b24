package dev.aivid.providers.kling;

import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.ShotReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Collects one verdict per reference (reported in stack order) and per control. */
final class KlingVerdicts {
  private final List<ShotReference> references;
  private final Map<ShotReference, ControlVerdict> byReference = new IdentityHashMap<>();
  private final List<ControlVerdict> controls = new ArrayList<>();

  KlingVerdicts(List<ShotReference> references) {
    this.references = references;
  }

  void reference(ShotReference reference, ControlVerdict verdict) {
    byReference.put(reference, verdict);
  }

  void control(ControlVerdict verdict) {
    controls.add(verdict);
  }

  List<ControlVerdict> all() {
    List<ControlVerdict> all = new ArrayList<>(references.size() + controls.size());
    for (ShotReference reference : references) {
      // A reference no branch placed is still reported: nothing is lost silently.
      all.add(
          byReference.getOrDefault(
              reference,
              ControlVerdict.dropped(reference.mention(), "not used by this Kling endpoint")));
    }
    all.addAll(controls);
    return all;
  }
}
