package dev.aivid.providers.seedance;

import dev.aivid.providers.CompiledGoldens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: fixed shots compiled and compared, as JSON trees, to
 * src/test/resources/golden/seedance/*.json ({@code path}, {@code body}, {@code verdicts}). The
 * goldens are the spec of providers.md §3.2 as this adapter reads it; review them by hand.
 */
class SeedanceCompilerTest {
  /** The first bytes of a PNG: enough for the media-type sniffing and a short data URI. */
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
  private static final String MODEL = "dreamina-seedance-2-0-260128";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final SeedanceCompiler BYTEPLUS = new SeedanceCompiler(SeedanceRegion.AP_SOUTHEAST, null);
  private static final SeedanceCompiler VOLCENGINE = new SeedanceCompiler(SeedanceRegion.CN_BEIJING, null);

  @Test
  void aTextOnlyShotOnBytePlusSendsTheDreaminaModelAndEveryBodyField() {
    CompiledRequest compiled = BYTEPLUS.compile(shot("A kite rises over a meadow", null, ShotControls.none()));

    assertGolden("text-only", compiled);
    assertThat(compiled.verdicts()).isEmpty();
  }

  @Test
  void aTextOnlyShotOnVolcengineSendsTheDoubaoModel() {
    CompiledRequest compiled = VOLCENGINE.compile(shot("A kite rises over a meadow", null, ShotControls.none()));

    assertGolden("text-only-cn", compiled);
    assertThat(compiled.body().path("model").asText()).isEqualTo("doubao-seedance-2-0-260128");
  }

  @Test
  void anEndpointIdReplacesTheModelIdInEitherRegion() {
    RenderRequest request = shot("A kite rises over a meadow", null, ShotControls.none());

    assertThat(new SeedanceCompiler(SeedanceRegion.CN_BEIJING, "ep-20260128-abc").compile(request).body().path("model").asText())
        .isEqualTo("ep-20260128-abc");
    assertThat(new SeedanceCompiler(SeedanceRegion.AP_SOUTHEAST, "ep-20260128-abc").compile(request).body().path("model").asText())
        .isEqualTo("ep-20260128-abc");
  }

  @Test
  void theRequestsFirstFrameGoesAsFirstFrameWhenThereAreNoReferences() {
    CompiledRequest compiled = BYTEPLUS.compile(shot("The courier starts to run", PNG, ShotControls.none()));

    assertGolden("first-frame", compiled);
    assertThat(fidelities(compiled)).containsExactly(Map.entry("first_frame", Fidelity.HONOURED));
  }

  @Test
  void imagesWhoseRolesSayFirstAndLastFrameGoAsFirstAndLastFrame() {
    ShotControls controls =
        controls(
            List.of(
                image("@Image2", "as the last frame"),
                image("@Image1", "as the first frame")),
            null, null, null, false);

    CompiledRequest compiled =
        BYTEPLUS.compile(shot("@Image1 as the first frame, the door opens, @Image2 as the last frame", null, controls));

    assertGolden("first-and-last-frame", compiled);
    assertThat(fidelities(compiled))
        .containsExactly(Map.entry("@Image2", Fidelity.HONOURED), Map.entry("@Image1", Fidelity.HONOURED));
  }

  @Test
  void referencesWithRolesSwitchToReferenceModeAndTheFirstFrameIsApproximated() {
    ShotControls controls =
        controls(
            List.of(
                image("@Image1", "for the courier"),
                ShotReference.of("@Style1", "style_reference", "for the watercolour look", "image/jpeg", "s1", JPEG),
                ShotReference.of("@Video1", "video", "for the camera move", "video/mp4", "v1", new byte[] {0, 0, 0, 24}),
                ShotReference.of("@Audio1", "audio", "for the beat", "audio/mpeg", "m1", new byte[] {73, 68, 51}),
                ShotReference.of("@Negative1", "negative_reference", "blurry faces", "image/png", "n1", PNG),
                ShotReference.of("@Depth1", "depth_map", null, "image/png", "d1", PNG),
                ShotReference.of("@Rig1", "skeletal_rig", "for the run cycle", "application/x-bvh", "r1", new byte[] {72})),
            null, null, null, false);

    CompiledRequest compiled =
        BYTEPLUS.compile(
            shot(
                "@Image1 for the courier rides through the city, @Style1 for the watercolour look, @Video1 for the"
                    + " camera move, @Audio1 for the beat",
                PNG,
                controls));

    assertGolden("references", compiled);
    assertThat(fidelities(compiled))
        .containsExactly(
            Map.entry("first_frame", Fidelity.APPROXIMATED),
            Map.entry("@Image1", Fidelity.HONOURED),
            Map.entry("@Style1", Fidelity.APPROXIMATED),
            Map.entry("@Video1", Fidelity.HONOURED),
            Map.entry("@Audio1", Fidelity.HONOURED),
            Map.entry("@Negative1", Fidelity.APPROXIMATED),
            Map.entry("@Depth1", Fidelity.DROPPED),
            Map.entry("@Rig1", Fidelity.DROPPED));
    assertThat(compiled.verdicts().getFirst().detail()).contains("never both");
  }

  @Test
  void aCameraMoveIsWrittenIntoTheTextAndAStaticCameraSetsCameraFixed() {
    CameraIntent push = new CameraIntent("dolly", 1, 0.2, 0, 40);
    CameraIntent locked = new CameraIntent("static", 0, 0, 0, 0);

    CompiledRequest moving = BYTEPLUS.compile(shot("A lighthouse at dusk", null, controls(List.of(), null, null, push, false)));
    CompiledRequest still = BYTEPLUS.compile(shot("A lighthouse at dusk", null, controls(List.of(), null, null, locked, false)));

    assertGolden("camera-move", moving);
    assertThat(fidelities(moving)).containsExactly(Map.entry("camera_path", Fidelity.APPROXIMATED));
    assertThat(still.body().path("camera_fixed").asBoolean()).isTrue();
    assertThat(still.body().path("content").get(0).path("text").asText()).isEqualTo("A lighthouse at dusk");
    assertThat(fidelities(still)).containsExactly(Map.entry("camera_path", Fidelity.HONOURED));
  }

  @Test
  void aNegativePromptIsFoldedIntoTheTextAsAvoid() {
    CompiledRequest compiled =
        BYTEPLUS.compile(shot("A lighthouse at dusk", null, controls(List.of(), "text overlays, lens flare", null, null, false)));

    assertGolden("negative-prompt", compiled);
    assertThat(fidelities(compiled)).containsExactly(Map.entry("negative_prompt", Fidelity.APPROXIMATED));
  }

  @Test
  void aFrameRateOtherThan24IsRenderedAt24AndApproximated() {
    CompiledRequest thirty = BYTEPLUS.compile(shot("A lighthouse at dusk", null, controls(List.of(), null, 30.0, null, false)));
    CompiledRequest film = BYTEPLUS.compile(shot("A lighthouse at dusk", null, controls(List.of(), null, 24.0, null, false)));

    assertGolden("frame-rate", thirty);
    assertThat(fidelities(thirty)).containsExactly(Map.entry("frame_rate", Fidelity.APPROXIMATED));
    assertThat(fidelities(film)).containsExactly(Map.entry("frame_rate", Fidelity.HONOURED));
  }

  @Test
  void aRequestedSeedIsHonouredAndOneBeyond32BitsIsReduced() {
    CompiledRequest compiled =
        BYTEPLUS.compile(shot("A lighthouse at dusk", null, controls(List.of(), null, null, null, true)));
    RenderRequest huge =
        new RenderRequest(
            "seedance-2.0", MODEL, "A lighthouse at dusk", 1280, 720, 5, 4_294_967_296L + 5, null,
            controls(List.of(), null, null, null, true));

    assertGolden("seed", compiled);
    assertThat(fidelities(compiled)).containsExactly(Map.entry("seed", Fidelity.HONOURED));
    assertThat(BYTEPLUS.compile(huge).body().path("seed").asLong()).isEqualTo(5);
    assertThat(fidelities(BYTEPLUS.compile(huge))).containsExactly(Map.entry("seed", Fidelity.APPROXIMATED));
  }

  @Test
  void audioWithoutAnImageOrVideoReferenceIsDropped() {
    ShotControls controls =
        controls(
            List.of(ShotReference.of("@Audio1", "audio", "for the beat", "audio/wav", "m1", new byte[] {82, 73, 70, 70})),
            null, null, null, false);

    CompiledRequest compiled = BYTEPLUS.compile(shot("Dancers on a rooftop @Audio1 for the beat", null, controls));

    assertThat(compiled.body().path("content")).hasSize(1);
    assertThat(fidelities(compiled)).containsExactly(Map.entry("@Audio1", Fidelity.DROPPED));
    assertThat(compiled.verdicts().getFirst().detail()).contains("without an image or video");
  }

  @Test
  void imagesBeyondNineAndVideosBeyondThreeAreDroppedInStackOrder() {
    List<ShotReference> references = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      references.add(image("@Image" + i, null));
    }
    for (int i = 1; i <= 4; i++) {
      references.add(ShotReference.of("@Video" + i, "video", null, "video/mp4", "v" + i, new byte[] {0, 0, 0, 24}));
    }

    CompiledRequest compiled =
        BYTEPLUS.compile(shot("A crowd", PNG, controls(references, null, null, null, false)));

    Map<String, Fidelity> fidelities = fidelities(compiled);
    assertThat(fidelities.get("first_frame")).isEqualTo(Fidelity.APPROXIMATED);
    assertThat(fidelities.get("@Image8")).isEqualTo(Fidelity.HONOURED);
    assertThat(fidelities.get("@Image9")).isEqualTo(Fidelity.DROPPED);
    assertThat(fidelities.get("@Video3")).isEqualTo(Fidelity.HONOURED);
    assertThat(fidelities.get("@Video4")).isEqualTo(Fidelity.DROPPED);
    assertThat(compiled.body().path("content")).hasSize(1 + 9 + 3);
  }

  @Test
  void aLastFrameWithoutAFirstFrameGoesAsAReferenceImage() {
    CompiledRequest compiled =
        BYTEPLUS.compile(
            shot("The door closes @Image1 as the end frame", null,
                controls(List.of(image("@Image1", "as the end frame")), null, null, null, false)));

    assertThat(compiled.body().path("content").get(1).path("role").asText()).isEqualTo("reference_image");
    assertThat(fidelities(compiled)).containsExactly(Map.entry("@Image1", Fidelity.APPROXIMATED));
  }

  @Test
  void sizesMapToTheNearestRatioAndTheResolutionByPixelCount() {
    assertThat(SeedanceFrame.of(864, 496)).isEqualTo(new SeedanceFrame("16:9", "480p"));
    assertThat(SeedanceFrame.of(1112, 834)).isEqualTo(new SeedanceFrame("4:3", "720p"));
    assertThat(SeedanceFrame.of(1470, 630)).isEqualTo(new SeedanceFrame("21:9", "720p"));
    assertThat(SeedanceFrame.of(1080, 1920)).isEqualTo(new SeedanceFrame("9:16", "1080p"));
    assertThat(SeedanceFrame.of(1440, 1440)).isEqualTo(new SeedanceFrame("1:1", "1080p"));
    assertThat(SeedanceFrame.of(560, 752)).isEqualTo(new SeedanceFrame("3:4", "480p"));
  }

  @Test
  void modelIdsAreTranslatedBetweenRegions() {
    assertThat(SeedanceRegion.CN_BEIJING.modelId(MODEL)).isEqualTo("doubao-seedance-2-0-260128");
    assertThat(SeedanceRegion.AP_SOUTHEAST.modelId("doubao-seedance-2-0-260128")).isEqualTo(MODEL);
    assertThat(SeedanceRegion.AP_SOUTHEAST.modelId(MODEL)).isEqualTo(MODEL);
    assertThat(SeedanceRegion.CN_BEIJING.modelId("seedance-1-5-pro-251215")).isEqualTo("doubao-seedance-1-5-pro-251215");
    assertThat(SeedanceRegion.AP_SOUTHEAST.modelId("doubao-seedance-1-5-pro-251215")).isEqualTo("seedance-1-5-pro-251215");
  }

  // §3.2: callback_url only when AIVid has a public URL (AIVID_PUBLIC_BASE_URL) and so put one in
  // the request.
  @Test
  void theCallbackUrlIsSentOnlyWhenTheRequestCarriesOne() {
    RenderRequest plain = shot("A kite rises over a meadow", null, ShotControls.none());
    URI url = URI.create("https://aivid.example.com/v1/provider-callbacks/seedance/video_0123.c2lnbmF0dXJl");

    CompiledRequest called = BYTEPLUS.compile(plain.withCallbackUrl(url));

    assertGolden("text-only-with-callback", called);
    assertThat(BYTEPLUS.compile(plain).body().has("callback_url")).isFalse();
  }

  private static RenderRequest shot(String prompt, byte @Nullable [] firstFrame, ShotControls controls) {
    return new RenderRequest("seedance-2.0", MODEL, prompt, 1280, 720, 5, 42, firstFrame, controls);
  }

  private static ShotControls controls(
      List<ShotReference> references,
      @Nullable String negativePrompt,
      @Nullable Double framesPerSecond,
      @Nullable CameraIntent camera,
      boolean seedRequested) {
    return new ShotControls(references, negativePrompt, framesPerSecond, camera, seedRequested);
  }

  private static ShotReference image(String mention, @Nullable String role) {
    return ShotReference.of(mention, "image", role, "image/png", "sha-" + mention, PNG);
  }

  private static Map<String, Fidelity> fidelities(CompiledRequest compiled) {
    return CompiledGoldens.fidelities(compiled);
  }

  private static void assertGolden(String name, CompiledRequest compiled) {
    CompiledGoldens.assertMatches("seedance", name, compiled);
  }
}
