package dev.aivid.providers.seedance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fake's own contract (providers.md §3), raw over HTTP, so the lead's end-to-end tests can
 * trust that what it accepts Ark would accept.
 */
class SeedanceFakeServerTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private FakeSeedanceServer fake = FakeSeedanceServer.start(SeedanceRegion.AP_SOUTHEAST, InstantSource.fixed(NOW));

  @AfterEach
  void closeFake() {
    fake.close();
  }

  // providers.md §3.3: created_at/updated_at are unix seconds; statuses queued|running|succeeded
  @Test
  void tasksAnswerWithUnixSecondsAndGoFromQueuedToSucceeded() throws Exception {
    fake.pollsToComplete(3);
    String id = create(valid()).path("id").asText();

    JsonNode first = get(id);
    JsonNode second = get(id);
    JsonNode third = get(id);

    assertThat(id).startsWith("cgt-");
    assertThat(first.path("status").asText()).isEqualTo("queued");
    assertThat(second.path("status").asText()).isEqualTo("running");
    assertThat(third.path("status").asText()).isEqualTo("succeeded");
    assertThat(third.path("created_at").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(third.path("updated_at").asLong()).isEqualTo(NOW.getEpochSecond());
    assertThat(third.path("content").path("video_url").asText()).contains("X-Tos-Signature=");
    assertThat(third.path("duration").asInt()).isEqualTo(5);
  }

  // providers.md §3.2: "first-frame / first+last-frame mode and reference mode are mutually exclusive"
  @Test
  void aFirstFrameMixedWithAReferenceIsRefused() throws Exception {
    ObjectNode body = valid();
    body.withArray("content").addObject().put("type", "image_url").put("role", "first_frame")
        .putObject("image_url").put("url", "https://example.com/a.png");
    body.withArray("content").addObject().put("type", "video_url").put("role", "reference_video")
        .putObject("video_url").put("url", "https://example.com/b.mp4");

    HttpResponse<String> answer = post(body);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(json.readTree(answer.body()).path("error").path("code").asText()).isEqualTo("InvalidParameter");
  }

  // providers.md §3.2 field table: duration 2.0 [4,15], ratio/resolution enums, seed [-1, 2^32-1], framespersecond 24 only
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "duration 16|duration|16",
        "duration 3|duration|3",
        "duration as a string|duration|\"5\"",
        "ratio 2:1|ratio|\"2:1\"",
        "resolution 4k|resolution|\"4k\"",
        "seed beyond 32 bits|seed|4294967296",
        "seed below -1|seed|-2",
        "30 fps|framespersecond|30",
        "unknown field|negative_prompt|\"blur\""
      })
  void outOfContractFieldsAreRefusedWith400(String label, String field, String value) throws Exception {
    ObjectNode body = valid();
    body.set(field, json.readTree(value));

    HttpResponse<String> answer = post(body);

    assertThat(answer.statusCode()).as(label).isEqualTo(400);
  }

  // providers.md §3.2: 2.0 reference limits: audio alone not allowed; roles fixed per medium
  @Test
  void audioAloneAndWrongRolesAreRefused() throws Exception {
    ObjectNode lonelyAudio = valid();
    lonelyAudio.withArray("content").addObject().put("type", "audio_url").put("role", "reference_audio")
        .putObject("audio_url").put("url", "data:audio/mpeg;base64,SUQz");
    ObjectNode wrongRole = valid();
    wrongRole.withArray("content").addObject().put("type", "video_url").put("role", "first_frame")
        .putObject("video_url").put("url", "https://example.com/b.mp4");

    assertThat(post(lonelyAudio).statusCode()).isEqualTo(400);
    assertThat(post(wrongRole).statusCode()).isEqualTo(400);
  }

  // providers.md §3.2: BytePlus and Volcengine name the same model differently
  @Test
  void eachRegionKnowsOnlyItsOwnModelIds() throws Exception {
    HttpResponse<String> volcengineIdOnBytePlus = post(with(valid(), body -> body.put("model", "doubao-seedance-2-0-260128")));
    fake.close();
    fake = FakeSeedanceServer.start(SeedanceRegion.CN_BEIJING, InstantSource.fixed(NOW));
    HttpResponse<String> bytePlusIdOnVolcengine =
        post(with(valid(), body -> body.put("model", "dreamina-seedance-2-0-260128")));
    HttpResponse<String> volcengineIdOnVolcengine =
        post(with(valid(), body -> body.put("model", "doubao-seedance-2-0-260128")));

    assertThat(volcengineIdOnBytePlus.statusCode()).isEqualTo(404);
    assertThat(bytePlusIdOnVolcengine.statusCode()).isEqualTo(404);
    assertThat(volcengineIdOnVolcengine.statusCode()).isEqualTo(200);
  }

  // providers.md §3.1: Authorization: Bearer <ARK_API_KEY>
  @Test
  void aMissingKeyIsRefusedWithArksEnvelope() throws Exception {
    HttpResponse<String> answer =
        client.send(
            HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/contents/generations/tasks"))
                .POST(HttpRequest.BodyPublishers.ofString(valid().toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(json.readTree(answer.body()).path("error").path("code").asText()).isEqualTo("AuthenticationError");
  }

  private ObjectNode valid() {
    ObjectNode body = json.createObjectNode();
    body.put("model", fake.region().modelId("dreamina-seedance-2-0-260128"));
    body.putArray("content").addObject().put("type", "text").put("text", "A kite rises over a meadow");
    body.put("ratio", "16:9").put("resolution", "480p").put("duration", 5).put("seed", 11);
    body.put("framespersecond", 24).put("watermark", false);
    return body;
  }

  private static ObjectNode with(ObjectNode body, Consumer<ObjectNode> change) {
    change.accept(body);
    return body;
  }

  private JsonNode create(ObjectNode body) throws IOException, InterruptedException {
    HttpResponse<String> answer = post(body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private HttpResponse<String> post(ObjectNode body) throws IOException, InterruptedException {
    return client.send(
        authorized(URI.create(fake.baseUrl() + "/contents/generations/tasks"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode get(String id) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        client.send(
            authorized(URI.create(fake.baseUrl() + "/contents/generations/tasks/" + id)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private static HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + FakeSeedanceServer.API_KEY);
  }
}
