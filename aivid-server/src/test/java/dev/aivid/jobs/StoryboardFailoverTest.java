package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.config.ProviderConfig;
import dev.aivid.providers.kling.FakeKlingServer;
import dev.aivid.providers.seedance.FakeSeedanceServer;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A storyboard shot that fails over re-prices inside its part of the board's hold: a cheaper
 * fallback is charged its own price from that part; a dearer one fails the shot with
 * insufficient_credits and the pool is not asked again. Seedance 2.0 costs 46.5 for 5 s at 720p,
 * Kling v3 42. A server of its own, so the circuit breakers opened here touch no other test.
 */
class StoryboardFailoverTest {
  private static final String CITYSCAPE =
      "Wide establishing shot of a neon cityscape at night, the skyline under soft rain";
  private static final String SPRINT = "A courier sprints across the rooftop and leaps the gap";

  private static FakeKlingServer kling;
  private static FakeSeedanceServer seedance;
  private static App app;

  @BeforeAll
  static void start() {
    kling = FakeKlingServer.start();
    seedance = FakeSeedanceServer.start();
    ProviderConfig providers =
        ProviderConfig.defaults().withCredential("kling", kling.credential().fields()).withPrivateBaseUrls(true);
    app = App.start(TestServers.config(TestServers.temporaryDirectory("aivid-board-failover-")).withProviders(providers));
  }

  @AfterAll
  static void stop() {
    app.close();
    kling.close();
    seedance.close();
  }

  private static Http tenant() {
    return TestServers.tenantWithCredential(app, "seedance", seedance.credential().get("api_key"), seedance.baseUrl());
  }

  private static JsonNode board(Http http, String prompt) {
    Http.Response created =
        http.postJson("/v1/storyboards", "{\"size\":\"1280x720\",\"shots\":[{\"prompt\":\"" + prompt + "\",\"seconds\":\"5\"}]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asText();
    return Await.until(
        () -> http.get("/v1/storyboards/" + id).json(),
        board -> board.path("status").asText().matches("completed|failed"),
        Duration.ofSeconds(120));
  }

  @Test
  void aShotThatFailsOverToACheaperModelIsChargedItsPriceFromItsPartOfTheBoardsHold() {
    Http http = tenant();
    seedance.failNextTask("InternalServiceError", "the render crashed");

    JsonNode done = board(http, CITYSCAPE);

    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    JsonNode shot = done.path("shots").get(0);
    assertThat(shot.path("model").asText()).isEqualTo("kling-v3");
    assertThat(shot.path("charged_credits").asText()).isEqualTo("42");
    JsonNode routing = http.get("/v1/videos/" + shot.path("video_id").asText() + "/routing").json();
    assertThat(routing.path("notes").toString()).contains("Failed over from seedance-2.0 to kling-v3", "inside storyboard");
    JsonNode balance = http.get("/v1/credits").json();
    assertThat(balance.path("pending").asText()).isEqualTo("0");
    assertThat(balance.path("posted").asText()).isEqualTo("42");
    long holds = 0;
    for (JsonNode transfer : http.get("/v1/credits/ledger").json().path("data")) {
      if (transfer.path("kind").asText().equals("pending")) {
        holds++;
        assertThat(transfer.path("amount").asText()).isEqualTo("46.5");
      }
    }
    assertThat(holds).as("one part, kept through the failover").isEqualTo(1);
    assertThat(app.ledger().verify().drifts()).isEmpty();
  }

  @Test
  void aPassingFaultOnAShotWhoseFallbackCostsMoreThanItsPartIsRetriedOnItsOwnModelAndTheShotCompletes() {
    Http http = tenant();
    // Every attempt of the first create (the HTTP client tries three times) is refused as overloaded.
    kling.failNextCreates(3, 503);

    JsonNode done = board(http, SPRINT);

    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    JsonNode shot = done.path("shots").get(0);
    assertThat(shot.path("model").asText()).isEqualTo("kling-v3");
    assertThat(shot.path("charged_credits").asText()).isEqualTo("42");
    JsonNode routing = http.get("/v1/videos/" + shot.path("video_id").asText() + "/routing").json();
    assertThat(routing.path("notes").toString()).doesNotContain("Failed over");
    JsonNode balance = http.get("/v1/credits").json();
    assertThat(balance.path("pending").asText()).isEqualTo("0");
    assertThat(balance.path("posted").asText()).isEqualTo("42");
    assertThat(app.ledger().verify().drifts()).isEmpty();
  }

  @Test
  void aShotWhoseFallbackCostsMoreThanItsPartFailsWithInsufficientCreditsAndNothingIsCharged() {
    Http http = tenant();
    kling.deliverWrongDuration(2);
    JsonNode done;
    try {
      done = board(http, SPRINT);
    } finally {
      kling.deliverWrongDuration(0);
    }

    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("failed");
    JsonNode shot = done.path("shots").get(0);
    assertThat(shot.path("status").asText()).isEqualTo("failed");
    assertThat(shot.path("error_code").asText()).isEqualTo("insufficient_credits");
    JsonNode video = http.get("/v1/videos/" + shot.path("video_id").asText()).json();
    assertThat(video.path("error").path("message").asText()).contains("46.5", "42", "storyboard");
    JsonNode balance = http.get("/v1/credits").json();
    assertThat(balance.path("pending").asText()).isEqualTo("0");
    assertThat(balance.path("posted").asText()).isEqualTo("0");
    assertThat(app.ledger().verify().drifts()).isEmpty();
  }
}
