package dev.aivid.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VideoApiTest {
  private App app;
  private TestServers.Tenant tenant;
  private Http http;

  @BeforeEach
  void setUp() {
    app = TestServers.shared();
    tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  private JsonNode awaitTerminal(String id) {
    return Await.until(
        () -> http.get("/v1/videos/" + id).json(),
        video ->
            video.path("status").asText().equals("completed")
                || video.path("status").asText().equals("failed"),
        Duration.ofSeconds(90));
  }

  @Test
  void createsAVideoThatCompletesWithAnH264FileOfTheRequestedSizeAndDuration() throws IOException {
    Http.Response created =
        http.postJson(
            "/v1/videos",
            "{\"model\":\"local/previz\",\"prompt\":\"A red kite over a park\",\"seconds\":\"2\","
                + "\"size\":\"320x180\",\"unknown_field\":{\"ignored\":true}}");

    assertThat(created.status()).isEqualTo(200);
    JsonNode video = created.json();
    assertThat(video.path("id").asText()).startsWith("video_");
    assertThat(video.path("object").asText()).isEqualTo("video");
    assertThat(video.path("status").asText()).isEqualTo("queued");
    assertThat(video.path("seconds").asText()).isEqualTo("2");
    assertThat(video.path("size").asText()).isEqualTo("320x180");
    assertThat(video.has("completed_at")).isTrue();
    assertThat(video.path("error").isNull()).isTrue();
    assertThat(created.header("openai-poll-after-ms")).isEqualTo("1000");

    JsonNode done = awaitTerminal(video.path("id").asText());
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("progress").asInt()).isEqualTo(100);
    assertThat(done.path("completed_at").asLong())
        .isGreaterThanOrEqualTo(done.path("created_at").asLong());

    Http.Response content = http.get("/v1/videos/" + video.path("id").asText() + "/content");
    assertThat(content.status()).isEqualTo(200);
    assertThat(content.header("Content-Type")).startsWith("video/mp4");
    Path file = Files.createTempFile("api-", ".mp4");
    Files.write(file, content.body());
    VideoInfo info = VideoProbe.probe(file);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(320);
    assertThat(info.height()).isEqualTo(180);
    assertThat(info.durationSeconds()).isBetween(1.9, 2.1);

    Http.Response thumbnail =
        http.get("/v1/videos/" + video.path("id").asText() + "/content?variant=thumbnail");
    assertThat(thumbnail.status()).isEqualTo(200);
    assertThat(thumbnail.body()).startsWith(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    Http.Response sprites =
        http.get("/v1/videos/" + video.path("id").asText() + "/content?variant=spritesheet");
    assertThat(sprites.status()).isEqualTo(200);
    assertThat(sprites.header("Content-Type")).isEqualTo("image/jpeg");
  }

  @Test
  void progressOnlyRisesWhileAVideoRenders() {
    String id =
        http.postJson(
                "/v1/videos", "{\"prompt\":\"slow pan\",\"seconds\":\"3\",\"size\":\"640x360\"}")
            .json()
            .path("id")
            .asText();
    List<Integer> seen = new ArrayList<>();
    Await.until(
        () -> {
          JsonNode video = http.get("/v1/videos/" + id).json();
          seen.add(video.path("progress").asInt());
          return video.path("status").asText();
        },
        status -> status.equals("completed"),
        Duration.ofSeconds(90));
    assertThat(seen).isSorted();
    assertThat(seen.getLast()).isEqualTo(100);
  }

  @Test
  void listsVideosWithACursorInEitherOrder() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          http.postJson("/v1/videos", "{\"prompt\":\"shot " + i + "\",\"seconds\":\"1\",\"size\":\"64x64\"}")
              .json()
              .path("id")
              .asText());
    }
    JsonNode firstPage = http.get("/v1/videos?limit=2&order=asc").json();
    assertThat(firstPage.path("object").asText()).isEqualTo("list");
    assertThat(firstPage.path("has_more").asBoolean()).isTrue();
    assertThat(firstPage.path("first_id").asText()).isEqualTo(ids.get(0));
    assertThat(firstPage.path("last_id").asText()).isEqualTo(ids.get(1));
    JsonNode secondPage =
        http.get("/v1/videos?limit=2&order=asc&after=" + firstPage.path("last_id").asText()).json();
    assertThat(secondPage.path("data").size()).isEqualTo(1);
    assertThat(secondPage.path("data").get(0).path("id").asText()).isEqualTo(ids.get(2));
    assertThat(secondPage.path("has_more").asBoolean()).isFalse();
    JsonNode newestFirst = http.get("/v1/videos").json();
    assertThat(newestFirst.path("first_id").asText()).isEqualTo(ids.get(2));
    ids.forEach(this::awaitTerminal);
  }

  @Test
  void remixesACompletedVideoIntoANewOneThatPointsBack() {
    String id =
        http.postJson("/v1/videos", "{\"prompt\":\"original\",\"seconds\":\"1\",\"size\":\"64x64\"}")
            .json()
            .path("id")
            .asText();
    awaitTerminal(id);
    Http.Response remix = http.postJson("/v1/videos/" + id + "/remix", "{\"prompt\":\"now at night\"}");
    assertThat(remix.status()).isEqualTo(200);
    assertThat(remix.json().path("remixed_from_video_id").asText()).isEqualTo(id);
    assertThat(remix.json().path("prompt").asText()).isEqualTo("now at night");
    assertThat(awaitTerminal(remix.json().path("id").asText()).path("status").asText())
        .isEqualTo("completed");
  }

  @Test
  void deletesAVideoSoItCanNoLongerBeFound() {
    String id =
        http.postJson("/v1/videos", "{\"prompt\":\"short\",\"seconds\":\"1\",\"size\":\"64x64\"}")
            .json()
            .path("id")
            .asText();
    awaitTerminal(id);
    Http.Response deleted = http.delete("/v1/videos/" + id);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().path("object").asText()).isEqualTo("video.deleted");
    assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
    assertThat(http.get("/v1/videos/" + id).status()).isEqualTo(404);
    assertThat(http.get("/v1/videos/" + id + "/content").status()).isEqualTo(404);
  }

  @Test
  void deletingARunningVideoCancelsItsRender() {
    String id =
        http.postJson("/v1/videos", "{\"prompt\":\"long\",\"seconds\":\"20\",\"size\":\"1280x720\"}")
            .json()
            .path("id")
            .asText();
    Await.until(
        () -> http.get("/v1/videos/" + id).json().path("status").asText(),
        status -> status.equals("in_progress"),
        Duration.ofSeconds(30));
    assertThat(http.delete("/v1/videos/" + id).status()).isEqualTo(200);
    assertThat(http.get("/v1/videos/" + id).status()).isEqualTo(404);
    List<String> phases = new dev.aivid.jobs.internal.VideoRepository(app.database().jdbi()).transitions(id);
    assertThat(phases).contains("cancelled").doesNotContain("completed");
  }

  @Test
  void createsAVideoFromAMultipartUploadWhoseFirstFrameIsTheImage() {
    Multipart body =
        new Multipart()
            .field("prompt", "starts on the uploaded frame")
            .field("model", "previz")
            .field("seconds", "1")
            .field("size", "160x90")
            .file("input_reference", "frame.png", "image/png", TestImages.png(160, 90, Color.BLUE));
    Http.Response created =
        http.post("/v1/videos", body.contentType(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.build()));
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().path("model").asText()).isEqualTo("local/previz");
    JsonNode done = awaitTerminal(created.json().path("id").asText());
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
  }

  @Test
  void acceptsAnInputReferenceAsABase64DataUrl() {
    String data =
        java.util.Base64.getEncoder().encodeToString(TestImages.jpeg(64, 64, Color.GREEN));
    Http.Response created =
        http.postJson(
            "/v1/videos",
            "{\"prompt\":\"from a data url\",\"seconds\":\"1\",\"size\":\"64x64\","
                + "\"input_reference\":{\"image_url\":\"data:image/jpeg;base64,"
                + data
                + "\"}}");
    assertThat(created.status()).isEqualTo(200);
    JsonNode done = awaitTerminal(created.json().path("id").asText());
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
  }

  @Test
  void anotherOrganisationsVideoIsNotFound() {
    String id =
        http.postJson("/v1/videos", "{\"prompt\":\"mine\",\"seconds\":\"1\",\"size\":\"64x64\"}")
            .json()
            .path("id")
            .asText();
    TestServers.Tenant other = TestServers.newTenant(app);
    Http otherHttp = new Http(other.baseUrl(), other.apiKey());
    assertThat(otherHttp.get("/v1/videos/" + id).status()).isEqualTo(404);
    assertThat(otherHttp.get("/v1/videos/" + id + "/content").status()).isEqualTo(404);
    assertThat(otherHttp.delete("/v1/videos/" + id).status()).isEqualTo(404);
    assertThat(otherHttp.get("/v1/videos").json().path("data").size()).isZero();
    assertThat(http.get("/v1/videos/" + id).status()).isEqualTo(200);
    awaitTerminal(id);
  }

  @Test
  void listsTheCatalogWithSoraMarkedRetired() {
    JsonNode models = http.get("/v1/models").json();
    assertThat(models.path("object").asText()).isEqualTo("list");
    JsonNode sora = http.get("/v1/models/sora-2").json();
    assertThat(sora.path("aivid").path("lifecycle").path("state").asText()).isEqualTo("retired");
    assertThat(sora.path("aivid").path("lifecycle").path("successor").asText())
        .isEqualTo("auto");
    assertThat(http.get("/v1/models/local/previz").json().path("id").asText())
        .isEqualTo("local/previz");
    JsonNode kling = http.get("/v1/models/kling-v3").json().path("aivid");
    // No Kling credentials in this organisation: described, priced, but not routable.
    assertThat(kling.path("routable").asBoolean()).isFalse();
    assertThat(kling.path("provider_model").asText()).isEqualTo("kling-v3");
    assertThat(kling.path("quality").path("motion_fluidity").asDouble()).isEqualTo(9.6);
    assertThat(kling.path("quality").path("source").asText()).contains("model-wars-article");
    assertThat(kling.path("capabilities").path("max_inputs").asInt()).isEqualTo(8);
    assertThat(kling.path("capabilities").path("inputs").path("skeletal_rig").path("treatment").asText()).isEqualTo("dropped");
    assertThat(kling.path("features").path("camera_control").asBoolean()).isTrue();
    assertThat(kling.path("artifact_thresholds").toString()).contains("kling.mesh_bleeding", "600");
    assertThat(http.get("/v1/models/local/previz").json().path("aivid").path("routable").asBoolean()).isTrue();
    assertThat(sora.path("aivid").path("routable").asBoolean()).isFalse();
  }

  @Test
  void servesHealthReadinessMetricsAndOpenApiWithoutAKey() {
    Http anonymous = new Http(tenant.baseUrl(), null);
    assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
    assertThat(anonymous.get("/readyz").json().path("status").asText()).isEqualTo("ready");
    assertThat(anonymous.get("/metrics").text()).contains("aivid_http_requests");
    assertThat(anonymous.get("/openapi.json").json().path("openapi").asText()).startsWith("3.1");
  }
}
