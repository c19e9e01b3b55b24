package dev.aivid.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.account.Principal;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.ModelResolution;
import dev.aivid.config.RetiredModelPolicy;
import dev.aivid.connections.ProviderConnections;
import dev.aivid.credits.AccountBalance;
import dev.aivid.credits.BudgetScope;
import dev.aivid.credits.LedgerService;
import dev.aivid.credits.OrganizationBalance;
import dev.aivid.preflight.InputVerdict;
import dev.aivid.preflight.ModelReport;
import dev.aivid.preflight.PreflightEngine;
import dev.aivid.preflight.PreflightReport;
import dev.aivid.preflight.PreflightRequest;
import dev.aivid.routing.Router;
import dev.aivid.routing.RoutingDecision;
import dev.aivid.routing.RoutingInput;
import dev.aivid.routing.RoutingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns what a request named ({@code auto}, a model, a retired model) into the model a job starts
 * on, with the routing decision, the fallbacks and the notes that explain it.
 */
final class RoutePlanning {
  static final String AUTO = "auto";

  private final Catalog catalog;
  private final PreflightEngine preflight;
  private final ProviderConnections connections;
  private final LedgerService ledger;
  private final RetiredModelPolicy retiredPolicy;
  private final ObjectMapper json;

  RoutePlanning(
      Catalog catalog,
      PreflightEngine preflight,
      ProviderConnections connections,
      LedgerService ledger,
      RetiredModelPolicy retiredPolicy,
      ObjectMapper json) {
    this.catalog = catalog;
    this.preflight = preflight;
    this.connections = connections;
    this.ledger = ledger;
    this.retiredPolicy = retiredPolicy;
    this.json = json;
  }

  /** What the request asked for: routing by policy, or one model; with notes about a reroute. */
  sealed interface Target {
    String requested();

    List<String> notes();

    record Auto(String requested, RoutingPolicy policy, List<String> notes) implements Target {}

    record Pinned(String requested, CatalogModel model, List<String> notes) implements Target {}
  }

  Target target(@Nullable String requestedName, @Nullable String policyText) {
    RoutingPolicy policy = policy(policyText);
    String requested = requestedName == null || requestedName.isBlank() ? AUTO : requestedName.strip();
    if (requested.equalsIgnoreCase(AUTO)) {
      return new Target.Auto(AUTO, policy, List.of());
    }
    return switch (catalog.resolve(requested)) {
      case ModelResolution.Available available -> new Target.Pinned(requested, available.model(), List.of());
      case ModelResolution.Retired retired -> {
        String successor = retired.lifecycle().successor();
        if (retiredPolicy == RetiredModelPolicy.REJECT) {
          throw new VideoException(
              VideoException.Kind.GONE,
              "model_retired",
              "model",
              "Model '" + requested + "' was retired on " + retired.lifecycle().since()
                  + " (OpenAI shut the Sora 2 Videos API down); use '" + successor + "' instead"
                  + (successor.equals(AUTO) ? " (AIVid routes each shot to the best available model)." : "."));
        }
        String note =
            "Model '" + requested + "' was retired on " + retired.lifecycle().since()
                + "; rerouted to its successor " + (successor.equals(AUTO) ? "(auto routing)" : "'" + successor + "'")
                + " by the reroute policy.";
        if (successor.equals(AUTO)) {
          yield new Target.Auto(requested, policy, List.of(note));
        }
        CatalogModel next =
            catalog.find(successor).orElseThrow(() -> new IllegalStateException("catalog successor " + successor + " is unknown"));
        yield new Target.Pinned(requested, next, List.of(note));
      }
      case ModelResolution.Unknown unknown ->
          throw VideoException.invalid(
              "model",
              "model_not_found",
              "Unknown model '" + requested + "'; use \"auto\" or one of: " + unknown.available());
    };
  }

  private static RoutingPolicy policy(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return RoutingPolicy.QUALITY;
    }
    return RoutingPolicy.parse(text)
        .orElseThrow(
            () ->
                VideoException.invalid(
                    "routing_policy", "invalid_routing_policy", "routing_policy must be quality, balanced, cheapest or fastest, got '" + text + "'"));
  }

  /** The model the job starts on, the decision and its fallbacks, and the preflight verdicts. */
  record Planned(
      CatalogModel model,
      RoutingDecision decision,
      ObjectNode decisionJson,
      ArrayNode verdicts,
      List<String> notes,
      @Nullable ModelReport report) {}

  Planned plan(Principal principal, Target target, PreflightRequest request) {
    List<String> models =
        switch (target) {
          case Target.Auto auto -> List.of();
          case Target.Pinned pinned -> List.of(pinned.model().id());
        };
    PreflightReport report =
        preflight.run(
            new PreflightRequest(request.prompt(), request.mentions(), request.seconds(), request.size(), request.inputs(), models));
    RoutingPolicy policy =
        switch (target) {
          case Target.Auto auto -> auto.policy();
          case Target.Pinned pinned -> RoutingPolicy.QUALITY;
        };
    Set<String> routable = connections.routableProviders(principal.organizationId());
    RoutingDecision decision =
        Router.route(new RoutingInput(report, policy, routable, connections.health(), available(principal)));
    List<String> notes = new ArrayList<>(target.notes());
    CatalogModel chosen;
    switch (target) {
      case Target.Pinned pinned -> {
        chosen = pinned.model();
        if (!routable.contains(chosen.provider())) {
          // The caller can fix it (credentials, or "auto"), so it is a client error, not an outage.
          throw new VideoException(
              VideoException.Kind.INVALID,
              "provider_not_configured",
              "model",
              "Model '" + chosen.id() + "' needs provider '" + chosen.provider() + "', which has no credentials; set them"
                  + " with POST /v1/providers/" + chosen.provider() + "/credentials or use model \"auto\"");
        }
        // A pinned model keeps its own choice; the decision stays as the record of how it scored.
        decision =
            new RoutingDecision(
                decision.shotClass(),
                decision.cues(),
                decision.policy(),
                chosen.id(),
                chosen.id() + " was named by the request (no routing).",
                decision.candidates());
      }
      case Target.Auto auto -> {
        if (decision.chosen() == null) {
          unsupportedShot(report);
          // When only the budget stands in the way, route as if it did not: the hold then answers
          // 402 with the level that binds and the amounts, as for a named model.
          RoutingDecision unbounded =
              Router.route(new RoutingInput(report, policy, routable, connections.health(), Long.MAX_VALUE));
          if (unbounded.chosen() != null) {
            decision = unbounded;
          }
        }
        if (decision.chosen() == null) {
          throw new VideoException(
              VideoException.Kind.INVALID,
              "no_routable_model",
              "model",
              "No model can take this shot: " + reasons(decision));
        }
        chosen = catalog.find(decision.chosen()).orElseThrow();
      }
    }
    ModelReport chosenReport = report.model(chosen.id()).orElse(null);
    return new Planned(
        chosen, decision, dev.aivid.routing.RoutingJson.decision(json, decision), verdicts(chosenReport), notes, chosenReport);
  }

  /** Routing again from the stored plan is not needed for failover: the decision's order is kept. */
  ArrayNode verdicts(@Nullable ModelReport report) {
    ArrayNode verdicts = json.createArrayNode();
    if (report == null) {
      return verdicts;
    }
    for (InputVerdict input : report.inputs()) {
      ObjectNode item = verdicts.addObject();
      item.put("control", input.mention());
      item.put("fidelity", input.droppedForCapacity() ? "dropped" : input.treatment().name().toLowerCase(java.util.Locale.ROOT));
      item.put("detail", input.detail());
      item.put("source", "preflight");
    }
    return verdicts;
  }

  /** When no model renders the asked seconds or size at all, the field is what is wrong. */
  private static void unsupportedShot(PreflightReport report) {
    if (report.models().isEmpty()) {
      return;
    }
    for (String rule : List.of("model.seconds", "model.size")) {
      boolean everyModel =
          report.models().stream()
              .allMatch(model -> model.findings().stream().anyMatch(finding -> finding.rule().equals(rule)));
      if (everyModel) {
        String field = rule.substring("model.".length());
        StringBuilder text = new StringBuilder("No model renders " + (field.equals("seconds") ? report.seconds() + " seconds" : "size " + report.size()) + ":");
        report.models().forEach(
            model ->
                model.findings().stream()
                    .filter(finding -> finding.rule().equals(rule))
                    .findFirst()
                    .ifPresent(finding -> text.append(' ').append(finding.message())));
        throw VideoException.invalid(field, "unsupported_" + field, text.toString());
      }
    }
  }

  private static String reasons(RoutingDecision decision) {
    StringBuilder text = new StringBuilder();
    decision.candidates().forEach(
        candidate -> text.append(candidate.model()).append(" (").append(String.join("; ", candidate.reasons())).append(") "));
    return text.toString().strip();
  }

  /** What the principal can still hold: the pool, capped by its project and key budgets. */
  long available(Principal principal) {
    OrganizationBalance balance = ledger.balance(principal.organizationId());
    long available = balance.pool().availableMicros() == null ? Long.MAX_VALUE : balance.pool().availableMicros();
    for (AccountBalance budget : balance.budgets()) {
      boolean applies =
          (budget.scope() == BudgetScope.PROJECT && budget.ownerId().equals(principal.projectId()))
              || (budget.scope() == BudgetScope.API_KEY && budget.ownerId().equals(principal.apiKeyId()));
      if (applies && budget.availableMicros() != null) {
        available = Math.min(available, budget.availableMicros());
      }
    }
    return available;
  }
}
