package dev.aivid.providers.runway;

import dev.aivid.providers.CompiledGoldens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.providers.CameraIntent;
import dev.aivid.providers.CompiledRequest;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.ControlVerdict.Fidelity;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.ShotReference;
import java.net.URI;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: each fixed request compiles to exactly the JSON in
 * src/test/resources/golden/runway/ (path, body and verdicts). The goldens are the spec, reviewed
 * by hand against research/providers.md §5.2 and the runway-gen4.5 catalog entry. Run with {@code
 * -Dgolden.update=true} to rewrite them after a deliberate change, then review the diff.
 */
class RunwayCompilerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RunwayCompiler COMPILER = new RunwayCompiler(JSON);
  private static final Path GOLDEN_SOURCE = Path.of("src/test/resources/golden/runway");

  /** A 1x1 PNG, fixed bytes so the goldens' data URI never changes with the JDK's encoder. */
  private static final byte[] PIXEL_PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  private static final byte[] GIMP_PALETTE =
      "GIMP Palette\nName: Harbour dusk\n#\n 20  40  80 deep blue\n230 120  40 lantern\n250 240 220 foam\n"
          .getBytes(StandardCharsets.UTF_8);

  // §5: Runway has no callback field, so a callback URL in the request changes nothing in the body.
  @Test
  void aCallbackUrlNeverReachesTheBodyBecauseRunwayHasNoSuchField() {
    RenderRequest plain = request("A red fox trots across a snowy field at dawn", 1280, 720, null, ShotControls.none());
    URI url = URI.create("https://aivid.example.com/v1/provider-callbacks/runway/video_0123.c2lnbmF0dXJl");

    assertThat(COMPILER.compile(plain.withCallbackUrl(url)).body()).isEqualTo(COMPILER.compile(plain).body());
  }

  @Test
  void aTextOnlyShotGoesToTextToVideoWithNoVerdicts() {
    // §5.2: text_to_video takes model, promptText, ratio 1280:720 or 720:1280, duration int 2-10.
    RenderRequest request =
        request(
            "A red fox trots across a snowy field at dawn", 1280, 720, null, ShotControls.none());

    CompiledRequest compiled = assertGolden("text_only", request);

    assertThat(compiled.path()).isEqualTo("/v1/text_to_video");
    assertThat(compiled.verdicts()).isEmpty();
  }

  @Test
  void aFirstFrameGoesToImageToVideoAsADataUriAtPositionFirst() {
    // §5.2: gen4.5 promptImage is a data URI ≤5 MB or [{uri, position: "first"}]; I2V ratio
    // 1104:832.
    ShotReference image =
        reference("@Image1", "image", "as the first frame", "image/png", PIXEL_PNG);
    RenderRequest request =
        request(
            "@Image1 as the first frame, the lighthouse keeper opens the door",
            1104,
            832,
            PIXEL_PNG,
            controls(List.of(image), null, null, null, false));

    CompiledRequest compiled = assertGolden("first_frame", request);

    assertThat(compiled.path()).isEqualTo("/v1/image_to_video");
    assertThat(fidelities(compiled)).containsExactly(Map.entry("@Image1", Fidelity.HONOURED));
  }

  @Test
  void everyReferenceKindGetsTheCatalogsTreatment() {
    // Catalog runway-gen4.5 capabilities.inputs: image honoured (first frame, max 1); video, audio,
    // depth_map, skeletal_rig, regional_mask dropped; style_reference, color_palette,
    // negative_reference approximated in promptText.
    List<ShotReference> references =
        List.of(
            reference("@Image1", "image", "for the opening frame", "image/png", PIXEL_PNG),
            reference("@Image2", "image", "for the character", "image/png", new byte[] {1, 2, 3}),
            reference("@Video1", "video", "for the motion", "video/mp4", new byte[] {4}),
            reference("@Audio1", "audio", null, "audio/wav", new byte[] {5}),
            reference("@Depth1", "depth_map", null, "image/png", new byte[] {6}),
            reference("@Rig1", "skeletal_rig", null, "text/plain", new byte[] {7}),
            reference("@Mask1", "regional_mask", null, "image/png", new byte[] {8}),
            reference(
                "@Style1",
                "style_reference",
                "in a watercolour style",
                "image/png",
                new byte[] {9}),
            reference("@Palette1", "color_palette", null, "text/plain", GIMP_PALETTE),
            reference(
                "@Negative1", "negative_reference", "blurry faces", "image/png", new byte[] {10}));
    RenderRequest request =
        request(
            "@Image1 for the opening frame, @Image2 for the character walks along the pier @Style1"
                + " in a watercolour style",
            1280,
            720,
            null,
            controls(references, null, null, null, false));

    CompiledRequest compiled = assertGolden("references_with_roles", request);

    assertThat(compiled.path()).isEqualTo("/v1/image_to_video");
    assertThat(fidelities(compiled))
        .containsExactly(
            Map.entry("@Image1", Fidelity.HONOURED),
            Map.entry("@Image2", Fidelity.DROPPED),
            Map.entry("@Video1", Fidelity.DROPPED),
            Map.entry("@Audio1", Fidelity.DROPPED),
            Map.entry("@Depth1", Fidelity.DROPPED),
            Map.entry("@Rig1", Fidelity.DROPPED),
            Map.entry("@Mask1", Fidelity.DROPPED),
            Map.entry("@Style1", Fidelity.APPROXIMATED),
            Map.entry("@Palette1", Fidelity.APPROXIMATED),
            Map.entry("@Negative1", Fidelity.APPROXIMATED));
  }

  @Test
  void aCameraIntentIsWrittenIntoThePromptAsCameraLanguage() {
    // Catalog camera_path: approximated, "the path's dominant move written into promptText".
    CameraIntent pushIn = new CameraIntent("dolly", 1, 0.2, 0, 120);
    RenderRequest request =
        request(
            "A dancer spins under a streetlight",
            720,
            1280,
            null,
            controls(List.of(), null, null, pushIn, false));

    CompiledRequest compiled = assertGolden("camera_intent", request);

    assertThat(compiled.body().get("promptText").asText()).endsWith("Camera: slow push in.");
    assertThat(fidelities(compiled))
        .containsExactly(Map.entry("camera_path", Fidelity.APPROXIMATED));
  }

  @Test
  void aNegativePromptBecomesAnAvoidSentence() {
    // Catalog negative_reference: approximated, "folded into promptText as 'Avoid: …'".
    RenderRequest request =
        request(
            "Rain on a neon-lit street",
            1280,
            720,
            null,
            controls(List.of(), "text overlays, watermarks.", null, null, false));

    CompiledRequest compiled = assertGolden("negative_prompt", request);

    assertThat(compiled.body().get("promptText").asText())
        .isEqualTo("Rain on a neon-lit street. Avoid: text overlays, watermarks.");
    assertThat(fidelities(compiled))
        .containsExactly(Map.entry("negative_prompt", Fidelity.APPROXIMATED));
  }

  @Test
  void aFrameRateIsApproximatedBecauseRunwayPicksItsOwn() {
    // Catalog frame_rate: approximated; §5.2 has no frame-rate field.
    RenderRequest request =
        request(
            "Waves break on black sand",
            1280,
            720,
            null,
            controls(List.of(), null, 30.0, null, false));

    CompiledRequest compiled = assertGolden("frame_rate", request);

    assertThat(compiled.body().has("fps")).isFalse();
    assertThat(fidelities(compiled))
        .containsExactly(Map.entry("frame_rate", Fidelity.APPROXIMATED));
  }

  @Test
  void aRequestedSeedIsSentAndHonoured() {
    // §5.2: gen4.5 takes seed ("If unspecified, a random number is chosen").
    RenderRequest request =
        request(
            "A paper boat drifts down a gutter",
            1280,
            720,
            null,
            controls(List.of(), null, null, null, true));

    CompiledRequest compiled = assertGolden("seed", request);

    assertThat(compiled.body().get("seed").asLong()).isEqualTo(42);
    assertThat(fidelities(compiled)).containsExactly(Map.entry("seed", Fidelity.HONOURED));
  }

  @Test
  void aPromptOverAThousandUtf16UnitsIsCutAtAWordBoundaryKeepingTheControlSentences() {
    // §5.2: promptText ≤1000 UTF-16 code units. The cut is reported as approximated.
    String longPrompt =
        "The tide rolls over the old stone jetty while gulls circle above. ".repeat(17);
    RenderRequest request =
        request(longPrompt, 1280, 720, null, controls(List.of(), "lens flare", null, null, false));

    CompiledRequest compiled = assertGolden("long_prompt", request);

    String promptText = compiled.body().get("promptText").asText();
    assertThat(promptText.length()).isLessThanOrEqualTo(1000);
    assertThat(promptText).endsWith("… Avoid: lens flare.").doesNotContain("  ");
    assertThat(fidelities(compiled))
        .containsExactly(
            Map.entry("negative_prompt", Fidelity.APPROXIMATED),
            Map.entry("prompt", Fidelity.APPROXIMATED));
  }

  @Test
  void aFirstFrameOverTheInlineLimitIsDroppedAndTheShotFallsBackToTextToVideo() {
    // §5.2: a data URI promptImage must be ≤5 MB; too big → dropped with its reason, not sent.
    byte[] huge = Arrays.copyOf(PIXEL_PNG, 3_800_000);
    RenderRequest request =
        request("Fog lifts from a pine forest", 1280, 720, huge, ShotControls.none());

    CompiledRequest compiled = assertGolden("oversized_first_frame", request);

    assertThat(compiled.path()).isEqualTo("/v1/text_to_video");
    assertThat(fidelities(compiled)).containsExactly(Map.entry("first_frame", Fidelity.DROPPED));
  }

  @Test
  void aTextToVideoShotOfAnImageOnlySizeIsRejectedNamingTheSize() {
    // §5.2: text_to_video ratios are 1280:720 and 720:1280 only.
    RenderRequest request = request("A quiet library", 960, 960, null, ShotControls.none());

    assertThatThrownBy(() -> COMPILER.compile(request))
        .isInstanceOf(RunwayRequestRejected.class)
        .hasMessageContaining("960x960")
        .hasMessageContaining("1280x720, 720x1280")
        .hasMessageContaining("needs a first frame");
  }

  @Test
  void aSizeNeitherEndpointTakesIsRejectedEvenWithAFirstFrame() {
    RenderRequest request = request("A quiet library", 1920, 1080, PIXEL_PNG, ShotControls.none());

    assertThatThrownBy(() -> COMPILER.compile(request))
        .isInstanceOf(RunwayRequestRejected.class)
        .hasMessageContaining("image_to_video")
        .hasMessageContaining("1920x1080");
  }

  @Test
  void aDurationOutsideTwoToTenSecondsIsRejected() {
    // §5.2: duration int 2-10 (required).
    RenderRequest request =
        new RenderRequest(
            "runway-gen4.5", "gen4.5", "A kite", 1280, 720, 11, 42, null, ShotControls.none());

    assertThatThrownBy(() -> COMPILER.compile(request))
        .isInstanceOf(RunwayRequestRejected.class)
        .hasMessageContaining("11 s");
  }

  @Test
  void verdictsAreReportedEvenForARequestCompileRejects() {
    RenderRequest request =
        request("A quiet library", 960, 960, null, controls(List.of(), null, 24.0, null, true));

    assertThat(COMPILER.verdicts(request))
        .extracting(ControlVerdict::control)
        .containsExactly("frame_rate", "seed");
  }

  @Test
  void aSeedOutsideRunwaysUnsignedRangeIsFoldedIntoItAndSaidSo() {
    RenderRequest request =
        new RenderRequest(
            "runway-gen4.5",
            "gen4.5",
            "A kite",
            1280,
            720,
            5,
            -1,
            null,
            controls(List.of(), null, null, null, true));

    CompiledRequest compiled = COMPILER.compile(request);

    assertThat(compiled.body().get("seed").asLong()).isEqualTo(4_294_967_295L);
    assertThat(compiled.verdicts())
        .singleElement()
        .extracting(ControlVerdict::fidelity)
        .isEqualTo(Fidelity.APPROXIMATED);
  }

  @Test
  void aCutWithoutSpacesNeverSplitsASurrogatePair() {
    String emoji = "\uD83C\uDF0A"; // 🌊, two UTF-16 units
    String text = "a" + emoji.repeat(600);

    String cut = RunwayPromptText.cutAtWord(text, 1000);

    assertThat(cut.length()).isLessThanOrEqualTo(1000);
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
  }

  private static RenderRequest request(
      String prompt, int width, int height, byte @Nullable [] firstFrame, ShotControls controls) {
    return new RenderRequest(
        "runway-gen4.5", "gen4.5", prompt, width, height, 5, 42, firstFrame, controls);
  }

  private static ShotControls controls(
      List<ShotReference> references,
      @Nullable String negativePrompt,
      @Nullable Double framesPerSecond,
      @Nullable CameraIntent camera,
      boolean seedRequested) {
    return new ShotControls(references, negativePrompt, framesPerSecond, camera, seedRequested);
  }

  private static ShotReference reference(
      String mention, String kind, @Nullable String role, String mediaType, byte[] content) {
    return ShotReference.of(mention, kind, role, mediaType, sha256(content), content);
  }

  private static Map<String, Fidelity> fidelities(CompiledRequest compiled) {
    return CompiledGoldens.fidelities(compiled);
  }

  private static CompiledRequest assertGolden(String name, RenderRequest request) {
    CompiledRequest compiled = COMPILER.compile(request);
    CompiledGoldens.assertMatches("runway", name, compiled);
    return compiled;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
