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

/** A storyboard's shots render concurrently as jobs and fan in to one stitched cut with its EDL. */
class StoryboardApiTest {
  private final TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
  private final Http http = new Http(tenant.baseUrl(), tenant.apiKey());

  @Test
  void threeShotsRenderAndAreStitchedInOrderWithTheirTransitions(@TempDir Path directory) throws IOException {
    Http.Response created =
        http.postJson(
            "/v1/storyboards",
            "{\"size\":\"320x180\",\"frames_per_second\":24,\"title\":\"HARBOUR\",\"shots\":["
                + "{\"prompt\":\"wide establishing shot of a harbour at dawn\",\"seconds\":\"2\",\"model\":\"local/previz\"},"
                + "{\"prompt\":\"a courier sprints along the pier\",\"seconds\":\"2\",\"model\":\"local/previz\",\"transition\":\"crossfade\",\"crossfade_seconds\":0.5},"
                + "{\"prompt\":\"a lighthouse at dusk, slow push in\",\"seconds\":\"2\",\"model\":\"local/previz\"}]}");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(created.json().path("shots")).hasSize(3);
    JsonNode done =
        Await.until(
            () -> http.get("/v1/storyboards/" + id).json(),
            board -> board.path("status").asText().matches("completed|failed"),
            Duration.ofSeconds(120));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    for (JsonNode shot : done.path("shots")) {
      assertThat(shot.path("status").asText()).isEqualTo("completed");
    }
    Path mp4 = directory.resolve("board.mp4");
    Files.write(mp4, http.get(done.path("video_url").asText()).body());
    VideoInfo info = VideoProbe.probe(mp4);
    // 3 × 2 s with one 0.5 s crossfade.
    assertThat(info.durationSeconds()).isBetween(5.4, 5.6);
    assertThat(info.width()).isEqualTo(320);
    String edl = http.get(done.path("edl_url").asText()).text();
    assertThat(edl).startsWith("TITLE: HARBOUR").contains("001", "002", "003");
    JsonNode stitch = http.get("/v1/stitches/" + done.path("stitch_id").asText()).json();
    assertThat(stitch.path("edl")).hasSize(3);
    assertThat(stitch.path("edl").get(0).path("clipName").asText(stitch.path("edl").get(0).toString()))
        .contains(done.path("shots").get(0).path("video_id").asText());
  }

  @Test
  void aBadShotRefusesTheWholeBoardAndQueuesNothing() {
    Http.Response response =
        http.postJson(
            "/v1/storyboards",
            "{\"shots\":[{\"prompt\":\"a harbour\",\"seconds\":\"2\",\"model\":\"local/previz\"},{\"prompt\":\"x\",\"transition\":\"wipe\"}]}");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.text()).contains("shots[1].transition");
    assertThat(http.postJson("/v1/storyboards", "{\"shots\":[]}").status()).isEqualTo(400);
    assertThat(http.get("/v1/videos").json().path("data")).isEmpty();
    assertThat(http.get("/v1/storyboards/board_nope").status()).isEqualTo(404);
  }
}
