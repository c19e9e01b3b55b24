package dev.aivid.providers.runway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake itself holds Runway's line (research/providers.md §5), so that an adapter bug shows up
 * as the 400 Runway would answer, not as a silently accepted request.
 */
class RunwayFakeServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private FakeRunwayServer fake;

  @BeforeEach
  void start() {
    fake = FakeRunwayServer.start();
  }

  @AfterEach
  void stop() {
    fake.close();
    client.close();
  }

  @Test
  void aValidTextToVideoCreateIsAcceptedWithATaskId() throws Exception {
    HttpResponse<String> response = post("/v1/text_to_video", valid(), true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("id").asText()).isNotBlank();
  }

  @Test
  void aMissingVersionHeaderIsA400() throws Exception {
    // §5.1 [SDK _client.py]: X-Runway-Version: 2024-11-06 on every request.
    HttpResponse<String> response = post("/v1/text_to_video", valid(), false);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response)).contains("X-Runway-Version");
  }

  @Test
  void aPromptOverAThousandUtf16UnitsIsA400EvenWhenItIsFewerCodePoints() throws Exception {
    // §5.2: promptText ≤1000 UTF-16 code units: 501 emoji are 501 code points but 1002 units.
    String body = valid().replace("A fox", "\uD83E\uDD8A".repeat(501));

    HttpResponse<String> response = post("/v1/text_to_video", body, true);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response)).contains("1002");
  }

  @Test
  void anImageToVideoRatioSentToTextToVideoIsA400() throws Exception {
    // §5.2: text_to_video ratio 1280:720 or 720:1280 only.
    HttpResponse<String> response =
        post("/v1/text_to_video", valid().replace("1280:720", "960:960"), true);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response)).contains("ratio");
  }

  @Test
  void aFractionalOrOutOfRangeDurationIsA400() throws Exception {
    // §5.2: duration int 2-10.
    assertThat(
            post("/v1/text_to_video", valid().replace("\"duration\":5", "\"duration\":5.5"), true)
                .statusCode())
        .isEqualTo(400);
    assertThat(
            post("/v1/text_to_video", valid().replace("\"duration\":5", "\"duration\":11"), true)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void anImageToVideoCreateWithoutAPromptImageOrWithALastFrameIsA400() throws Exception {
    // §5.2: gen4.5 promptImage is required for image_to_video and takes position "first" only.
    assertThat(post("/v1/image_to_video", valid(), true).statusCode()).isEqualTo(400);
    String last =
        valid()
            .replace(
                "{",
                "{\"promptImage\":[{\"uri\":\"https://example.com/a.jpg\",\"position\":\"last\"}],");
    assertThat(post("/v1/image_to_video", last, true).statusCode()).isEqualTo(400);
    String first = last.replace("\"last\"", "\"first\"");
    assertThat(post("/v1/image_to_video", first, true).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownModelOrFieldIsA400() throws Exception {
    assertThat(post("/v1/text_to_video", valid().replace("gen4.5", "gen9"), true).statusCode())
        .isEqualTo(400);
    assertThat(post("/v1/text_to_video", valid().replace("{", "{\"fps\":24,"), true).statusCode())
        .isEqualTo(400);
  }

  @Test
  void theWrongMethodIsA405AndAnUnknownTaskA404() throws Exception {
    // §5.4 [DOC errors/errors]: 404 and 405 with the JSON error envelope.
    HttpResponse<String> get = send(request("/v1/text_to_video", true).GET().build());
    HttpResponse<String> unknown =
        send(request("/v1/tasks/0b5a7c3e-0000-4000-8000-000000000000", true).GET().build());

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(error(unknown)).isNotBlank();
  }

  @Test
  void aTaskReportsIsoTimestampsAndAProgressFraction() throws Exception {
    // §5.3 [SDK task_retrieve_response.py]: createdAt ISO-8601, RUNNING carries progress 0..1.
    String id = JSON.readTree(post("/v1/text_to_video", valid(), true).body()).get("id").asText();

    JsonNode pending = JSON.readTree(send(request("/v1/tasks/" + id, true).GET().build()).body());
    JsonNode running = JSON.readTree(send(request("/v1/tasks/" + id, true).GET().build()).body());
    JsonNode done = JSON.readTree(send(request("/v1/tasks/" + id, true).GET().build()).body());

    assertThat(pending.get("status").asText()).isEqualTo("PENDING");
    assertThat(pending.get("createdAt").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(running.get("status").asText()).isEqualTo("RUNNING");
    assertThat(running.get("progress").asDouble()).isBetween(0.0, 1.0);
    assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(done.get("output").get(0).asText()).contains("?_jwt=");
  }

  @Test
  void expiredResultUrlsAnswer403AndTheNextQueryIssuesAFreshOne() throws Exception {
    // §5.3: "fetch the task again to get fresh URLs"; the fake signs them with ?_jwt=.
    fake.completeAfterPolls(0);
    String id = JSON.readTree(post("/v1/text_to_video", valid(), true).body()).get("id").asText();
    String old =
        JSON.readTree(send(request("/v1/tasks/" + id, true).GET().build()).body())
            .get("output")
            .get(0)
            .asText();

    fake.expireResultUrls();
    String fresh =
        JSON.readTree(send(request("/v1/tasks/" + id, true).GET().build()).body())
            .get("output")
            .get(0)
            .asText();

    assertThat(fresh).isNotEqualTo(old).contains("?_jwt=");
    assertThat(send(HttpRequest.newBuilder(URI.create(old)).build()).statusCode()).isEqualTo(403);
  }

  private static String valid() {
    return "{\"model\":\"gen4.5\",\"promptText\":\"A fox\",\"ratio\":\"1280:720\",\"duration\":5}";
  }

  private HttpResponse<String> post(String path, String body, boolean withVersion)
      throws IOException, InterruptedException {
    return send(
        request(path, withVersion)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpRequest.Builder request(String path, boolean withVersion) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
            .header("Authorization", "Bearer " + FakeRunwayServer.API_KEY);
    return withVersion ? builder.header("X-Runway-Version", FakeRunwayServer.VERSION) : builder;
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String error(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).get("error").asText();
  }
}
