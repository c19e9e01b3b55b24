package dev.aivid.routing;

import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.QualityScores;
import dev.aivid.credits.Credits;
import dev.aivid.preflight.Finding;
import dev.aivid.preflight.ModelReport;
import dev.aivid.preflight.ModelVerdict;
import dev.aivid.preflight.Severity;
import dev.aivid.providers.http.CircuitState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Picks the model for one shot. Hard constraints first (preflight errors, credentials, provider
 * health, budget), then a policy score over the survivors; the local engine is a preview, so it is
 * chosen only when no generative model is eligible. Pure and allocation-light: it runs on every
 * create and on every failover. See docs/routing.md for the formulas.
 */
public final class Router {
  static final String LOCAL = "local";
  /** Points one preflight warning costs: a risk of a known artifact. */
  static final double WARNING_PENALTY = 0.5;
  /** Points the whole stack's weight is worth when a model honours all of it. */
  static final double FIDELITY_WEIGHT = 2.0;
  /** Points per tenfold price in the balanced policy. */
  static final double PRICE_WEIGHT = 1.5;

  private Router() {}

  public static RoutingDecision route(RoutingInput input) {
    ShotClassifier.Classification classification =
        ShotClassifier.classify(input.preflight().prompt(), input.preflight().shot());
    boolean highMotion = classification.shotClass().equals(ShotClassifier.HIGH_MOTION);
    int seconds = input.preflight().seconds();
    List<RoutingCandidate> candidates = new ArrayList<>();
    for (ModelReport report : input.preflight().models()) {
      candidates.add(candidate(report, input, highMotion, seconds));
    }
    candidates.sort(
        Comparator.comparing((RoutingCandidate candidate) -> !candidate.eligible())
            .thenComparing(candidate -> candidate.provider().equals(LOCAL))
            .thenComparing(candidate -> -candidate.score())
            .thenComparing(RoutingCandidate::model));
    RoutingCandidate best = candidates.isEmpty() || !candidates.getFirst().eligible() ? null : candidates.getFirst();
    return new RoutingDecision(
        classification.shotClass(),
        classification.cues(),
        input.policy(),
        best == null ? null : best.model(),
        explanation(best, candidates, classification.shotClass(), input.policy()),
        candidates);
  }

  private static RoutingCandidate candidate(
      ModelReport report, RoutingInput input, boolean highMotion, int seconds) {
    CatalogModel model = report.model();
    List<String> reasons = new ArrayList<>();
    boolean eligible = true;
    if (report.verdict() == ModelVerdict.BLOCKED) {
      eligible = false;
      for (Finding finding : report.findings()) {
        if (finding.severity() == Severity.ERROR) {
          reasons.add("blocked by preflight: " + finding.message());
        }
      }
    }
    if (!input.routableProviders().contains(model.provider())) {
      eligible = false;
      reasons.add(
          "no credentials for provider " + model.provider() + " (set AIVID_PROVIDER_"
              + model.provider().toUpperCase(Locale.ROOT) + "_API_KEY or POST /v1/providers/" + model.provider()
              + "/credentials)");
    }
    CircuitState circuit = input.health().getOrDefault(model.provider(), CircuitState.CLOSED);
    if (circuit == CircuitState.OPEN) {
      eligible = false;
      reasons.add("provider " + model.provider() + " is failing (circuit open); skipped until it recovers");
    }
    if (report.estimateMicros() > input.availableMicros()) {
      eligible = false;
      reasons.add(
          "needs " + Credits.format(report.estimateMicros()) + " credits, " + Credits.format(Math.max(0, input.availableMicros()))
              + " available");
    }
    double quality = quality(model.quality(), highMotion);
    long warnings = report.findings().stream().filter(finding -> finding.severity() == Severity.WARNING).count();
    double credits = report.estimateMicros() / 1_000_000.0;
    double renderSeconds = model.features().renderSecondsPerOutputSecond() * seconds;
    double base = quality + FIDELITY_WEIGHT * report.fidelity() - WARNING_PENALTY * warnings;
    double score =
        switch (input.policy()) {
          case QUALITY -> base;
          case BALANCED -> base - PRICE_WEIGHT * Math.log10(1 + credits);
          case CHEAPEST -> -credits + base / 1_000;
          case FASTEST -> -renderSeconds + base / 1_000;
        };
    if (model.quality() != null) {
      reasons.add(
          String.format(
              Locale.ROOT,
              "%s %.1f for %s shot",
              highMotion ? "motion fluidity" : "temporal consistency",
              quality,
              highMotion ? "a high-motion" : "an environment"));
    } else {
      reasons.add("no quality score: a previsualisation, used when no generative model is eligible");
    }
    reasons.add(String.format(Locale.ROOT, "honours %.0f%% of the stack's weight", report.fidelity() * 100));
    if (warnings > 0) {
      reasons.add(warnings + " preflight warning" + (warnings == 1 ? "" : "s"));
    }
    reasons.add(Credits.format(report.estimateMicros()) + " credits");
    if (input.policy() == RoutingPolicy.FASTEST) {
      reasons.add(String.format(Locale.ROOT, "about %.0f s to render", renderSeconds));
    }
    return new RoutingCandidate(
        model.id(), model.provider(), eligible, Math.round(score * 1000) / 1000.0, report.estimateMicros(), reasons);
  }

  private static double quality(@org.jspecify.annotations.Nullable QualityScores quality, boolean highMotion) {
    if (quality == null) {
      return 0;
    }
    return highMotion ? quality.motionFluidity() : quality.temporalConsistency();
  }

  private static String explanation(
      @org.jspecify.annotations.Nullable RoutingCandidate best, List<RoutingCandidate> candidates, String shotClass, RoutingPolicy policy) {
    if (best == null) {
      return "No model can take this shot: " + (candidates.isEmpty() ? "the catalog has none" : "see each candidate's reasons") + ".";
    }
    StringBuilder text = new StringBuilder();
    text.append(best.model()).append(" for this ").append(shotClass.replace('_', '-')).append(" shot under the ")
        .append(policy.wireName()).append(" policy");
    if (best.provider().equals(LOCAL)) {
      long excluded = candidates.stream().filter(candidate -> !candidate.eligible() && !candidate.provider().equals(LOCAL)).count();
      text.append(": no generative model is routable (")
          .append(excluded)
          .append(" excluded; without provider keys only local/previz is), so this is a local preview");
    } else {
      text.append(": ").append(String.join(", ", best.reasons()));
    }
    return text.append('.').toString();
  }
}
