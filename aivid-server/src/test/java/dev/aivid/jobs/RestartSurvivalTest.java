package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.config.AppConfig;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartSurvivalTest {

  @Test
  void aJobInterruptedByAShutdownMidRenderCompletesAfterTheNextStartOnTheSameData() {
    Path dataDirectory = TestServers.temporaryDirectory("aivid-restart-");
    AppConfig config = TestServers.config(dataDirectory);
    String id;
    try (App first = App.start(config)) {
      Http http = new Http("http://localhost:" + first.port(), TestServers.BOOTSTRAP_KEY);
      id =
          http.postJson(
                  "/v1/videos", "{\"prompt\":\"survives a restart\",\"seconds\":\"12\",\"size\":\"1280x720\"}")
              .json()
              .path("id")
              .asText();
      Await.until(
          () -> http.get("/v1/videos/" + id).json().path("progress").asInt(),
          progress -> progress > 1,
          Duration.ofSeconds(60));
    }
    assertThat(Files.exists(dataDirectory.resolve("database-url"))).isFalse();

    try (App second = App.start(config)) {
      Http http = new Http("http://localhost:" + second.port(), TestServers.BOOTSTRAP_KEY);
      JsonNode video =
          Await.until(
              () -> http.get("/v1/videos/" + id).json(),
              node -> node.path("status").asText().equals("completed"),
              Duration.ofSeconds(120));
      assertThat(video.path("progress").asInt()).isEqualTo(100);
      assertThat(http.get("/v1/videos/" + id + "/content").status()).isEqualTo(200);
      assertThat(
              new dev.aivid.jobs.internal.VideoRepository(second.database().jdbi()).transitions(id))
          .containsSubsequence("queued", "submitted", "queued", "submitted", "downloading", "completed");
    }
  }

  @Test
  void theFirstStartWritesARandomAdminKeyThatStillWorksAfterARestart() throws Exception {
    Path dataDirectory = TestServers.temporaryDirectory("aivid-bootstrap-");
    AppConfig config =
        new AppConfig(0, dataDirectory, null, null, 1024 * 1024, 2, 5_000, false, false, 1_000_000_000L);
    String key;
    try (App first = App.start(config)) {
      Path keyFile = first.bootstrapKeyFile().orElseThrow();
      assertThat(java.nio.file.Files.getPosixFilePermissions(keyFile))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
      key = Files.readString(keyFile).trim();
      assertThat(new Http("http://localhost:" + first.port(), key).get("/v1/videos").status())
          .isEqualTo(200);
    }
    try (App second = App.start(config)) {
      assertThat(second.bootstrapKeyFile()).isEmpty();
      assertThat(new Http("http://localhost:" + second.port(), key).get("/v1/videos").status())
          .isEqualTo(200);
    }
  }
}
