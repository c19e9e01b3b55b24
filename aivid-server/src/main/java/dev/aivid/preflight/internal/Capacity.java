package dev.aivid.preflight.internal;

import dev.aivid.assets.StackKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Chooses what a model keeps when it takes fewer inputs than the stack offers.
 *
 * <p>Weights: a spatial control (depth map, regional mask, skeletal rig, camera path) weighs {@value
 * #SPATIAL_WEIGHT}; every other file weighs {@value #TEXT_WEIGHT}, as much as text, because it
 * reaches the model as a semantic reference (an {@code @Image1 for character} tag). Order of
 * preference: higher weight, then entries the prompt mentions, then stack order.
 *
 * <p>First each kind is cut to the model's per-kind maximum; then, for kinds the model cannot take
 * together, only the kind of the most preferred entry stays; then the files are cut to the model's
 * limit minus one slot for the prompt, which is always kept. Inline meta (frame rate, seed) are
 * request parameters and take no slot.
 */
public final class Capacity {
  public static final int SPATIAL_WEIGHT = 3;
  public static final int TEXT_WEIGHT = 1;

  private Capacity() {}

  public static int weight(StackKind kind) {
    return isSpatial(kind) ? SPATIAL_WEIGHT : TEXT_WEIGHT;
  }

  public static boolean isSpatial(StackKind kind) {
    return switch (kind) {
      case DEPTH_MAP, REGIONAL_MASK, SKELETAL_RIG, CAMERA_PATH -> true;
      default -> false;
    };
  }

  /** A file the model would take if it had room. */
  public record Candidate(int index, StackKind kind, String mention, boolean mentioned, @Nullable Integer kindMax) {}

  /** Why an entry was left out. */
  public enum Cut {
    KIND_LIMIT,
    EXCLUSIVE,
    TOTAL_LIMIT
  }

  /**
   * @param kept in preference order
   * @param cut entry index → why it was left out, in the order they were cut
   * @param winners entry index cut as {@link Cut#EXCLUSIVE} → the entry that excluded it
   */
  public record Allocation(
      List<Candidate> kept, Map<Integer, Cut> cut, Map<Integer, Candidate> byIndex, Map<Integer, Candidate> winners) {}

  public static Allocation allocate(List<Candidate> candidates, int maxInputs) {
    return allocate(candidates, maxInputs, List.of());
  }

  public static Allocation allocate(List<Candidate> candidates, int maxInputs, List<Set<StackKind>> exclusiveGroups) {
    Comparator<Candidate> preference =
        Comparator.comparingInt((Candidate candidate) -> -weight(candidate.kind()))
            .thenComparing(candidate -> !candidate.mentioned())
            .thenComparingInt(Candidate::index);
    Map<Integer, Cut> cut = new LinkedHashMap<>();
    Map<Integer, Candidate> byIndex = new LinkedHashMap<>();
    Map<StackKind, List<Candidate>> byKind = new EnumMap<>(StackKind.class);
    for (Candidate candidate : candidates) {
      byIndex.put(candidate.index(), candidate);
      byKind.computeIfAbsent(candidate.kind(), kind -> new ArrayList<>()).add(candidate);
    }
    List<Candidate> remaining = new ArrayList<>();
    for (List<Candidate> ofKind : byKind.values()) {
      List<Candidate> sorted = new ArrayList<>(ofKind);
      sorted.sort(preference);
      Integer max = sorted.getFirst().kindMax();
      for (int position = 0; position < sorted.size(); position++) {
        if (max != null && position >= max) {
          cut.put(sorted.get(position).index(), Cut.KIND_LIMIT);
        } else {
          remaining.add(sorted.get(position));
        }
      }
    }
    remaining.sort(preference);
    Map<Integer, Candidate> winners = new LinkedHashMap<>();
    for (Set<StackKind> group : exclusiveGroups) {
      Candidate winner = null;
      List<Candidate> survivors = new ArrayList<>();
      for (Candidate candidate : remaining) {
        if (!group.contains(candidate.kind())) {
          survivors.add(candidate);
        } else if (winner == null || winner.kind() == candidate.kind()) {
          winner = winner == null ? candidate : winner;
          survivors.add(candidate);
        } else {
          cut.put(candidate.index(), Cut.EXCLUSIVE);
          winners.put(candidate.index(), winner);
        }
      }
      remaining = survivors;
    }
    List<Candidate> kept = new ArrayList<>();
    int slots = maxInputs <= 0 ? Integer.MAX_VALUE : maxInputs - 1;
    for (Candidate candidate : remaining) {
      if (kept.size() < slots) {
        kept.add(candidate);
      } else {
        cut.put(candidate.index(), Cut.TOTAL_LIMIT);
      }
    }
    return new Allocation(kept, cut, byIndex, winners);
  }
}
