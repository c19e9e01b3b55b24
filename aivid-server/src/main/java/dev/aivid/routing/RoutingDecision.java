package dev.aivid.routing;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The choice for one shot, with every candidate ranked (eligible first, best first) and why.
 *
 * @param shotClass {@code high_motion} or {@code environment}
 * @param cues what made the class (rig, camera speed, prompt words)
 * @param chosen null when nothing is eligible
 */
public record RoutingDecision(
    String shotClass,
    List<String> cues,
    RoutingPolicy policy,
    @Nullable String chosen,
    String explanation,
    List<RoutingCandidate> candidates) {
  public RoutingDecision {
    cues = List.copyOf(cues);
    candidates = List.copyOf(candidates);
  }

  /** The eligible models after the chosen one, in order: where failover goes next. */
  public List<String> fallbacks() {
    return candidates.stream()
        .filter(RoutingCandidate::eligible)
        .map(RoutingCandidate::model)
        .filter(model -> !model.equals(chosen))
        .toList();
  }

  public Optional<RoutingCandidate> candidate(String model) {
    return candidates.stream().filter(candidate -> candidate.model().equals(model)).findFirst();
  }
}
