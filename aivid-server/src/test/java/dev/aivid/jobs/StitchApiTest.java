package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /v1/stitches: completed videos into one cut with its EDL, read back from the file. */
class StitchApiTest {
  private final TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
  private final Http http = new Http(tenant.baseUrl(), tenant.apiKey());

  private String completedVideo(String prompt) {
    String id =
        http.postJson("/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"" + prompt + "\",\"seconds\":\"2\",\"size\":\"320x180\"}")
            .json()
            .path("id")
            .asText();
    Await.until(() -> http.get("/v1/videos/" + id).json().path("status").asText(), "completed"::equals, Duration.ofSeconds(60));
    return id;
  }

  @Test
  void twoVideosWithACrossfadeBecomeOneCutWhoseFileAndEdlAgree(@TempDir Path directory) throws IOException {
    String first = completedVideo("a harbour at dawn");
    String second = completedVideo("a lighthouse at dusk");

    Http.Response created =
        http.postJson(
            "/v1/stitches",
            "{\"segments\":[{\"video_id\":\"" + first + "\"},{\"video_id\":\"" + second
                + "\",\"transition\":\"crossfade\",\"crossfade_seconds\":0.5}],\"frames_per_second\":24,\"title\":\"HARBOUR\"}");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.header("x-aivid-credits-charged")).isEqualTo("0");
    JsonNode cut = created.json();
    // 2 s + 2 s overlapping by 0.5 s.
    assertThat(cut.path("frame_count").asInt()).isEqualTo(84);
    assertThat(cut.path("edl")).hasSize(2);
    assertThat(cut.path("edl").get(1).path("model").asText()).isEqualTo("local/previz");
    Path mp4 = directory.resolve("cut.mp4");
    Files.write(mp4, http.get(cut.path("video_url").asText()).body());
    VideoInfo info = VideoProbe.probe(mp4);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(320);
    assertThat(info.durationSeconds()).isBetween(3.4, 3.6);
    String edl = http.get(cut.path("edl_url").asText()).text();
    assertThat(edl).startsWith("TITLE: HARBOUR").contains("FCM: NON-DROP FRAME", "001", "002");
    assertThat(http.get("/v1/stitches/" + cut.path("id").asText()).json().path("frame_count").asInt()).isEqualTo(84);
  }

  @Test
  void badStitchRequestsNameTheFieldAndOtherOrganisationsVideosAreNotFound() {
    assertThat(http.postJson("/v1/stitches", "{\"segments\":[]}").status()).isEqualTo(400);
    Http.Response missingId = http.postJson("/v1/stitches", "{\"segments\":[{\"in_seconds\":1}]}");
    assertThat(missingId.status()).isEqualTo(400);
    assertThat(missingId.text()).contains("segments[0].video_id");
    TestServers.Tenant other = TestServers.newTenant(TestServers.shared());
    String theirs =
        new Http(other.baseUrl(), other.apiKey())
            .postJson("/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"x\",\"seconds\":\"1\",\"size\":\"64x64\"}")
            .json()
            .path("id")
            .asText();
    assertThat(http.postJson("/v1/stitches", "{\"segments\":[{\"video_id\":\"" + theirs + "\"}]}").status()).isEqualTo(404);
    assertThat(http.postJson("/v1/stitches", "{\"segments\":[{\"video_id\":\"video_nope\"}],\"snap_to_beats\":\"yes\"}").status()).isEqualTo(400);
  }
}
