package dev.aivid.providers.kling;

import dev.aivid.providers.CompiledGoldens;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: fixed shots compiled into both Kling dialects and compared, as JSON trees, with
 * src/test/resources/golden/kling/*.json (path, body and verdicts). The goldens are the spec:
 * review them by hand. Run with -Dgolden.update=true to rewrite them after a deliberate change.
 */
class KlingCompilerTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final KlingCompiler LEGACY = new KlingCompiler(KlingApi.LEGACY);
  private static final KlingCompiler PATH_MODEL = new KlingCompiler(KlingApi.PATH_MODEL);
  private static final String PROMPT = "A lighthouse at dusk, waves breaking on the rocks";

  // providers.md §2.2: text2video with model_name, a string duration, std mode at 720p.
  @Test
  void aTextOnlyShotIsText2VideoInStandardMode() {
    CompiledRequest compiled = LEGACY.compile(shot(1280, 720, 5, ShotControls.none(), null));

    assertGolden("legacy-text-only", compiled);
    assertThat(compiled.verdicts()).isEmpty();
  }

  // §2.2: image2video takes the first frame as raw base64 in `image`; pro mode for 1080p.
  @Test
  void aFirstFrameMakesImage2VideoInProModeAt1080p() {
    CompiledRequest compiled =
        LEGACY.compile(shot(1920, 1080, 10, ShotControls.none(), png("first-frame")));

    assertGolden("legacy-first-frame", compiled);
    assertThat(compiled.body().get("image").asText()).doesNotStartWith("data:");
  }

  // §2.2: several reference images go to multi-image2video's image_list; catalog kling-v3 inputs
  // say how video, audio, style and negative references are treated.
  @Test
  void referenceImagesWithRolesGoToMultiImage2Video() {
    ShotControls controls =
        new ShotControls(
            List.of(
                reference("@Image1", "image", "for character", "image/png", png("character")),
                reference("@Image2", "image", "for the last frame", "image/png", png("last")),
                reference(
                    "@Style1", "style_reference", "for the look", "image/jpeg", jpeg("style")),
                reference("@Video1", "video", "for camera motion", "video/mp4", bytes("video")),
                reference("@Audio1", "audio", "for the beat", "audio/mpeg", bytes("audio")),
                reference(
                    "@Negative1",
                    "negative_reference",
                    "blurry hands",
                    "image/png",
                    png("negative"))),
            "blurry hands",
            null,
            null,
            false);

    CompiledRequest compiled = LEGACY.compile(shot(1280, 720, 5, controls, null));

    assertGolden("legacy-references-with-roles", compiled);
    assertThat(fidelities(compiled))
        .containsExactly(
            Map.entry("@Image1", Fidelity.HONOURED),
            Map.entry("@Image2", Fidelity.APPROXIMATED),
            Map.entry("@Style1", Fidelity.APPROXIMATED),
            Map.entry("@Video1", Fidelity.DROPPED),
            Map.entry("@Audio1", Fidelity.DROPPED),
            Map.entry("@Negative1", Fidelity.APPROXIMATED),
            Map.entry("negative_prompt", Fidelity.HONOURED));
  }

  // §2.2: image and image_tail; image_tail and camera_control are mutually exclusive, so the
  // camera move goes into the prompt; only one first frame slot, no reference images beside it.
  @Test
  void firstAndLastFrameRolesFillImageAndImageTailAndPushTheCameraIntoThePrompt() {
    ShotControls controls =
        new ShotControls(
            List.of(
                reference("@Image1", "image", "as the first frame", "image/png", png("first")),
                reference("@Image2", "image", "as the end frame", "image/png", png("last")),
                reference("@Image3", "image", "for character", "image/png", png("character"))),
            null,
            null,
            camera("pan", 1, 0.4),
            false);

    CompiledRequest compiled = LEGACY.compile(shot(1280, 720, 5, controls, null));

    assertGolden("legacy-first-and-last-frame", compiled);
    assertThat(compiled.body().has("camera_control")).isFalse();
    assertThat(fidelities(compiled))
        .containsExactly(
            Map.entry("@Image1", Fidelity.HONOURED),
            Map.entry("@Image2", Fidelity.HONOURED),
            Map.entry("@Image3", Fidelity.DROPPED),
            Map.entry("camera_path", Fidelity.APPROXIMATED));
  }

  // §2.3: type simple, exactly one non-zero axis; pan + = right in both conventions.
  @Test
  void aPanRightBecomesAPositivePanAxis() {
    CompiledRequest compiled =
        LEGACY.compile(shot(1280, 720, 5, cameraOnly(camera("pan", 1, 0.4)), null));

    assertGolden("legacy-camera-pan-right", compiled);
    assertThat(compiled.body().at("/camera_control/config/pan").asInt()).isEqualTo(4);
  }

  // §2.3: Kling's zoom − is a narrower field of view; AIVid's zoom + is narrower (closer).
  @Test
  void aZoomInBecomesANegativeKlingZoom() {
    CompiledRequest compiled =
        LEGACY.compile(shot(1280, 720, 5, cameraOnly(camera("zoom", 1, 0.25)), null));

    assertGolden("legacy-camera-zoom-in", compiled);
    assertThat(compiled.body().at("/camera_control/config/zoom").asInt()).isEqualTo(-3);
  }

  // §2.3 has no axis along the view direction: a pull out is approximated by a wider zoom.
  @Test
  void aDollyIsApproximatedByZoom() {
    CompiledRequest compiled =
        LEGACY.compile(shot(1280, 720, 5, cameraOnly(camera("dolly", -1, 0.8)), null));

    assertGolden("legacy-camera-dolly-out", compiled);
    assertThat(compiled.body().at("/camera_control/config/zoom").asInt()).isEqualTo(8);
  }

  // §2.3 has no orbit: an orbit right turns the camera left to keep the subject, a negative pan.
  @Test
  void anOrbitIsApproximatedByPanningTheOtherWay() {
    CompiledRequest compiled =
        LEGACY.compile(shot(1280, 720, 5, cameraOnly(camera("orbit", 1, 1.0)), null));

    assertThat(compiled.body().at("/camera_control/config/pan").asInt()).isEqualTo(-10);
    assertThat(compiled.verdicts())
        .singleElement()
        .satisfies(verdict -> assertThat(verdict.detail()).contains("pan stands in"));
  }

  // §2.3: a truck, pedestal, tilt or roll keeps its sign; the weakest move is still ±1.
  @Test
  void translationsAndRotationsMapToTheirOwnAxisWithTheirSign() {
    assertThat(axis("truck", -1, 0.0)).isEqualTo(Map.entry("horizontal", -1));
    assertThat(axis("pedestal", 1, 0.55)).isEqualTo(Map.entry("vertical", 6));
    assertThat(axis("tilt", -1, 0.3)).isEqualTo(Map.entry("tilt", -3));
    assertThat(axis("roll", 1, 0.9)).isEqualTo(Map.entry("roll", 9));
  }

  // Brief: a static camera sends no camera_control and says "static camera" in the prompt.
  @Test
  void aStaticCameraSendsNoCameraControlAndSaysSoInThePrompt() {
    CompiledRequest compiled =
        LEGACY.compile(shot(720, 720, 4, cameraOnly(camera("static", 0, 0)), null));

    assertGolden("legacy-camera-static", compiled);
    assertThat(compiled.body().get("prompt").asText()).contains("static camera");
  }

  // §2.2: negative_prompt ≤ 2500 characters.
  @Test
  void aNegativePromptIsSentAsNegativePrompt() {
    ShotControls controls =
        new ShotControls(List.of(), "text, watermark, extra fingers", null, null, false);

    CompiledRequest compiled = LEGACY.compile(shot(720, 1280, 8, controls, null));

    assertGolden("legacy-negative-prompt", compiled);
  }

  // Catalog kling-v3: frame_rate approximated (retimed), seed dropped (no seed parameter).
  @Test
  void aFrameRateIsRetimedAndASeedIsDropped() {
    ShotControls controls = new ShotControls(List.of(), null, 30.0, null, true);

    CompiledRequest compiled = LEGACY.compile(shot(1280, 720, 5, controls, null));

    assertGolden("legacy-fps-and-seed", compiled);
    assertThat(compiled.body())
        .isEqualTo(LEGACY.compile(shot(1280, 720, 5, ShotControls.none(), null)).body());
  }

  // §2.2 static_mask (image2video only, not with camera_control); catalog: palette colours in the
  // prompt; a camera move beside a mask goes into the prompt.
  @Test
  void aMaskBesideAFirstFrameIsAStaticMaskAndAPaletteIsWrittenIntoThePrompt() {
    ShotControls controls =
        new ShotControls(
            List.of(
                reference(
                    "@Mask1", "regional_mask", "keep the sky still", "image/png", png("mask")),
                reference(
                    "@Palette1",
                    "color_palette",
                    null,
                    "application/json",
                    bytes("[\"#112233\", \"#AABBCC\", \"#fff\"]")),
                reference("@Depth1", "depth_map", null, "image/png", png("depth"))),
            null,
            null,
            camera("tilt", 1, 0.5),
            false);

    CompiledRequest compiled = LEGACY.compile(shot(1280, 720, 5, controls, png("first-frame")));

    assertGolden("legacy-mask-and-palette", compiled);
  }

  // §2.2 video-extend: video_id, prompt, negative_prompt only.
  @Test
  void anExtensionSendsTheVideoIdPromptAndNegativePromptOnly() {
    ShotControls controls =
        new ShotControls(
            List.of(reference("@Image1", "image", "for character", "image/png", png("character"))),
            "blur",
            null,
            camera("pan", -1, 0.2),
            true);

    CompiledRequest compiled =
        LEGACY.compileExtend("c4d7f0a2-video", shot(1280, 720, 5, controls, null));

    assertGolden("legacy-extend", compiled);
  }

  // §2.5: the API-key API has no camera_control and no negative_prompt: both go into the prompt.
  @Test
  void theApiKeyApiFoldsCameraAndNegativePromptIntoThePrompt() {
    ShotControls controls =
        new ShotControls(List.of(), "text, watermark", 24.0, camera("pan", 1, 0.7), true);

    CompiledRequest compiled = PATH_MODEL.compile(shot(1920, 1080, 12, controls, null));

    assertGolden("path-model-text", compiled);
    assertThat(compiled.path()).isEqualTo("/text-to-video/kling-3.0");
  }

  // §2.5 [3P]: image-to-video contents: prompt, first_frame, last_frame; no reference images.
  @Test
  void theApiKeyApiSendsFramesAsContents() {
    ShotControls controls =
        new ShotControls(
            List.of(
                reference("@Image1", "image", "for the last frame", "image/png", png("last")),
                reference("@Image2", "image", "for character", "image/png", png("character")),
                reference("@Mask1", "regional_mask", null, "image/png", png("mask"))),
            null,
            null,
            null,
            false);

    CompiledRequest compiled =
        PATH_MODEL.compile(shot(1080, 1920, 6, controls, png("first-frame")));

    assertGolden("path-model-first-frame", compiled);
  }

  // Brief: the catalog id kling-v3 is model_name kling-v3 and path kling-3.0.
  @Test
  void legacyModelIdsMapToPathModelNames() {
    assertThat(KlingCompiler.pathModelName("kling-v3")).isEqualTo("kling-3.0");
    assertThat(KlingCompiler.pathModelName("kling-v2-6")).isEqualTo("kling-2.6");
    assertThat(KlingCompiler.pathModelName("kling-v2-5-turbo")).isEqualTo("kling-2.5-turbo");
    assertThat(KlingCompiler.pathModelName("kling-3.0-turbo")).isEqualTo("kling-3.0-turbo");
  }

  // §2.2: prompt ≤ 2500 characters; the shot's own text is cut, the folded camera words stay.
  @Test
  void aLongPromptIsCutToKlingsLimitKeepingTheFoldedControls() {
    String longPrompt = "wave ".repeat(700);
    ShotControls controls = new ShotControls(List.of(), null, null, camera("pan", 1, 0.4), false);

    CompiledRequest compiled = PATH_MODEL.compile(shot(1280, 720, 5, longPrompt, controls, null));

    String prompt = compiled.body().get("prompt").asText();
    assertThat(prompt.codePointCount(0, prompt.length())).isLessThanOrEqualTo(2500);
    assertThat(prompt).endsWith("Camera: steady pan right.");
    assertThat(compiled.verdicts()).extracting(ControlVerdict::control).contains("prompt");
  }

  // Catalog kling-v3 and §2.2 [3P]: a reference Kling cannot read is reported, never lost.
  @Test
  void anUnreadableWebpReferenceIsDroppedWithTheReason() {
    byte[] brokenWebp = "RIFF\0\0\0\0WEBPVP8 broken".getBytes(StandardCharsets.ISO_8859_1);
    ShotControls controls =
        new ShotControls(
            List.of(reference("@Image1", "image", "for character", "image/webp", brokenWebp)),
            null,
            null,
            null,
            false);

    CompiledRequest compiled = LEGACY.compile(shot(1280, 720, 5, controls, null));

    assertThat(compiled.path()).isEqualTo("/v1/videos/text2video");
    assertThat(compiled.verdicts())
        .singleElement()
        .satisfies(
            verdict -> {
              assertThat(verdict.fidelity()).isEqualTo(Fidelity.DROPPED);
              assertThat(verdict.detail()).startsWith("unreadable image");
            });
  }

  // §2.2 / §2.5 and the callback protocol (§2.4): callback_url only when AIVid has a public URL
  // (AIVID_PUBLIC_BASE_URL) and so put one in the request; top level on the legacy API and on
  // video-extend, under options on the path-model API.
  @Test
  void theCallbackUrlIsSentOnlyWhenTheRequestCarriesOne() {
    RenderRequest plain = shot(1280, 720, 5, ShotControls.none(), null);
    URI url = URI.create("https://aivid.example.com/v1/provider-callbacks/kling/video_0123.c2lnbmF0dXJl");

    CompiledRequest legacy = LEGACY.compile(plain.withCallbackUrl(url));
    CompiledRequest pathModel = PATH_MODEL.compile(plain.withCallbackUrl(url));

    assertGolden("legacy-text-with-callback", legacy);
    assertGolden("path-model-text-with-callback", pathModel);
    assertThat(LEGACY.compile(plain).body().has("callback_url")).isFalse();
    assertThat(PATH_MODEL.compile(plain).body().has("options")).isFalse();
    assertThat(LEGACY.compileExtend("video-1", plain.withCallbackUrl(url)).body().path("callback_url").asText())
        .isEqualTo(url.toString());
    assertThat(LEGACY.compileExtend("video-1", plain).body().has("callback_url")).isFalse();
  }

  private static Map.Entry<String, Integer> axis(String move, int direction, double strength) {
    JsonNode config =
        LEGACY
            .compile(shot(1280, 720, 5, cameraOnly(camera(move, direction, strength)), null))
            .body()
            .at("/camera_control/config");
    List<Map.Entry<String, Integer>> nonZero = new ArrayList<>();
    config
        .fields()
        .forEachRemaining(
            field -> {
              if (field.getValue().asInt() != 0) {
                nonZero.add(Map.entry(field.getKey(), field.getValue().asInt()));
              }
            });
    assertThat(nonZero).hasSize(1);
    assertThat(config.size()).isEqualTo(6);
    return nonZero.get(0);
  }

  static RenderRequest shot(
      int width, int height, int seconds, ShotControls controls, byte @Nullable [] firstFrame) {
    return shot(width, height, seconds, PROMPT, controls, firstFrame);
  }

  static RenderRequest shot(
      int width,
      int height,
      int seconds,
      String prompt,
      ShotControls controls,
      byte @Nullable [] firstFrame) {
    return new RenderRequest(
        "kling-v3", "kling-v3", prompt, width, height, seconds, 42, firstFrame, controls);
  }

  private static ShotControls cameraOnly(CameraIntent camera) {
    return new ShotControls(List.of(), null, null, camera, false);
  }

  static CameraIntent camera(String move, int direction, double strength) {
    return new CameraIntent(move, direction, strength, 0, 0);
  }

  static ShotReference reference(
      String mention, String kind, @Nullable String role, String mediaType, byte[] content) {
    return ShotReference.of(
        mention, kind, role, mediaType, "sha256-" + mention.substring(1).toLowerCase(), content);
  }

  /** Not a decodable image: the compiler only sniffs the signature, so goldens stay short. */
  static byte[] png(String label) {
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    byte[] text = label.getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(signature, signature.length + text.length);
    System.arraycopy(text, 0, all, signature.length, text.length);
    return all;
  }

  private static byte[] jpeg(String label) {
    byte[] text = label.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[3 + text.length];
    all[0] = (byte) 0xFF;
    all[1] = (byte) 0xD8;
    all[2] = (byte) 0xFF;
    System.arraycopy(text, 0, all, 3, text.length);
    return all;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, Fidelity> fidelities(CompiledRequest compiled) {
    return CompiledGoldens.fidelities(compiled);
  }

  private static void assertGolden(String name, CompiledRequest compiled) {
    CompiledGoldens.assertMatches("kling", name, compiled);
  }

  private static void write(Path file, JsonNode tree) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(tree) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
