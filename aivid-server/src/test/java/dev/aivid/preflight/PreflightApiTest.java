package dev.aivid.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.App;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PreflightApiTest {
  private Http http;

  @BeforeEach
  void setUp() {
    App app = TestServers.shared();
    TestServers.Tenant tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  private String upload(String fileName, byte[] content, String kind) {
    Multipart body = new Multipart().file("file", fileName, "application/octet-stream", content).field("kind", kind);
    Http.Response response =
        http.post("/v1/assets", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build()));
    assertThat(response.status()).as(response.text()).isIn(200, 201);
    return response.json().path("id").asText();
  }

  private static ObjectNode entry(ArrayNode entries, String kind, String assetId) {
    return entries.addObject().put("kind", kind).put("asset_id", assetId);
  }

  /** An image, a walking rig (1 body height per second along -Z) and a camera trucking +Z. */
  private ObjectNode inlineStack() {
    ObjectNode body = PreflightFixtures.JSON.createObjectNode();
    body.put("prompt", "@Image1 for character, her walk from @Rig1, @Camera1 tracking beside her");
    ArrayNode entries = body.putArray("entries");
    entry(entries, "image", upload("hero.png", TestImages.png(64, 36, Color.RED), "image"));
    entry(
        entries,
        "skeletal_rig",
        upload("walk.bvh", PreflightFixtures.rig(10, 24, time -> new double[] {0, 0, -10 * time, 0}), "skeletal_rig"));
    entry(
        entries,
        "camera_path",
        upload(
            "track.json",
            PreflightFixtures.truck(10, new double[] {4, 1.5, 0}, new double[] {4, 1.5, 10}, 90),
            "camera_path"));
    entries.addObject().put("kind", "frame_rate").put("value", 24);
    body.put("seconds", 6);
    body.put("size", "1280x720");
    return body;
  }

  private Http.Response preflight(JsonNode body) {
    return http.postJson("/v1/stacks/preflight", body.toString());
  }

  private static JsonNode model(JsonNode report, String id) {
    for (JsonNode model : report.path("models")) {
      if (model.path("model").asText().equals(id)) {
        return model;
      }
    }
    throw new AssertionError("no " + id + " in " + report);
  }

  private static void assertProblem(Http.Response response, int status, String code, String param) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().path("code").asText()).isEqualTo(code);
    assertThat(response.json().path("param").asText()).isEqualTo(param);
  }

  @Test
  void anInlineStackIsPreflightedPerModelWithVerdictsFindingsAndCredits() {
    String before = http.get("/v1/credits").json().path("available").asText();
    ObjectNode body = inlineStack();
    body.putArray("models").add("kling-v3").add("seedance-2.0").add("sora-2");
    Http.Response response = preflight(body);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonNode report = response.json();
    assertThat(report.path("object").asText()).isEqualTo("stack.preflight");
    assertThat(report.path("stack_id").isNull()).isTrue();
    assertThat(report.path("seconds").asInt()).isEqualTo(6);
    assertThat(report.path("frames_per_second").asDouble()).isEqualTo(24);
    assertThat(report.path("charged").asBoolean()).isFalse();
    assertThat(report.path("models")).hasSize(3);

    JsonNode seedance = model(report, "seedance-2.0");
    assertThat(seedance.path("verdict").asText()).isEqualTo("warnings");
    assertThat(seedance.path("estimated_credits").asText()).isEqualTo("55.8");
    // The shipped catalog follows Seedance's documented API: no rig field, so the rig is dropped
    // (a warning that says so) and the camera/rig conflict rule has no rig to check. The rule
    // itself is tested against the article's Seedance in ArtifactRulesTest.
    assertThat(seedance.path("findings").findValuesAsText("rule")).contains("input.dropped").doesNotContain("seedance.latent_overload");
    assertThat(seedance.path("findings").toString()).contains("@Rig1", "no rig input");

    JsonNode kling = model(report, "kling-v3");
    assertThat(kling.path("inputs").get(1).path("mention").asText()).isEqualTo("@Rig1");
    assertThat(kling.path("inputs").get(1).path("verdict").asText()).isEqualTo("dropped");
    assertThat(kling.path("inputs").get(1).path("why").asText()).contains("not supported");
    assertThat(kling.path("inputs").get(2).path("verdict").asText()).isEqualTo("approximated");
    assertThat(kling.path("inputs").get(2).path("how").asText()).contains("camera_control", "truck");
    assertThat(kling.path("capacity").path("kept").toString()).contains("prompt", "@Image1", "@Camera1");

    JsonNode sora = model(report, "sora-2");
    assertThat(sora.path("verdict").asText()).isEqualTo("blocked");
    assertThat(sora.path("findings").get(0).path("rule").asText()).isEqualTo("model.retired");
    assertThat(sora.path("findings").get(0).path("message").asText()).contains("use the best routable model (model \"auto\")");

    // Both drop the rig; Seedance keeps more of the rest of the stack, so it is recommended.
    assertThat(report.path("recommended_model").asText()).isEqualTo("seedance-2.0");
    assertThat(report.path("recommendation").asText()).contains("warning");
    // Preflight never charges.
    assertThat(http.get("/v1/credits").json().path("available").asText()).isEqualTo(before);
  }

  @Test
  void aStoredStackIsPreflightedByIdAndAllNonRetiredModelsAreTheDefault() {
    ObjectNode stack = inlineStack();
    stack.remove("seconds");
    stack.remove("size");
    Http.Response created = http.postJson("/v1/stacks", stack.toString());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asText();

    Http.Response response =
        preflight(PreflightFixtures.JSON.createObjectNode().put("stack_id", id).put("seconds", "5"));
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    JsonNode report = response.json();
    assertThat(report.path("stack_id").asText()).isEqualTo(id);
    assertThat(report.path("seconds").asInt()).isEqualTo(5);
    assertThat(report.path("size").asText()).isEqualTo("1280x720");
    assertThat(report.path("models").findValuesAsText("model")).contains("local/previz", "kling-v3", "seedance-2.0")
        .doesNotContain("sora-2");
    // Seedance's documented API takes no rig: dropping it is a warning, not a silent loss.
    assertThat(model(report, "seedance-2.0").path("verdict").asText()).isEqualTo("warnings");
    assertThat(report.path("recommended_model").asText()).isEqualTo("seedance-2.0");

    assertProblem(
        preflight(PreflightFixtures.JSON.createObjectNode().put("stack_id", "stack_missing")), 404, "stack_not_found", "stack_id");
    assertProblem(
        preflight(PreflightFixtures.JSON.createObjectNode().put("stack_id", id).put("prompt", "x")), 400, "ambiguous_stack", "stack_id");
  }

  @Test
  void anAtMentionOfAMissingEntryIsA422NamingTheToken() {
    ObjectNode body = inlineStack();
    body.put("prompt", "@Image1 for character, @Image2 for the villain");
    Http.Response response = preflight(body);
    assertProblem(response, 422, "unknown_mention", "prompt");
    assertThat(response.json().path("detail").asText()).contains("@Image2");

    ObjectNode missingAsset = inlineStack();
    ((ObjectNode) missingAsset.path("entries").get(0)).put("asset_id", "asset_000000000000000000000000");
    assertProblem(preflight(missingAsset), 422, "unknown_asset", "entries[0].asset_id");
  }

  @Test
  void aMaskOfTheWrongSizeIsA422NamingTheFile() {
    ObjectNode body = inlineStack();
    ArrayNode entries = (ArrayNode) body.path("entries");
    entry(entries, "regional_mask", upload("matte.png", PreflightFixtures.greyPng(640, 480), "regional_mask"));
    Http.Response response = preflight(body);
    assertProblem(response, 422, "mask_size_mismatch", "entries[4]");
    assertThat(response.json().path("detail").asText()).contains("matte.png", "640x480", "1280x720");
  }

  @Test
  void badSecondsSizesAndModelsAre400s() {
    ObjectNode body = inlineStack();
    body.put("seconds", 0);
    assertProblem(preflight(body), 400, "invalid_seconds", "seconds");
    body.put("seconds", "six");
    assertProblem(preflight(body), 400, "invalid_seconds", "seconds");
    body.put("seconds", 6.5);
    assertProblem(preflight(body), 400, "invalid_seconds", "seconds");
    body.put("seconds", 6);
    body.put("size", "huge");
    assertProblem(preflight(body), 400, "invalid_size", "size");
    body.put("size", "99999x10");
    assertProblem(preflight(body), 400, "invalid_size", "size");
    body.put("size", "1280x720");
    body.putArray("models").add("kling-v3").add("kling-9");
    assertProblem(preflight(body), 400, "unknown_model", "models[1]");
    body.put("models", "kling-v3");
    assertProblem(preflight(body), 400, "invalid_type", "models");
    Http.Response notJson = http.postJson("/v1/stacks/preflight", "{");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().path("code").asText()).isEqualTo("invalid_json");
  }

  @Test
  void preflightNeedsAnApiKey() {
    Http anonymous = new Http("http://localhost:" + TestServers.shared().port(), null);
    Http.Response response = anonymous.postJson("/v1/stacks/preflight", "{}");
    assertThat(response.status()).isEqualTo(401);
  }
}
