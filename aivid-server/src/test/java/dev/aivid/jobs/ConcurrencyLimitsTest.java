package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.account.CreatedApiKey;
import dev.aivid.account.Organization;
import dev.aivid.config.AppConfig;
import dev.aivid.config.JobLimits;
import dev.aivid.config.ProviderConfig;
import dev.aivid.providers.kling.FakeKlingServer;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database share the concurrency limits: an organisation never has more than its
 * limit of renders running, a provider never more than its own, counted where it matters: in
 * flight at the (fake) provider. Jobs waiting for a slot stay queued and say why.
 */
class ConcurrencyLimitsTest {
  private static final int ORGANIZATION_LIMIT = 2;
  private static final int KLING_LIMIT = 3;

  private static AppConfig node(Path dataDirectory, String databaseUrl, FakeKlingServer kling) {
    ProviderConfig providers =
        ProviderConfig.defaults().withCredential("kling", kling.credential().fields()).withPrivateBaseUrls(true);
    return new AppConfig(
            0, dataDirectory, databaseUrl, TestServers.BOOTSTRAP_KEY, 1024 * 1024, 4, 3_000, false, false, 0L)
        .withProviders(providers)
        .withJobLimits(JobLimits.defaults().withMaxConcurrentPerOrganization(ORGANIZATION_LIMIT).withMaxConcurrent("kling", KLING_LIMIT));
  }

  /** An organisation with a key, funded, reachable through either node. */
  private static List<Http> tenant(App app, List<App> nodes) {
    Organization organization = app.accounts().createOrganization("limits-" + UUID.randomUUID());
    CreatedApiKey key = app.accounts().createKey(organization, "test", ApiKeyRole.ADMIN);
    app.ledger().grant(organization.id(), 1_000_000_000L, "test funds", null);
    List<Http> clients = new ArrayList<>();
    for (App node : nodes) {
      clients.add(new Http("http://localhost:" + node.port(), key.secret()));
    }
    return clients;
  }

  private static void awaitCompleted(Http http, List<String> ids) {
    for (String id : ids) {
      JsonNode done =
          Await.until(
              () -> http.get("/v1/videos/" + id).json(),
              video -> video.path("status").asText().matches("completed|failed"),
              Duration.ofSeconds(180));
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    }
  }

  @Test
  void neitherAnOrganisationNorAProviderEverHasMoreRendersRunningThanItsLimitAcrossTwoNodes() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        FakeKlingServer kling = FakeKlingServer.start()) {
      kling.completeAfterPolls(3);
      String url = postgres.getJdbcUrl("postgres", "postgres");
      Path shared = TestServers.temporaryDirectory("aivid-limits-");
      try (App first = App.start(node(shared, url, kling));
          App second = App.start(node(shared, url, kling))) {
        List<App> nodes = List.of(first, second);

        // One organisation, six shots of a board: at most two run at once; the rest wait, queued, saying why.
        List<Http> solo = tenant(first, nodes);
        StringBuilder shots = new StringBuilder();
        for (int index = 0; index < 6; index++) {
          shots.append(index == 0 ? "" : ",").append("{\"prompt\":\"a courier sprints, take ").append(index).append("\",\"seconds\":\"3\",\"model\":\"kling-v3\"}");
        }
        Http.Response board = solo.get(0).postJson("/v1/storyboards", "{\"size\":\"720x720\",\"shots\":[" + shots + "]}");
        assertThat(board.status()).as(board.text()).isEqualTo(201);
        String boardId = board.json().path("id").asText();
        AtomicReference<String> reason = new AtomicReference<>();
        Await.until(
            () -> {
              for (JsonNode shot : solo.get(1).get("/v1/storyboards/" + boardId).json().path("shots")) {
                if (shot.has("queued_reason")) {
                  reason.set(shot.path("queued_reason").asText());
                  assertThat(shot.path("status").asText()).isEqualTo("queued");
                }
              }
              return reason.get();
            },
            found -> found != null,
            Duration.ofSeconds(60));
        assertThat(reason.get()).contains("organisation", "limit " + ORGANIZATION_LIMIT);
        List<String> shotIds = new ArrayList<>();
        board.json().path("shots").forEach(shot -> shotIds.add(shot.path("video_id").asText()));
        awaitCompleted(solo.get(0), shotIds);
        assertThat(kling.maxInFlight()).isEqualTo(ORGANIZATION_LIMIT);

        // Three organisations, four renders each, through both nodes: Kling never has more than three.
        kling.resetMaxInFlight();
        List<Http> owners = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int organization = 0; organization < 3; organization++) {
          List<Http> clients = tenant(second, nodes);
          for (int index = 0; index < 4; index++) {
            Http via = clients.get(index % 2);
            Http.Response created =
                via.postJson(
                    "/v1/videos",
                    "{\"model\":\"kling-v3\",\"prompt\":\"a courier leaps, org " + organization + " take " + index + "\",\"seconds\":\"3\",\"size\":\"720x720\"}");
            assertThat(created.status()).as(created.text()).isEqualTo(200);
            owners.add(via);
            ids.add(created.json().path("id").asText());
          }
        }
        // Twelve renders for three slots: the last ones wait, queued, and say for what.
        String waiting =
            Await.until(
                () -> owners.getLast().get("/v1/videos/" + ids.getLast() + "/routing").json().path("queued_reason").asText(""),
                found -> !found.isEmpty(),
                Duration.ofSeconds(60));
        assertThat(waiting).startsWith("waiting for a slot").containsAnyOf("provider kling has", "organisation has");
        for (int index = 0; index < ids.size(); index++) {
          awaitCompleted(owners.get(index), List.of(ids.get(index)));
        }
        assertThat(kling.maxInFlight()).isEqualTo(KLING_LIMIT);
        assertThat(first.ledger().verify().drifts()).isEmpty();
      }
    }
  }
}
