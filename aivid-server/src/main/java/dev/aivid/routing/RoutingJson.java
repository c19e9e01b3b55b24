package dev.aivid.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.credits.Credits;

/** The wire shape of a routing decision: {@code {chosen, policy, shot_class, cues, explanation, candidates[…]}}. */
public final class RoutingJson {
  private RoutingJson() {}

  public static ObjectNode decision(ObjectMapper json, RoutingDecision decision) {
    ObjectNode node = json.createObjectNode();
    node.put("chosen", decision.chosen());
    node.put("policy", decision.policy().wireName());
    node.put("shot_class", decision.shotClass());
    ArrayNode cues = node.putArray("cues");
    decision.cues().forEach(cues::add);
    node.put("explanation", decision.explanation());
    ArrayNode candidates = node.putArray("candidates");
    for (RoutingCandidate candidate : decision.candidates()) {
      ObjectNode item = candidates.addObject();
      item.put("model", candidate.model());
      item.put("provider", candidate.provider());
      item.put("eligible", candidate.eligible());
      item.put("score", candidate.score());
      item.put("estimate_credits", Credits.format(candidate.estimateMicros()));
      ArrayNode reasons = item.putArray("reasons");
      candidate.reasons().forEach(reasons::add);
    }
    return node;
  }
}
