package dev.aivid.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.VideoSize;
import dev.aivid.preflight.PreflightEngine;
import dev.aivid.preflight.PreflightReport;
import dev.aivid.preflight.PreflightRequest;
import dev.aivid.providers.http.CircuitState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final PreflightEngine ENGINE = new PreflightEngine(Catalog.loadDefault(new ObjectMapper()));
  private static final Set<String> EVERY_PROVIDER = Set.of("local", "kling", "seedance", "veo", "runway", "openai");
  private static final long PLENTY = 1_000_000_000_000L;

  private static PreflightReport shot(String prompt, int seconds) {
    return ENGINE.run(new PreflightRequest(prompt, List.of(), seconds, new VideoSize(1280, 720), List.of(), List.of()));
  }

  private static RoutingDecision route(String prompt, RoutingPolicy policy, Set<String> routable) {
    return Router.route(new RoutingInput(shot(prompt, 5), policy, routable, Map.of(), PLENTY));
  }

  @Test
  void anEstablishingCityscapeGoesToTheMostTemporallyConsistentRoutableModel() {
    RoutingDecision decision =
        route("Wide establishing shot of a neon cityscape at night, skyline under rain", RoutingPolicy.QUALITY, EVERY_PROVIDER);

    assertThat(decision.shotClass()).isEqualTo("environment");
    assertThat(decision.chosen()).isEqualTo("seedance-2.0");
    assertThat(decision.candidate("seedance-2.0").orElseThrow().reasons()).contains("temporal consistency 8.7 for an environment shot");
    assertThat(decision.explanation()).contains("seedance-2.0", "temporal consistency 8.7");
  }

  @Test
  void aSprintGoesToTheMostFluidModel() {
    RoutingDecision decision = route("An athlete sprints down the track and leaps the hurdle", RoutingPolicy.QUALITY, EVERY_PROVIDER);

    assertThat(decision.shotClass()).isEqualTo("high_motion");
    assertThat(decision.cues()).anyMatch(cue -> cue.contains("sprints"));
    assertThat(decision.chosen()).isEqualTo("kling-v3");
    assertThat(decision.explanation()).contains("motion fluidity 9.6");
  }

  @Test
  void withoutProviderKeysOnlyTheLocalEngineIsRoutableAndTheDecisionSaysWhy() {
    RoutingDecision decision = route("A sprint through the city", RoutingPolicy.QUALITY, Set.of("local"));

    assertThat(decision.chosen()).isEqualTo("local/previz");
    assertThat(decision.explanation()).contains("only local/previz");
    assertThat(decision.candidate("kling-v3").orElseThrow().eligible()).isFalse();
    assertThat(decision.candidate("kling-v3").orElseThrow().reasons())
        .anyMatch(reason -> reason.contains("no credentials for provider kling") && reason.contains("/v1/providers/kling/credentials"));
    assertThat(decision.fallbacks()).isEmpty();
  }

  @Test
  void anOpenCircuitExcludesItsProviderAndTheNextBestIsChosen() {
    RoutingDecision decision =
        Router.route(
            new RoutingInput(
                shot("An athlete sprints", 5), RoutingPolicy.QUALITY, EVERY_PROVIDER, Map.of("kling", CircuitState.OPEN), PLENTY));

    assertThat(decision.chosen()).isNotEqualTo("kling-v3");
    assertThat(decision.candidate("kling-v3").orElseThrow().reasons()).anyMatch(reason -> reason.contains("circuit open"));
  }

  @Test
  void aModelTheBudgetCannotCoverIsExcludedWithTheAmounts() {
    // 5 s at 720p: Kling 42 credits, Seedance 46.5, Veo 200; 45 credits left.
    RoutingDecision decision =
        Router.route(new RoutingInput(shot("An athlete sprints", 5), RoutingPolicy.QUALITY, EVERY_PROVIDER, Map.of(), 45_000_000L));

    assertThat(decision.candidate("seedance-2.0").orElseThrow().eligible()).isFalse();
    assertThat(decision.candidate("seedance-2.0").orElseThrow().reasons()).contains("needs 46.5 credits, 45 available");
    assertThat(decision.chosen()).isEqualTo("kling-v3");
  }

  @Test
  void theCheapestPolicyPicksTheLowestPriceAndTheFastestPolicyTheQuickestRender() {
    Set<String> generative = Set.of("kling", "seedance", "veo", "runway");
    assertThat(route("A quiet harbour at dawn", RoutingPolicy.CHEAPEST, generative).chosen()).isEqualTo("kling-v3");
    assertThat(route("A quiet harbour at dawn", RoutingPolicy.FASTEST, generative).chosen()).isEqualTo("kling-v3");
    RoutingDecision balanced = route("A quiet harbour at dawn", RoutingPolicy.BALANCED, generative);
    assertThat(balanced.candidates().stream().filter(RoutingCandidate::eligible).map(RoutingCandidate::model))
        .containsExactlyInAnyOrder("kling-v3", "seedance-2.0", "runway-gen4.5");
    // Veo renders 4, 6 or 8 s: a 5 s shot is a hard constraint, not a score.
    assertThat(balanced.candidate("veo-3.1").orElseThrow().reasons()).anyMatch(reason -> reason.contains("one of [4, 6, 8] seconds, not 5"));
  }

  @Test
  void failoverCandidatesAreTheEligibleModelsAfterTheChosenOneInScoreOrder() {
    RoutingDecision decision = route("An athlete sprints", RoutingPolicy.QUALITY, Set.of("local", "kling", "seedance"));

    assertThat(decision.chosen()).isEqualTo("kling-v3");
    assertThat(decision.fallbacks()).containsExactly("seedance-2.0", "local/previz");
  }

  @Test
  void aShotNoModelCanRenderLeavesNothingChosen() {
    // A size no model renders (a 200 s shot is now a chain on every model that continues videos).
    PreflightReport report =
        ENGINE.run(new PreflightRequest("A city", List.of(), 5, new VideoSize(4000, 16), List.of(), List.of()));
    RoutingDecision decision =
        Router.route(new RoutingInput(report, RoutingPolicy.QUALITY, EVERY_PROVIDER, Map.of(), PLENTY));

    assertThat(decision.chosen()).isNull();
    assertThat(decision.explanation()).contains("No model can take this shot");
  }
}
