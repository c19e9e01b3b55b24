package dev.aivid.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.media.probe.AudioInfo;
import dev.aivid.media.probe.AudioProbe;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestServers;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twelve-file example stack rendered end to end by the local engine with no provider keys:
 * every file reaches the scene, the MP4 carries the soundtrack, and every control has a verdict.
 */
class LocalStackRenderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE = Path.of("..", "examples", "night-courier");

  @Test
  void theExampleStackRendersWithItsCameraRigPaletteAndSoundtrackOnTheLocalEngine(@TempDir Path directory) throws IOException {
    TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
    Http http = new Http(tenant.baseUrl(), tenant.apiKey());
    JsonNode manifest = JSON.readTree(EXAMPLE.resolve("stack.json").toFile());
    ObjectNode stack = JSON.createObjectNode();
    stack.put("prompt", manifest.path("prompt").asText());
    ArrayNode entries = stack.putArray("entries");
    Map<String, String> kinds = new HashMap<>();
    for (JsonNode entry : manifest.path("entries")) {
      ObjectNode copy = entries.addObject().put("kind", entry.path("kind").asText());
      if (entry.has("file")) {
        copy.put("asset_id", upload(http, entry.path("file").asText(), entry.path("kind").asText()));
        copy.put("name", entry.path("name").asText());
        kinds.put(entry.path("name").asText(), entry.path("kind").asText());
      } else {
        copy.put("value", entry.path("value").asDouble());
      }
    }

    Http.Response created =
        http.postJson("/v1/renders", "{\"model\":\"local/previz\",\"seconds\":\"3\",\"size\":\"640x360\",\"stack\":" + stack + "}");

    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String id = created.json().path("id").asText();
    JsonNode done =
        Await.until(
            () -> http.get("/v1/videos/" + id).json(),
            video -> !video.path("status").asText().matches("queued|in_progress"),
            Duration.ofSeconds(120));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    Path mp4 = directory.resolve("render.mp4");
    Files.write(mp4, http.get("/v1/videos/" + id + "/content").body());
    VideoInfo video = VideoProbe.probe(mp4);
    assertThat(video.videoCodec()).isEqualTo("h264");
    assertThat(video.width()).isEqualTo(640);
    assertThat(video.durationSeconds()).isBetween(2.9, 3.2);
    AudioInfo audio = AudioProbe.probe(mp4);
    assertThat(audio.durationSeconds()).isBetween(2.9, 3.2);

    JsonNode controls = http.get("/v1/videos/" + id + "/routing").json().path("controls");
    Map<String, String> fidelity = new HashMap<>();
    controls.forEach(control -> fidelity.put(control.path("control").asText(), control.path("fidelity").asText()));
    assertThat(fidelity)
        .containsEntry("@Image1", "honoured")
        .containsEntry("@Depth1", "honoured")
        .containsEntry("@Rig1", "honoured")
        .containsEntry("@Camera1", "honoured")
        .containsEntry("@Palette1", "honoured")
        .containsEntry("@Mask1", "honoured")
        .containsEntry("@Audio1", "honoured")
        .containsEntry("@Style1", "approximated")
        .containsEntry("@Negative1", "approximated")
        .containsEntry("@Video1", "dropped")
        .containsEntry("seed", "honoured");
    // The rig's landings are reported with the frames their Foley hits were mixed on.
    assertThat(http.get("/v1/videos/" + id + "/routing").json().path("notes").toString()).contains("Foley hits mixed on the rig's landing frames [");
    assertThat(http.get("/v1/videos/" + id + "/qc").json().path("checks").get(0).path("report").path("video_codec").asText()).isEqualTo("h264");
  }

  private static String upload(Http http, String file, String kind) throws IOException {
    Multipart body = new Multipart().file("file", file, "application/octet-stream", Files.readAllBytes(EXAMPLE.resolve(file))).field("kind", kind);
    Http.Response response = http.post("/v1/assets", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build()));
    assertThat(response.status()).as(file + ": " + response.text()).isIn(200, 201);
    return response.json().path("id").asText();
  }
}
