package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.config.AppConfig;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two nodes on one database and one shared data directory, as in a scaled-out deployment. */
class MultiNodeTest {

  private static AppConfig node(Path dataDirectory, String databaseUrl) {
    return new AppConfig(
        0, dataDirectory, databaseUrl, TestServers.BOOTSTRAP_KEY, 1024 * 1024, 2, 3_000, false, false, 1_000_000_000L);
  }

  private static JsonNode awaitCompleted(Http http, String id) {
    return Await.until(
        () -> http.get("/v1/videos/" + id).json(),
        video -> video.path("status").asText().equals("completed"),
        Duration.ofSeconds(120));
  }

  @Test
  void localRendersCompleteWhicheverNodeTheyStartOnAndEitherNodeServesThem() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      Path shared = TestServers.temporaryDirectory("aivid-nodes-");
      try (App first = App.start(node(shared, url));
          App second = App.start(node(shared, url))) {
        Http viaFirst = new Http("http://localhost:" + first.port(), TestServers.BOOTSTRAP_KEY);
        Http viaSecond = new Http("http://localhost:" + second.port(), TestServers.BOOTSTRAP_KEY);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          for (Http http : List.of(viaFirst, viaSecond)) {
            ids.add(
                http.postJson("/v1/videos", "{\"prompt\":\"node " + i + "\",\"seconds\":\"2\",\"size\":\"320x180\"}")
                    .json()
                    .path("id")
                    .asText());
          }
        }
        for (String id : ids) {
          awaitCompleted(viaFirst, id);
          assertThat(viaSecond.get("/v1/videos/" + id + "/content").status()).isEqualTo(200);
        }
      }
    }
  }

  @Test
  void whenTheNodeRenderingAVideoStopsTheOtherNodeFinishesIt() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      Path shared = TestServers.temporaryDirectory("aivid-takeover-");
      try (App survivor = App.start(node(shared, url))) {
        Http viaSurvivor = new Http("http://localhost:" + survivor.port(), TestServers.BOOTSTRAP_KEY);
        String id;
        try (App doomed = App.start(node(shared, url))) {
          Http viaDoomed = new Http("http://localhost:" + doomed.port(), TestServers.BOOTSTRAP_KEY);
          id =
              viaDoomed
                  .postJson("/v1/videos", "{\"prompt\":\"take over\",\"seconds\":\"10\",\"size\":\"1280x720\"}")
                  .json()
                  .path("id")
                  .asText();
          Await.until(
              () -> viaDoomed.get("/v1/videos/" + id).json().path("progress").asInt(),
              progress -> progress > 1,
              Duration.ofSeconds(60));
        }
        JsonNode video = awaitCompleted(viaSurvivor, id);
        assertThat(video.path("progress").asInt()).isEqualTo(100);
        JsonNode credits = viaSurvivor.get("/v1/videos/" + id + "/credits").json();
        assertThat(credits.path("status").asText()).isEqualTo("charged");
        assertThat(survivor.ledger().verify().drifts()).isEmpty();
      }
    }
  }
}
