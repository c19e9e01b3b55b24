package dev.aivid.routing;

import java.util.List;

/**
 * One model as routing saw it.
 *
 * @param eligible false when a hard constraint excludes it; the reasons say which
 * @param score higher is better, comparable within one decision only
 */
public record RoutingCandidate(
    String model, String provider, boolean eligible, double score, long estimateMicros, List<String> reasons) {
  public RoutingCandidate {
    reasons = List.copyOf(reasons);
  }
}
