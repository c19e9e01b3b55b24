package dev.aivid.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestServers;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input to the extensions, edits and characters endpoints: a 4xx naming the field, nothing held or stored. */
class VideoDerivativesApiTest {
  private Http http;
  private Http anonymous;

  @BeforeEach
  void setUp() {
    TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
    http = new Http(tenant.baseUrl(), tenant.apiKey());
    anonymous = new Http(tenant.baseUrl(), null);
  }

  private static void assertOpenAiError(Http.Response response, int status, String code, @Nullable String param) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    JsonNode error = response.json().path("error");
    assertThat(error.path("code").asText()).isEqualTo(code);
    assertThat(error.path("message").asText()).isNotBlank();
    if (param == null) {
      assertThat(error.path("param").isNull()).isTrue();
    } else {
      assertThat(error.path("param").asText()).isEqualTo(param);
    }
  }

  private int ledgerEntries() {
    return http.get("/v1/credits/ledger").json().path("data").size();
  }

  private String completedVideo() {
    String id =
        http.postJson("/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"a kite\",\"seconds\":\"1\",\"size\":\"160x90\"}")
            .json()
            .path("id")
            .asText();
    Await.until(
        () -> http.get("/v1/videos/" + id).json().path("status").asText(),
        status -> status.equals("completed"),
        Duration.ofSeconds(60));
    return id;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/videos/extensions | {\"prompt\":\"more\",\"seconds\":\"4\"}                                  | 400 | missing_video       | video",
        "/v1/videos/extensions | {\"prompt\":\"more\",\"seconds\":\"4\",\"video\":\"video_1\"}             | 400 | invalid_type        | video",
        "/v1/videos/extensions | {\"prompt\":\"more\",\"seconds\":\"4\",\"video\":{\"id\":7}}              | 400 | invalid_type        | video.id",
        "/v1/videos/extensions | {\"prompt\":\"more\",\"seconds\":\"4\",\"video\":{\"id\":\"video_nope\"}} | 400 | video_not_found     | video.id",
        "/v1/videos/extensions | {\"prompt\":\"more\",\"seconds\":[],\"video\":{\"id\":\"video_nope\"}}   | 400 | invalid_type        | seconds",
        "/v1/videos/extensions | not json                                                                  | 400 | invalid_json        | ",
        "/v1/videos/edits      | {\"video\":{\"id\":\"video_nope\"}}                                      | 400 | missing_prompt      | prompt",
        "/v1/videos/edits      | {\"prompt\":\"dusk\"}                                                      | 400 | missing_video       | video",
        "/v1/videos/edits      | {\"prompt\":7,\"video\":{\"id\":\"video_nope\"}}                         | 400 | invalid_type        | prompt",
        "/v1/videos/characters | {\"name\":\"Mara\"}                                                        | 400 | missing_video       | video",
      })
  void badBodiesAreRejectedNamingTheFieldAndNothingIsHeld(String path, String body, int status, String code, @Nullable String param) {
    int before = ledgerEntries();
    assertOpenAiError(http.postJson(path.strip(), body.strip()), status, code.strip(), param == null ? null : param.strip());
    assertThat(ledgerEntries()).isEqualTo(before);
  }

  @Test
  void anExtensionNeedsSecondsAndAPromptAndACompletedSource() {
    String source = completedVideo();
    String video = "\"video\":{\"id\":\"" + source + "\"}";
    int before = ledgerEntries();
    assertOpenAiError(http.postJson("/v1/videos/extensions", "{\"prompt\":\"more\"," + video + "}"), 400, "missing_seconds", "seconds");
    assertOpenAiError(http.postJson("/v1/videos/extensions", "{\"prompt\":\"more\",\"seconds\":\"0\"," + video + "}"), 400, "invalid_seconds", "seconds");
    assertOpenAiError(http.postJson("/v1/videos/extensions", "{\"prompt\":\"more\",\"seconds\":\"300\"," + video + "}"), 400, "unsupported_seconds", "seconds");
    assertOpenAiError(http.postJson("/v1/videos/extensions", "{\"seconds\":\"2\"," + video + "}"), 400, "missing_prompt", "prompt");
    assertThat(ledgerEntries()).isEqualTo(before);

    String running =
        http.postJson("/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"slow\",\"seconds\":\"20\",\"size\":\"1280x720\"}")
            .json()
            .path("id")
            .asText();
    assertOpenAiError(
        http.postJson("/v1/videos/extensions", "{\"prompt\":\"more\",\"seconds\":\"2\",\"video\":{\"id\":\"" + running + "\"}}"),
        409,
        "video_not_completed",
        "video.id");
    http.delete("/v1/videos/" + running);
  }

  @Test
  void anUploadThatIsNotAVideoIsRefusedAndNoCharacterIsStored() {
    Multipart form = new Multipart().field("name", "Mara").file("video", "mara.mp4", "video/mp4", "not a video".getBytes());
    assertOpenAiError(
        http.post("/v1/videos/characters", form.contentType(), HttpRequest.BodyPublishers.ofByteArray(form.build())),
        400,
        "invalid_video",
        "video");
    Multipart unnamed = new Multipart().file("video", "mara.mp4", "video/mp4", new byte[] {1, 2, 3});
    assertOpenAiError(
        http.post("/v1/videos/characters", unnamed.contentType(), HttpRequest.BodyPublishers.ofByteArray(unnamed.build())),
        400,
        "missing_name",
        "name");
    Multipart edit = new Multipart().field("prompt", "dusk").file("video", "clip.mp4", "video/mp4", "garbage".getBytes());
    assertOpenAiError(
        http.post("/v1/videos/edits", edit.contentType(), HttpRequest.BodyPublishers.ofByteArray(edit.build())),
        400,
        "invalid_video",
        "video");
    assertOpenAiError(http.get("/v1/videos/characters/char_nope"), 404, "character_not_found", "character_id");
    assertOpenAiError(
        http.postJson("/v1/videos", "{\"prompt\":\"x\",\"character_ids\":[\"char_nope\"]}"), 400, "character_not_found", "character_ids");
    assertOpenAiError(http.postJson("/v1/videos", "{\"prompt\":\"x\",\"character_ids\":\"char_1\"}"), 400, "invalid_type", "character_ids");
    Multipart create = new Multipart().field("prompt", "x").field("character_ids", "char_nope");
    assertOpenAiError(
        http.post("/v1/videos", create.contentType(), HttpRequest.BodyPublishers.ofByteArray(create.build())),
        400,
        "character_not_found",
        "character_ids");
  }

  @Test
  void theEndpointsNeedAnApiKey() {
    assertThat(anonymous.postJson("/v1/videos/extensions", "{}").status()).isEqualTo(401);
    assertThat(anonymous.postJson("/v1/videos/edits", "{}").status()).isEqualTo(401);
    assertThat(anonymous.postJson("/v1/videos/characters", "{}").status()).isEqualTo(401);
    assertThat(anonymous.get("/v1/videos/characters/char_1").status()).isEqualTo(401);
  }

  @Test
  void aRetriedExtensionWithTheSameIdempotencyKeyQueuesOneVideoAndHoldsOnce() {
    String source = completedVideo();
    String body = "{\"prompt\":\"the kite climbs\",\"seconds\":\"1\",\"video\":{\"id\":\"" + source + "\"}}";
    int before = ledgerEntries();

    Http.Response first =
        http.send(http.request("/v1/videos/extensions").header("Idempotency-Key", "extend-once").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    Http.Response second =
        http.send(http.request("/v1/videos/extensions").header("Idempotency-Key", "extend-once").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(second.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(first.header("x-aivid-credits-held")).isNotBlank();
    assertThat(first.json().path("seconds").asText()).isEqualTo("2");
    assertThat(ledgerEntries() - before).isEqualTo(1);
  }
}
