package dev.aivid.providers.veo;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: each shot compiled for one backend and compared, as a JSON tree, to
 * golden/veo/*.json (path, body and verdicts). The goldens are the spec, reviewed by hand against
 * providers.md §4.3 (python-genai's wire mapping) and the catalog's veo-3.1 capabilities. Run with
 * {@code -Dveo.goldens.write=true} to rewrite them after a deliberate change, then review the diff.
 */
class VeoCompilerTest {
  /** A 1x1 PNG: Veo takes PNG or JPEG as {bytesBase64Encoded, mimeType}. */
  static final byte[] PNG =
      Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
  private static final String MODEL = "veo-3.1-generate-001";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final VeoCompiler GEMINI = new VeoCompiler(new VeoBackend.GeminiApi());
  private static final VeoCompiler VERTEX_WITH_STORAGE =
      new VeoCompiler(new VeoBackend.VertexAi("aivid-test", "us-central1", "gs://aivid-renders/veo"));
  private static final VeoCompiler VERTEX_INLINE = new VeoCompiler(new VeoBackend.VertexAi("aivid-test", "us-central1", null));

  // providers.md §4.3: prompt in instances[0]; aspectRatio, resolution, durationSeconds, sampleCount in parameters.
  // §4.3: AIVid sends no webhookConfig (its posted body and signing are UNVERIFIED), so a callback URL
  // in the request changes nothing in the body on either backend.
  @Test
  void aCallbackUrlNeverReachesTheBody() {
    RenderRequest plain = request("A lighthouse on a cliff at dusk, waves crashing", 1280, 720, 8, 7, null, ShotControls.none());
    URI url = URI.create("https://aivid.example.com/v1/provider-callbacks/veo/video_0123.c2lnbmF0dXJl");

    assertThat(GEMINI.compile(plain.withCallbackUrl(url)).body()).isEqualTo(GEMINI.compile(plain).body());
    assertThat(VERTEX_INLINE.compile(plain.withCallbackUrl(url)).body()).isEqualTo(VERTEX_INLINE.compile(plain).body());
  }

  @Test
  void aTextOnlyShotIsAPromptAndTheFourSizeParameters() throws IOException {
    CompiledRequest compiled = GEMINI.compile(request("A lighthouse on a cliff at dusk, waves crashing", 1280, 720, 8, 7, null, ShotControls.none()));

    assertGolden("gemini-text-only", compiled);
    assertThat(compiled.verdicts()).isEmpty();
  }

  // §4.3: image and lastFrame are {bytesBase64Encoded, mimeType}; reference_images are "not supported alongside" a
  // frame, so with the request's exact first frame the character image is dropped (AIVid's rule, docs/providers/veo.md).
  @Test
  void theRequestsFirstFrameWinsOverReferenceImagesAndAnImageNamedLastFrameBecomesTheLastFrame() throws IOException {
    ShotControls controls =
        controls(
            List.of(
                image("@Image1", "as the opening shot", sha256(PNG)),
                image("@Image2", "as the last frame", "sha-image-2"),
                image("@Image3", "for the character", "sha-image-3")),
            null, null, null, false);

    CompiledRequest compiled = GEMINI.compile(request("She turns towards the window", 1080, 1920, 6, 7, PNG, controls));

    assertGolden("gemini-first-frame", compiled);
    assertThat(fidelities(compiled))
        .containsExactly(
            Map.entry("@Image1", Fidelity.HONOURED),
            Map.entry("@Image2", Fidelity.HONOURED),
            Map.entry("@Image3", Fidelity.DROPPED));
  }

  // §4.3: referenceImages [{image, referenceType ASSET|STYLE}], at most 3 for Veo 3.1; the catalog: images whose role
  // names a character or object are ASSET references, style is approximated, negative goes to negativePrompt, video,
  // audio and masks are dropped, palettes are written into the prompt.
  @Test
  void characterAndObjectImagesBecomeAssetReferencesAndTheOtherKindsAreFoldedOrDropped() throws IOException {
    ShotControls controls =
        controls(
            List.of(
                image("@Image1", "for the character", "sha-image-1"),
                image("@Image2", "for the product", "sha-image-2"),
                image("@Image3", null, "sha-image-3"),
                image("@Image4", "for another character", "sha-image-4"),
                reference("@Style1", "style_reference", "watercolour wash", "image/png", PNG),
                reference("@Negative1", "negative_reference", "blurry faces", "image/png", PNG),
                reference("@Video1", "video", "for motion", "video/mp4", new byte[] {0, 0, 0, 24}),
                reference("@Audio1", "audio", null, "audio/wav", new byte[] {'R', 'I', 'F', 'F'}),
                reference("@Palette1", "color_palette", null, "application/json",
                    "[\"#1a2b3c\", \"#ffcc00\", \"#f5f5dc\"]".getBytes(StandardCharsets.UTF_8)),
                reference("@Mask1", "regional_mask", "the sky", "image/png", PNG)),
            "blurry faces", null, null, false);

    CompiledRequest compiled =
        GEMINI.compile(request("@Image1 hands @Image2 to a stranger in a rainy market", 1280, 720, 8, 7, null, controls));

    assertGolden("gemini-references", compiled);
    assertThat(fidelities(compiled))
        .containsExactly(
            Map.entry("@Image1", Fidelity.HONOURED),
            Map.entry("@Image2", Fidelity.HONOURED),
            Map.entry("@Image3", Fidelity.DROPPED),
            Map.entry("@Image4", Fidelity.HONOURED),
            Map.entry("@Style1", Fidelity.APPROXIMATED),
            Map.entry("@Negative1", Fidelity.APPROXIMATED),
            Map.entry("@Video1", Fidelity.DROPPED),
            Map.entry("@Audio1", Fidelity.DROPPED),
            Map.entry("@Palette1", Fidelity.APPROXIMATED),
            Map.entry("@Mask1", Fidelity.DROPPED),
            Map.entry("negative_prompt", Fidelity.HONOURED));
  }

  // §4.3: "Veo 2 supports up to 3 asset images or 1 style image": a lone style image goes as referenceType STYLE,
  // approximated because it is documented for Veo 2 only (catalog style_reference).
  @Test
  void aLoneStyleImageIsSentAsAStyleReference() throws IOException {
    ShotControls controls =
        controls(List.of(reference("@Style1", "style_reference", "film noir lighting", "image/png", PNG)), null, null, null, false);

    CompiledRequest compiled = GEMINI.compile(request("A detective walks down an alley", 1280, 720, 4, 7, null, controls));

    assertGolden("gemini-style-only", compiled);
    assertThat(fidelities(compiled)).containsExactly(Map.entry("@Style1", Fidelity.APPROXIMATED));
  }

  // Catalog camera_path: "the path's dominant move written into the prompt"; §4.3 parameters.negativePrompt.
  @Test
  void theCameraMoveIsWrittenIntoThePromptAndTheNegativePromptIsAParameter() throws IOException {
    ShotControls controls =
        controls(
            List.of(reference("@Camera1", "camera_path", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8))),
            "text overlays, watermarks",
            null,
            new CameraIntent("dolly", 1, 0.2, 0, 120),
            false);

    CompiledRequest compiled = GEMINI.compile(request("A quiet library at night", 1280, 720, 8, 7, null, controls));

    assertGolden("gemini-camera-negative", compiled);
    assertThat(fidelities(compiled))
        .containsExactly(
            Map.entry("@Camera1", Fidelity.APPROXIMATED),
            Map.entry("camera_path", Fidelity.APPROXIMATED),
            Map.entry("negative_prompt", Fidelity.HONOURED));
    assertThat(compiled.body().at("/instances/0/prompt").asText()).endsWith("Camera: slow push in.");
  }

  // §4.3 table: seed and fps are ✗ on the Gemini API (python-genai raises), so they are dropped, never sent.
  @Test
  void theGeminiApiDropsFpsAndSeedWithTheReason() throws IOException {
    ShotControls controls = controls(List.of(), null, 30.0, null, true);

    CompiledRequest compiled = GEMINI.compile(request("A hummingbird at a feeder", 1280, 720, 4, 123456, null, controls));

    assertGolden("gemini-fps-seed", compiled);
    assertThat(fidelities(compiled))
        .containsExactly(Map.entry("frame_rate", Fidelity.DROPPED), Map.entry("seed", Fidelity.DROPPED));
    assertThat(compiled.body().path("parameters").has("seed")).isFalse();
    assertThat(compiled.body().path("parameters").has("fps")).isFalse();
  }

  // §4.2-4.3: Vertex takes seed (uint32), fps, generateAudio and storageUri; the path names project and location.
  @Test
  void vertexHonoursFpsAndSeedAndWritesResultsToTheStorageUri() throws IOException {
    ShotControls controls = controls(List.of(), null, 24.0, null, true);

    CompiledRequest compiled = VERTEX_WITH_STORAGE.compile(request("A hummingbird at a feeder", 1280, 720, 8, 123456, null, controls));

    assertGolden("vertex-fps-seed", compiled);
    assertThat(fidelities(compiled))
        .containsExactly(Map.entry("frame_rate", Fidelity.HONOURED), Map.entry("seed", Fidelity.HONOURED));
  }

  // §4.3: seed is a uint32 and fps a whole number on Vertex; larger seeds and fractional rates are approximated. A mask
  // edits an input video on Vertex, and AIVid sends none, so it is dropped.
  @Test
  void vertexReducesALargeSeedAndRoundsAFractionalFrameRate() throws IOException {
    ShotControls controls =
        controls(List.of(reference("@Mask1", "regional_mask", "the sky", "image/png", PNG)), null, 29.97, null, true);

    CompiledRequest compiled =
        VERTEX_INLINE.compile(request("Fireworks over a harbour", 1920, 1080, 6, (1L << 40) + 5, null, controls));

    assertGolden("vertex-large-seed-fractional-fps", compiled);
    assertThat(fidelities(compiled))
        .containsExactly(
            Map.entry("@Mask1", Fidelity.DROPPED),
            Map.entry("frame_rate", Fidelity.APPROXIMATED),
            Map.entry("seed", Fidelity.APPROXIMATED));
    assertThat(compiled.body().at("/parameters/seed").asLong()).isEqualTo(5);
  }

  // Frames and references exclude each other (§4.3); on Vertex as on Gemini the request's first frame is kept and a
  // style image falls back to its role text in the prompt.
  @Test
  void vertexKeepsTheFirstFrameAndFoldsTheStyleIntoThePrompt() throws IOException {
    ShotControls controls =
        controls(
            List.of(
                image("@Image1", "for the main character", "sha-image-1"),
                reference("@Style1", "style_reference", "pastel anime", "image/png", PNG)),
            null, null, null, false);

    CompiledRequest compiled = VERTEX_INLINE.compile(request("@Image1 waves from a train", 720, 1280, 4, 99, PNG, controls));

    assertGolden("vertex-first-frame-with-references", compiled);
    assertThat(fidelities(compiled))
        .containsExactly(Map.entry("@Image1", Fidelity.DROPPED), Map.entry("@Style1", Fidelity.APPROXIMATED));
  }

  // Frames without a character role: the first image is the first frame; a last frame needs a first frame (AIVid's rule).
  @Test
  void anImageWithoutARoleIsTheFirstFrame() {
    ShotControls controls = controls(List.of(image("@Image1", null, "sha-image-1")), null, null, null, false);

    CompiledRequest compiled = GEMINI.compile(request("A paper boat drifts", 1280, 720, 8, 7, null, controls));

    assertThat(compiled.body().at("/instances/0/image/mimeType").asText()).isEqualTo("image/png");
    assertThat(compiled.body().at("/instances/0").has("referenceImages")).isFalse();
    assertThat(fidelities(compiled)).containsExactly(Map.entry("@Image1", Fidelity.HONOURED));
  }

  // §4.3: no frame alongside reference images, so beside a character image an untitled image goes as an ASSET too.
  @Test
  void anUntitledImageBesideACharacterImageIsSentAsAnAssetReference() {
    ShotControls controls =
        controls(
            List.of(image("@Image1", null, "sha-image-1"), image("@Image2", "for the character", "sha-image-2")),
            null, null, null, false);

    CompiledRequest compiled = GEMINI.compile(request("@Image2 walks through @Image1", 1280, 720, 8, 7, null, controls));

    assertThat(compiled.body().at("/instances/0").has("image")).isFalse();
    assertThat(compiled.body().at("/instances/0/referenceImages")).hasSize(2);
    assertThat(fidelities(compiled))
        .containsExactly(Map.entry("@Image1", Fidelity.APPROXIMATED), Map.entry("@Image2", Fidelity.HONOURED));
  }

  @Test
  void aLastFrameWithoutAFirstFrameIsDropped() {
    ShotControls controls = controls(List.of(image("@Image1", "as the final frame", "sha-image-1")), null, null, null, false);

    CompiledRequest compiled = GEMINI.compile(request("A paper boat drifts", 1280, 720, 8, 7, null, controls));

    assertThat(compiled.body().at("/instances/0").has("lastFrame")).isFalse();
    assertThat(compiled.verdicts()).singleElement().satisfies(verdict -> {
      assertThat(verdict.fidelity()).isEqualTo(Fidelity.DROPPED);
      assertThat(verdict.detail()).contains("no first frame");
    });
  }

  static RenderRequest request(String prompt, int width, int height, int seconds, long seed, byte @Nullable [] firstFrame, ShotControls controls) {
    return new RenderRequest("veo-3.1", MODEL, prompt, width, height, seconds, seed, firstFrame, controls);
  }

  private static ShotControls controls(
      List<ShotReference> references, @Nullable String negative, @Nullable Double fps, @Nullable CameraIntent camera, boolean seed) {
    return new ShotControls(references, negative, fps, camera, seed);
  }

  private static ShotReference image(String mention, @Nullable String role, String sha256) {
    return ShotReference.of(mention, "image", role, "image/png", sha256, PNG);
  }

  private static ShotReference reference(String mention, String kind, @Nullable String role, String mediaType, byte[] content) {
    return ShotReference.of(mention, kind, role, mediaType, "sha-" + mention.substring(1).toLowerCase(), content);
  }

  private static Map<String, Fidelity> fidelities(CompiledRequest compiled) {
    return CompiledGoldens.fidelities(compiled);
  }

  private static void assertGolden(String name, CompiledRequest compiled) throws IOException {
    CompiledGoldens.assertMatches("veo", name, compiled);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
