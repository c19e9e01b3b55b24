package dev.aivid.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.routing.ShotPlan;
import java.util.List;

/**
 * How a job was routed: what was asked for, the decision as shown to clients, the models still to
 * fail over to, the shot plan every adapter compiles, the control verdicts of the model in use, and
 * notes (reroutes, failovers) in order.
 */
public record RoutingRecord(
    String requestedModel,
    String policy,
    JsonNode decision,
    List<String> fallbacks,
    ShotPlan plan,
    JsonNode verdicts,
    List<String> notes,
    int switches) {
  public RoutingRecord {
    fallbacks = List.copyOf(fallbacks);
    notes = List.copyOf(notes);
  }
}
