package dev.aivid.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.CatalogModel;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ExtendPlannerTest {
  private static final Catalog CATALOG = Catalog.loadDefault(new ObjectMapper());

  private static CatalogModel model(String id) {
    return CATALOG.find(id).orElseThrow();
  }

  private static List<String> segments(ExtendPlan plan) {
    return plan.segments().stream().map(segment -> segment.mode() + ":" + segment.seconds()).toList();
  }

  @Test
  void aKlingShotPastEightSecondsStartsAtTheGhostingThresholdAndExtendsNatively() {
    ExtendPlan plan = ExtendPlanner.plan(model("kling-v3"), 20);

    // Kling renders up to 15 s, but limb ghosting starts past 8 s (research/model-wars-article.txt).
    assertThat(plan.segmentSecondsLimit()).isEqualTo(8);
    assertThat(plan.reason()).contains("kling.limb_ghosting");
    assertThat(segments(plan)).containsExactly("FIRST:8", "NATIVE_EXTEND:5", "NATIVE_EXTEND:5", "NATIVE_EXTEND:5");
    assertThat(plan.trimSeconds()).isEqualTo(3);
  }

  @Test
  void aModelWithoutNativeExtendContinuesFromTheLastFrameWithinItsLimits() {
    assertThat(segments(ExtendPlanner.plan(model("seedance-2.0"), 32))).containsExactly("FIRST:15", "LAST_FRAME:15", "LAST_FRAME:4");
    // Veo renders 4, 6 or 8 s only: 20 s is 8 + 8 + 4.
    assertThat(segments(ExtendPlanner.plan(model("veo-3.1"), 20))).containsExactly("FIRST:8", "LAST_FRAME:8", "LAST_FRAME:4");
  }

  @Test
  void aShotWithinTheLimitIsOneSegment() {
    ExtendPlan plan = ExtendPlanner.plan(model("kling-v3"), 6);
    assertThat(segments(plan)).containsExactly("FIRST:6");
    assertThat(plan.trimSeconds()).isZero();
  }

  @Test
  void chainsAreBounded() {
    assertThatThrownBy(() -> ExtendPlanner.plan(model("local/previz"), 601)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExtendPlanner.plan(model("local/previz"), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 200)
  void everyPlanCoversTheShotWithSegmentsTheModelAcceptsAndNeverPastItsLimit(
      @ForAll("modelIds") String id, @ForAll @IntRange(min = 1, max = 600) int seconds) {
    CatalogModel model = model(id);
    ExtendPlan plan = ExtendPlanner.plan(model, seconds);

    assertThat(plan.renderedSeconds()).isEqualTo(seconds + plan.trimSeconds());
    assertThat(plan.trimSeconds()).isLessThan(Math.max(1, model.features().extendSecondsPerStep() + plan.segmentSecondsLimit()));
    for (ExtendPlan.Segment segment : plan.segments()) {
      if (segment.mode() != ExtendPlan.Mode.NATIVE_EXTEND) {
        assertThat(model.seconds().accepts(segment.seconds())).as(segment.toString()).isTrue();
        assertThat(segment.seconds()).isLessThanOrEqualTo(Math.max(plan.segmentSecondsLimit(), model.seconds().min()));
      }
    }
  }

  @Property(tries = 200)
  void aContinuationAfterAFailoverIsALengthTheModelAcceptsWithinItsLimit(
      @ForAll("modelIds") String id, @ForAll @IntRange(min = 1, max = 300) int remaining) {
    CatalogModel model = model(id);
    int seconds = ExtendPlanner.continuationSeconds(model, remaining);

    assertThat(model.seconds().accepts(seconds)).as("%s s", seconds).isTrue();
    assertThat(seconds).isLessThanOrEqualTo(Math.max(ExtendPlanner.segmentLimit(model), model.seconds().min()));
  }

  @Test
  void onlyShotsPastTheMaximumOfAModelThatContinuesVideosAreChains() {
    assertThat(ExtendPlanner.chains(model("kling-v3"), 15)).isFalse();
    assertThat(ExtendPlanner.chains(model("kling-v3"), 16)).isTrue();
    assertThat(ExtendPlanner.chains(model("openai-compatible"), 16)).isFalse();
    assertThat(ExtendPlanner.chains(model("local/previz"), 601)).isFalse();
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> modelIds() {
    return net.jqwik.api.Arbitraries.of("local/previz", "kling-v3", "seedance-2.0", "veo-3.1", "runway-gen4.5", "openai-compatible");
  }
}
