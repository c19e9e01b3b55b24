package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.config.AppConfig;
import dev.aivid.config.ProviderConfig;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A chain whose node stops between segments is finished by another node from where it stood. */
class ExtendChainTakeoverTest {

  private static AppConfig node(Path dataDirectory, String databaseUrl, Path catalog) {
    return new AppConfig(
            0, dataDirectory, databaseUrl, TestServers.BOOTSTRAP_KEY, 1024 * 1024, 2, 3_000, false, false, 1_000_000_000L)
        .withProviders(ChainTestSupport.withCatalog(ProviderConfig.defaults(), catalog));
  }

  /** Segment index to provider handle of the completed segments, read from the shared database. */
  private static Map<Integer, String> finishedSegments(EmbeddedPostgres postgres, String videoId) throws Exception {
    Map<Integer, String> finished = new TreeMap<>();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select segment_index, provider_handle from video_segments where video_id = ? and completed_at is not null")) {
      query.setString(1, videoId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          finished.put(rows.getInt(1), rows.getString(2));
        }
      }
    }
    return finished;
  }

  @Test
  void whenTheNodeRenderingAChainStopsBetweenSegmentsTheOtherNodeFinishesItWithoutRenderingFinishedSegmentsAgain()
      throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      Path shared = TestServers.temporaryDirectory("aivid-chain-takeover-");
      Path catalog = ChainTestSupport.shortLocalCatalog(shared);
      {
        String id;
        JsonNode firstSegment;
        Map<Integer, String> finishedAtStop;
        try (App doomed = App.start(node(shared, url, catalog))) {
          Http viaDoomed = new Http("http://localhost:" + doomed.port(), TestServers.BOOTSTRAP_KEY);
          id =
              viaDoomed
                  .postJson(
                      "/v1/videos",
                      "{\"model\":\"local/previz\",\"prompt\":\"take over the chain\",\"seconds\":\"10\",\"size\":\"640x360\"}")
                  .json()
                  .path("id")
                  .asText();
          firstSegment =
              Await.until(
                  () -> viaDoomed.get("/v1/videos/" + id + "/routing").json().path("chain").path("segments").get(0),
                  segment -> segment != null && segment.path("status").asText().equals("completed"),
                  Duration.ofSeconds(60));
        }
        finishedAtStop = finishedSegments(postgres, id);
        assertThat(finishedAtStop).as("the node stopped mid-chain").isNotEmpty().hasSizeLessThan(5);
        try (App successor = App.start(node(shared, url, catalog))) {
          Http viaSuccessor = new Http("http://localhost:" + successor.port(), TestServers.BOOTSTRAP_KEY);
          JsonNode video =
              Await.until(
                  () -> viaSuccessor.get("/v1/videos/" + id).json(),
                  found -> found.path("status").asText().equals("completed"),
                  Duration.ofSeconds(120));
          assertThat(video.path("seconds").asText()).isEqualTo("10");
          JsonNode segments = viaSuccessor.get("/v1/videos/" + id + "/routing").json().path("chain").path("segments");
          assertThat(segments).hasSize(5);
          assertThat(segments.get(0).path("provider_handle").asText())
              .isEqualTo(firstSegment.path("provider_handle").asText());
          segments.forEach(segment -> assertThat(segment.path("status").asText()).isEqualTo("completed"));
          // The finished segments were kept as they were: none was rendered again.
          assertThat(finishedSegments(postgres, id)).containsAllEntriesOf(finishedAtStop).hasSize(5);
          JsonNode credits = viaSuccessor.get("/v1/videos/" + id + "/credits").json();
          assertThat(credits.path("status").asText()).isEqualTo("charged");
          assertThat(successor.ledger().verify().drifts()).isEmpty();
        }
      }
    }
  }
}
