package dev.aivid.preflight;

import static dev.aivid.preflight.PreflightFixtures.has;
import static dev.aivid.preflight.PreflightFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.assets.StackKind;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.CatalogException;
import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.InputSupport;
import dev.aivid.catalog.Lifecycle;
import dev.aivid.preflight.PreflightFixtures.Stack;
import dev.aivid.support.TestImages;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreflightEngineTest {
  private final PreflightEngine engine = PreflightFixtures.engine();

  private static InputVerdict verdict(ModelReport report, String mention) {
    return report.inputs().stream().filter(input -> input.mention().equals(mention)).findFirst().orElseThrow();
  }

  /** Six files: two images, a style reference, a depth map, a mask and a camera path. */
  private static Stack sixFiles() {
    return new Stack()
        .file(StackKind.IMAGE, "hero.png", TestImages.png(64, 36, Color.RED))
        .file(StackKind.IMAGE, "city.png", TestImages.png(64, 36, Color.BLUE))
        .file(StackKind.STYLE_REFERENCE, "ink.png", TestImages.png(64, 36, Color.GRAY))
        .file(StackKind.DEPTH_MAP, "depth.png", PreflightFixtures.greyPng(128, 72))
        .file(StackKind.REGIONAL_MASK, "mask.png", PreflightFixtures.greyPng(128, 72))
        .file(StackKind.CAMERA_PATH, "still.json", PreflightFixtures.pan(2, 0, 50));
  }

  @Test
  void spatialControlsWeighThreeTimesTextWhenTheLimitForcesAChoice() {
    // Room for the prompt and three files: the three spatial controls win over three text-weight files.
    PreflightEngine narrow = new PreflightEngine(PreflightFixtures.catalogWith("test/four", 4, Map.of(), List.of()));
    ModelReport report =
        narrow.run(sixFiles().request("@Image2 for the city at night", 4, "1280x720", "test/four")).model("test/four").orElseThrow();
    assertThat(report.capacity().maxInputs()).isEqualTo(4);
    assertThat(report.capacity().requested()).isEqualTo(7);
    assertThat(report.capacity().kept()).containsExactly("prompt", "@Depth1", "@Mask1", "@Camera1");
    assertThat(report.capacity().dropped()).containsExactly("@Image1", "@Image2", "@Style1");
    InputVerdict image = verdict(report, "@Image2");
    assertThat(image.treatment()).isEqualTo(InputSupport.Treatment.DROPPED);
    assertThat(image.droppedForCapacity()).isTrue();
    assertThat(image.weight()).isEqualTo(1);
    assertThat(image.detail()).contains("takes 4 inputs", "3× text");
    assertThat(verdict(report, "@Depth1").weight()).isEqualTo(3);
    Finding finding = only(report, "capacity.max_inputs");
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.evidence())
        .containsEntry("max_inputs", 4.0)
        .containsEntry("inputs_requested", 7.0)
        .containsEntry("inputs_kept", 4.0)
        .containsEntry("inputs_dropped", 3.0)
        .containsEntry("spatial_controls_kept", 3.0)
        .containsEntry("spatial_weight", 3.0)
        .containsEntry("text_weight", 1.0);
    assertThat(finding.message()).contains("@Depth1 (depth.png), @Mask1 (mask.png), @Camera1 (still.json) were kept");
    assertThat(finding.autoFix().action()).isEqualTo(FixAction.DROP_CONTROL);
  }

  @Test
  void amongEqualWeightsAMentionedEntryBeatsStackOrder() {
    // One slot left after the spatial controls: @Image2 is mentioned, so it beats the earlier @Image1.
    PreflightEngine narrow = new PreflightEngine(PreflightFixtures.catalogWith("test/five", 5, Map.of(), List.of()));
    ModelReport mentioned =
        narrow.run(sixFiles().request("@Image2 for the city at night", 4, "1280x720")).model("test/five").orElseThrow();
    assertThat(mentioned.capacity().kept()).containsExactly("prompt", "@Image2", "@Depth1", "@Mask1", "@Camera1");
    ModelReport unmentioned =
        narrow.run(sixFiles().request("a city at night", 4, "1280x720", "test/five")).model("test/five").orElseThrow();
    assertThat(unmentioned.capacity().kept()).containsExactly("prompt", "@Image1", "@Depth1", "@Mask1", "@Camera1");
  }

  @Test
  void aPerKindLimitKeepsTheMentionedEntriesOfThatKind() {
    PreflightEngine oneImage =
        new PreflightEngine(PreflightFixtures.catalogWith("test/one-image", 0, Map.of("image", 1), List.of()));
    ModelReport report =
        oneImage.run(sixFiles().request("@Image2 for the city", 4, "1280x720", "test/one-image")).model("test/one-image").orElseThrow();
    assertThat(verdict(report, "@Image1").treatment()).isEqualTo(InputSupport.Treatment.DROPPED);
    assertThat(verdict(report, "@Image1").detail()).contains("takes at most 1 images");
    assertThat(verdict(report, "@Image2").treatment()).isEqualTo(InputSupport.Treatment.HONOURED);
    assertThat(only(report, "capacity.max_per_kind").evidence()).containsEntry("entries_over_kind_limit", 1.0);
  }

  @Test
  void klingCannotCombineAMaskWithCameraControlAndKeepsTheMentionedOne() {
    Stack stack =
        new Stack()
            .file(StackKind.CAMERA_PATH, "still.json", PreflightFixtures.pan(2, 0, 50))
            .file(StackKind.REGIONAL_MASK, "mask.png", PreflightFixtures.greyPng(128, 72));
    ModelReport byOrder = engine.run(stack.request("a street", 4, "1280x720", "kling-v3")).model("kling-v3").orElseThrow();
    assertThat(verdict(byOrder, "@Camera1").treatment()).isEqualTo(InputSupport.Treatment.APPROXIMATED);
    assertThat(verdict(byOrder, "@Mask1").treatment()).isEqualTo(InputSupport.Treatment.DROPPED);
    Finding exclusive = only(byOrder, "capacity.exclusive");
    assertThat(exclusive.evidence()).containsEntry("kept_weight", 3.0).containsEntry("dropped_weight", 3.0);

    ModelReport byMention =
        engine.run(stack.request("@Mask1 marks the pavement", 4, "1280x720", "kling-v3")).model("kling-v3").orElseThrow();
    assertThat(verdict(byMention, "@Mask1").treatment()).isEqualTo(InputSupport.Treatment.APPROXIMATED);
    assertThat(verdict(byMention, "@Camera1").treatment()).isEqualTo(InputSupport.Treatment.DROPPED);
    assertThat(verdict(byMention, "@Camera1").detail()).contains("cannot take a camera path together with a regional mask");
  }

  @Test
  void soraTakesFiveInputsAndOneImage() {
    Stack stack = new Stack();
    for (int index = 0; index < 4; index++) {
      stack.file(StackKind.IMAGE, "shot" + index + ".png", TestImages.png(32, 18, new Color(index * 60, 20, 20)));
    }
    stack.file(StackKind.STYLE_REFERENCE, "ink.png", TestImages.png(32, 18, Color.GRAY));
    stack.file(StackKind.COLOR_PALETTE, "palette.json", PreflightFixtures.palette());
    ModelReport sora = engine.run(stack.request("@Image3 as the first frame", 8, "1280x720", "sora-2")).model("sora-2").orElseThrow();
    assertThat(sora.capacity().maxInputs()).isEqualTo(5);
    assertThat(sora.capacity().kept()).containsExactly("prompt", "@Image3", "@Style1", "@Palette1");
    assertThat(only(sora, "capacity.max_per_kind").evidence()).containsEntry("entries_over_kind_limit", 3.0);
  }

  @Test
  void aRetiredModelIsCheckedOnlyWhenNamedAndIsBlockedWithItsSuccessor() {
    PreflightReport defaults = engine.run(new Stack().request("a street at night", 8, "1280x720"));
    assertThat(defaults.models()).extracting(report -> report.model().id()).doesNotContain("sora-2", "sora-2-pro")
        .contains("kling-v3", "seedance-2.0", "local/previz");

    PreflightReport named = engine.run(new Stack().request("a street at night", 8, "1280x720", "sora-2-2025-10-06"));
    ModelReport sora = named.model("sora-2").orElseThrow();
    assertThat(sora.verdict()).isEqualTo(ModelVerdict.BLOCKED);
    Finding retired = only(sora, "model.retired");
    assertThat(retired.severity()).isEqualTo(Severity.ERROR);
    assertThat(retired.message()).contains("retired on 2026-09-24", "model \"auto\"");
    assertThat(retired.autoFix().action()).isEqualTo(FixAction.ROUTE_ELSEWHERE);
    assertThat(retired.autoFix().detail()).contains("auto");
    assertThat(named.recommendedModel()).isNull();
    assertThat(named.passes()).isFalse();
    assertThat(named.recommendation()).contains("blocked");
  }

  @Test
  void aShotPastTheMaximumOfAModelThatContinuesVideosIsPlannedAsAChainNotBlocked() {
    ModelReport kling =
        engine.run(new Stack().request("a long take", 20, "1280x720", "kling-v3")).model("kling-v3").orElseThrow();
    assertThat(kling.findings()).noneMatch(finding -> finding.rule().equals("model.seconds"));
    Finding chain = only(kling, "model.extend_chain");
    assertThat(chain.severity()).isEqualTo(Severity.INFO);
    assertThat(chain.evidence()).containsEntry("segments", 4.0).containsEntry("segment_seconds_limit", 8.0);
    assertThat(kling.verdict()).isNotEqualTo(ModelVerdict.BLOCKED);
  }

  @Test
  void unsupportedLengthsAndSizesBlockAModelWithAFix() {
    ModelReport openAi =
        engine.run(new Stack().request("a long take", 20, "1280x720", "openai-compatible")).model("openai-compatible").orElseThrow();
    Finding seconds = only(openAi, "model.seconds");
    assertThat(seconds.severity()).isEqualTo(Severity.ERROR);
    assertThat(seconds.evidence()).containsEntry("seconds", 20.0).containsEntry("max_seconds", 12.0);
    assertThat(seconds.autoFix().action()).isEqualTo(FixAction.SPLIT_SHOT);
    assertThat(openAi.verdict()).isEqualTo(ModelVerdict.BLOCKED);

    ModelReport odd =
        engine.run(new Stack().request("a street", 5, "1000x500", "seedance-2.0")).model("seedance-2.0").orElseThrow();
    assertThat(only(odd, "model.size").evidence()).containsEntry("width_pixels", 1000.0).containsEntry("height_pixels", 500.0);
  }

  @Test
  void spatialControlsAModelDropsAreWarningsThatPointToAModelHonouringThem() {
    ModelReport kling =
        engine.run(
                new Stack()
                    .file(StackKind.DEPTH_MAP, "depth.png", PreflightFixtures.greyPng(128, 72))
                    .value(StackKind.SEED, 7)
                    .request("a street", 5, "1280x720", "kling-v3"))
            .model("kling-v3")
            .orElseThrow();
    Finding depth =
        kling.findings().stream().filter(finding -> finding.severity() == Severity.WARNING && finding.rule().equals("input.dropped")).findFirst().orElseThrow();
    assertThat(depth.message()).contains("@Depth1 (depth.png)", "spatial control");
    assertThat(depth.autoFix().detail()).isEqualTo("Route the shot to seedance-2.0, which honours depth maps.");
    Finding seed =
        kling.findings().stream().filter(finding -> finding.severity() == Severity.INFO && finding.rule().equals("input.dropped")).findFirst().orElseThrow();
    assertThat(seed.message()).contains("@Seed1");
    assertThat(verdict(kling, "@Seed1").detail()).isEqualTo("Kling's API has no seed parameter");
  }

  @Test
  void theFrameRateIsHonouredOnlyAtARateTheModelRenders() {
    ModelReport at24 =
        engine.run(new Stack().value(StackKind.FRAME_RATE, 24).request("x", 5, "1280x720", "seedance-2.0")).model("seedance-2.0").orElseThrow();
    assertThat(verdict(at24, "@FrameRate1").treatment()).isEqualTo(InputSupport.Treatment.HONOURED);
    ModelReport at30 =
        engine.run(new Stack().value(StackKind.FRAME_RATE, 30).request("x", 5, "1280x720", "seedance-2.0")).model("seedance-2.0").orElseThrow();
    assertThat(verdict(at30, "@FrameRate1").treatment()).isEqualTo(InputSupport.Treatment.APPROXIMATED);
    assertThat(verdict(at30, "@FrameRate1").detail()).contains("24 fps only");
  }

  @Test
  void creditsAreTheCatalogPriceForTheShotAndNothingElse() {
    PreflightReport report = engine.run(new Stack().request("x", 6, "1280x720"));
    // Seedance 2.0 at 720p: 9.3 credits/s; Kling 3.0: 8.4; previz at 720p: 0.1.
    assertThat(report.model("seedance-2.0").orElseThrow().estimateMicros()).isEqualTo(55_800_000L);
    assertThat(report.model("kling-v3").orElseThrow().estimateMicros()).isEqualTo(50_400_000L);
    assertThat(report.model("local/previz").orElseThrow().estimateMicros()).isEqualTo(600_000L);
  }

  @Test
  void theRecommendationPrefersACleanGenerativeModelWithTheHighestFidelity() {
    PreflightReport report =
        engine.run(
            new Stack()
                .file(StackKind.SKELETAL_RIG, "walk.bvh", PreflightFixtures.rig(6, 24, time -> new double[] {time, 0, 0, 0}))
                .request("@Rig1 strolls", 6, "1280x720"));
    assertThat(report.shot().shotClass()).isEqualTo("high_motion");
    assertThat(report.recommendedModel()).isEqualTo("seedance-2.0");
    assertThat(report.recommendation()).contains("motion fluidity 8.9", "55.8 credits");
  }

  @Test
  void aMaskOrDepthMapOfAnotherShapeIsRefusedNamingTheFile() {
    PreflightException mask =
        org.junit.jupiter.api.Assertions.assertThrows(
            PreflightException.class,
            () ->
                engine.run(
                    new Stack()
                        .file(StackKind.IMAGE, "hero.png", TestImages.png(64, 36, Color.RED))
                        .file(StackKind.REGIONAL_MASK, "matte.png", PreflightFixtures.greyPng(640, 480))
                        .request("a street", 5, "1280x720")));
    assertThat(mask.kind()).isEqualTo(PreflightException.Kind.UNPROCESSABLE);
    assertThat(mask.code()).isEqualTo("mask_size_mismatch");
    assertThat(mask.parameter()).isEqualTo("entries[1]");
    assertThat(mask.getMessage()).contains("@Mask1 (matte.png)", "640x480", "1280x720");

    assertThatThrownBy(
            () ->
                engine.run(
                    new Stack()
                        .file(StackKind.DEPTH_MAP, "depth.png", PreflightFixtures.greyPng(720, 1280))
                        .request("a street", 5, "1280x720")))
        .isInstanceOfSatisfying(
            PreflightException.class, error -> assertThat(error.code()).isEqualTo("depth_map_size_mismatch"));

    assertThatThrownBy(
            () ->
                engine.run(
                    new Stack()
                        .file(StackKind.REGIONAL_MASK, "colour.png", PreflightFixtures.colourPng(128, 72))
                        .request("a street", 5, "1280x720")))
        .isInstanceOfSatisfying(
            PreflightException.class, error -> assertThat(error.code()).isEqualTo("mask_not_greyscale"));

    // The same aspect ratio at another size is resampled, not refused.
    PreflightReport resampled =
        engine.run(
            new Stack()
                .file(StackKind.REGIONAL_MASK, "matte.png", PreflightFixtures.greyPng(640, 360))
                .request("a street", 5, "1280x720"));
    assertThat(resampled.models()).isNotEmpty();
  }

  @Test
  void badSecondsSizesAndModelNamesAreInvalidRequests() {
    assertThatThrownBy(() -> engine.run(new Stack().request("x", 0, "1280x720")))
        .isInstanceOfSatisfying(PreflightException.class, error -> assertThat(error.code()).isEqualTo("invalid_seconds"));
    assertThatThrownBy(() -> engine.run(new Stack().request("x", 301, "1280x720")))
        .isInstanceOfSatisfying(PreflightException.class, error -> assertThat(error.code()).isEqualTo("invalid_seconds"));
    assertThatThrownBy(() -> engine.run(new Stack().request("x", 5, "8000x8000")))
        .isInstanceOfSatisfying(PreflightException.class, error -> assertThat(error.code()).isEqualTo("invalid_size"));
    assertThatThrownBy(() -> engine.run(new Stack().request("x", 5, "1280x720", "kling-9")))
        .isInstanceOfSatisfying(
            PreflightException.class,
            error -> {
              assertThat(error.code()).isEqualTo("unknown_model");
              assertThat(error.parameter()).isEqualTo("models[0]");
              assertThat(error.getMessage()).contains("kling-v3");
            });
  }

  @Test
  void aCatalogWithAnUnknownRuleOrAMissingThresholdFailsAtStartup() {
    var unknown = PreflightFixtures.catalogJson();
    PreflightFixtures.rule(unknown, "kling-v3", "kling.mesh_bleeding").put("rule", "kling.mesh_bleed");
    assertThatThrownBy(() -> new PreflightEngine(Catalog.parse(unknown)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("unknown preflight rule 'kling.mesh_bleed'");

    var missing = PreflightFixtures.catalogJson();
    PreflightFixtures.rule(missing, "seedance-2.0", "seedance.latent_overload").remove("min_seconds");
    assertThatThrownBy(() -> new PreflightEngine(Catalog.parse(missing)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("min_seconds");

    var badKind = PreflightFixtures.catalogJson();
    ((com.fasterxml.jackson.databind.node.ObjectNode) PreflightFixtures.model(badKind, "kling-v3").path("capabilities").path("inputs"))
        .putObject("hologram").put("treatment", "dropped").put("why", "no");
    assertThatThrownBy(() -> new PreflightEngine(Catalog.parse(badKind)))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("hologram");
  }

  @Test
  void everyModelInTheCatalogSaysHowItTreatsEveryKind() {
    for (CatalogModel model : PreflightFixtures.catalog().models()) {
      for (StackKind kind : StackKind.values()) {
        assertThat(model.capabilities().inputs()).as(model.id() + " " + kind).containsKey(kind.wireName());
      }
      if (!(model.lifecycle() instanceof Lifecycle.Retired) && !model.provider().equals("local")) {
        assertThat(model.quality()).as(model.id()).isNotNull();
      }
      assertThat(model.pricing().source()).as(model.id()).isNotBlank();
    }
  }
}
