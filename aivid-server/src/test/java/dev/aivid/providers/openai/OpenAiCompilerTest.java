package dev.aivid.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.providers.CameraIntent;
import dev.aivid.providers.CompiledRequest;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.ShotReference;
import dev.aivid.support.TestImages;
import java.net.URI;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: fixed shots compiled and compared, as JSON trees, to
 * src/test/resources/golden/openai/*.json (path, body and verdicts). The data URI of a sent image
 * is replaced by a placeholder naming it; its bytes are checked separately. A mismatch writes the
 * actual tree to target/golden-actual/openai/ for review.
 */
class OpenAiCompilerTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String PROMPT =
      "A red kite swoops over a misty park at golden hour, the camera tracks it from below. A girl"
          + " in a yellow raincoat watches";
  private final OpenAiCompiler compiler = new OpenAiCompiler(JSON);

  private static RenderRequest request(String prompt, byte[] firstFrame, ShotControls controls) {
    return new RenderRequest(
        "openai-compatible", "local/previz", prompt, 1280, 720, 8, 7, firstFrame, controls);
  }

  private static ShotReference reference(
      String mention, String kind, String role, String mediaType, byte[] bytes) {
    return ShotReference.of(mention, kind, role, mediaType, sha256(bytes), bytes);
  }

  // §1.2, §1.4: the Videos API has no per-request callback field (webhooks are set per project), so a
  // callback URL in the request changes nothing in the body.
  @Test
  void aCallbackUrlNeverReachesTheBodyBecauseOpenAiHasNoSuchField() {
    RenderRequest plain = request(PROMPT, null, ShotControls.none());
    URI url = URI.create("https://aivid.example.com/v1/provider-callbacks/openai/video_0123.c2lnbmF0dXJl");

    CompiledRequest called = compiler.compile(plain.withCallbackUrl(url));

    assertThat(called.body()).isEqualTo(compiler.compile(plain).body());
  }

  @Test
  void aTextOnlyShotGetsTheSpatioTemporalHeaderAndKeepsThePrompt() {
    CompiledRequest compiled = compiler.compile(request(PROMPT, null, ShotControls.none()));

    assertGolden("text_only", compiled, null);
    assertThat(compiled.verdicts()).isEmpty();
  }

  @Test
  void aFirstFrameOfTheRequestedSizeIsTheInputReferenceAndASecondImageIsDropped() {
    byte[] first = TestImages.png(1280, 720, Color.ORANGE);
    byte[] second = TestImages.jpeg(1280, 720, Color.GREEN);
    ShotControls controls =
        new ShotControls(
            List.of(
                reference("@Image1", "image", "as the opening frame", "image/png", first),
                reference("@Image2", "image", "for the girl", "image/jpeg", second)),
            null,
            null,
            null,
            false);

    CompiledRequest compiled =
        compiler.compile(
            request("@Image1 the girl from @Image2 runs across a beach at dawn", first, controls));

    assertGolden("first_frame", compiled, first);
  }

  @Test
  void aFirstFrameOfAnotherSizeIsDroppedWithTheReason() {
    byte[] small = TestImages.png(640, 360, Color.ORANGE);

    CompiledRequest compiled = compiler.compile(request(PROMPT, small, ShotControls.none()));

    assertGolden("first_frame_size_mismatch", compiled, null);
  }

  @Test
  void referencesWithRolesAreSentFoldedOrDroppedAsTheCatalogSays() {
    byte[] hero = TestImages.jpeg(1280, 720, Color.MAGENTA);
    byte[] palette = "[\"#1b3a4b\", \"#F2C14E\", \"#e76f51\"]".getBytes(StandardCharsets.UTF_8);
    ShotControls controls =
        new ShotControls(
            List.of(
                reference("@Image1", "image", "for the hero", "image/jpeg", hero),
                reference(
                    "@Style1",
                    "style_reference",
                    "loose watercolour washes",
                    "image/png",
                    TestImages.png(64, 64, Color.PINK)),
                reference("@Palette1", "color_palette", "for the sky", "application/json", palette),
                reference(
                    "@Negative1",
                    "negative_reference",
                    "text overlays",
                    "image/png",
                    TestImages.png(32, 32, Color.BLACK)),
                reference(
                    "@Video1", "video", "for the motion", "video/mp4", new byte[] {0, 0, 0, 24}),
                reference("@Audio1", "audio", null, "audio/wav", new byte[] {'R', 'I', 'F', 'F'}),
                reference(
                    "@Depth1", "depth_map", null, "image/png", TestImages.png(32, 32, Color.GRAY)),
                reference(
                    "@Rig1",
                    "skeletal_rig",
                    "for the hero",
                    "text/plain",
                    "HIERARCHY".getBytes(StandardCharsets.UTF_8)),
                reference(
                    "@Mask1",
                    "regional_mask",
                    "for the sky",
                    "image/png",
                    TestImages.png(32, 32, Color.WHITE))),
            "blurry faces",
            null,
            null,
            false);

    CompiledRequest compiled =
        compiler.compile(
            request(
                "@Image1 the hero walks through a neon city street at night; rain falls. In @Style1"
                    + " with @Palette1",
                null,
                controls));

    assertGolden("references_with_roles", compiled, hero);
  }

  @Test
  void aCameraIntentIsTheCameraLineOfTheHeader() {
    ShotControls controls =
        new ShotControls(
            List.of(
                reference(
                    "@Camera1",
                    "camera_path",
                    null,
                    "application/json",
                    "{\"keyframes\":[]}".getBytes(StandardCharsets.UTF_8))),
            null,
            null,
            new CameraIntent("dolly", 1, 0.2, 0, 120),
            false);

    assertGolden(
        "camera_intent", compiler.compile(request(PROMPT + " @Camera1", null, controls)), null);
  }

  @Test
  void aNegativePromptIsFoldedAsAvoid() {
    ShotControls controls =
        new ShotControls(List.of(), "blurry faces, extra limbs.", null, null, false);

    assertGolden("negative_prompt", compiler.compile(request(PROMPT, null, controls)), null);
  }

  @Test
  void aFrameRateIsDroppedForWantOfAField() {
    ShotControls controls = new ShotControls(List.of(), null, 24.0, null, false);

    assertGolden("frame_rate", compiler.compile(request(PROMPT, null, controls)), null);
  }

  @Test
  void aRequestedSeedIsDroppedForWantOfAField() {
    ShotControls controls = new ShotControls(List.of(), null, null, null, true);

    assertGolden("seed", compiler.compile(request(PROMPT, null, controls)), null);
  }

  @Test
  void translateGivesTheCompilersVerdicts() {
    ShotControls controls = new ShotControls(List.of(), "blur", 30.0, null, true);
    RenderRequest request = request(PROMPT, null, controls);

    java.time.InstantSource clock = java.time.InstantSource.system();
    dev.aivid.providers.http.ProviderHttp http =
        new dev.aivid.providers.http.ProviderHttp(
            "openai",
            dev.aivid.providers.http.HttpSettings.defaults(),
            dev.aivid.providers.http.CircuitBreaker.defaults(clock),
            duration -> {},
            new java.util.SplittableRandom(1),
            clock);
    assertThat(
            new OpenAiProviderFactory(http, JSON, clock)
                .create(
                    new dev.aivid.providers.ProviderCredential(
                        "openai", java.util.Map.of("api_key", "sk-x")))
                .translate(request))
        .extracting(ControlVerdict::control, ControlVerdict::fidelity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "negative_prompt", ControlVerdict.Fidelity.APPROXIMATED),
            org.assertj.core.groups.Tuple.tuple("frame_rate", ControlVerdict.Fidelity.DROPPED),
            org.assertj.core.groups.Tuple.tuple("seed", ControlVerdict.Fidelity.DROPPED));
  }

  private void assertGolden(String name, CompiledRequest compiled, byte[] sentImage) {
    ObjectNode actual = JSON.createObjectNode();
    actual.put("path", compiled.path());
    ObjectNode body = compiled.body().deepCopy();
    JsonNode reference = body.path("input_reference");
    if (sentImage == null) {
      assertThat(reference.isMissingNode()).as("no input_reference expected").isTrue();
    } else {
      String dataUri = reference.path("image_url").asText();
      assertThat(Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1)))
          .isEqualTo(sentImage);
      ((ObjectNode) reference)
          .put("image_url", dataUri.substring(0, dataUri.indexOf(',') + 1) + "<the image's bytes>");
    }
    actual.set("body", body);
    ArrayNode verdicts = actual.putArray("verdicts");
    compiled
        .verdicts()
        .forEach(
            verdict ->
                verdicts
                    .addObject()
                    .put("control", verdict.control())
                    .put("fidelity", verdict.fidelity().wireName())
                    .put("detail", verdict.detail()));
    JsonNode expected = golden(name);
    if (!actual.equals(expected)) {
      Path written = Path.of("target", "golden-actual", "openai", name + ".json");
      try {
        Files.createDirectories(written.getParent());
        Files.writeString(written, JSON.writeValueAsString(actual) + "\n");
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    assertThat(actual).as("golden/openai/%s.json", name).isEqualTo(expected);
  }

  private static JsonNode golden(String name) {
    try (InputStream in =
        OpenAiCompilerTest.class.getResourceAsStream("/golden/openai/" + name + ".json")) {
      return in == null ? JSON.createObjectNode() : JSON.readTree(in);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
