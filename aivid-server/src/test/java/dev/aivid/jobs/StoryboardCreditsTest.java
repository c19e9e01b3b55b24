package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.account.CreatedApiKey;
import dev.aivid.account.Organization;
import dev.aivid.config.ProviderConfig;
import dev.aivid.providers.kling.FakeKlingServer;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A storyboard is priced before it starts and held as one: the estimate is the sum of its shots,
 * a board the pool cannot cover is refused with nothing held, and each shot settles its own part.
 * Kling (8.4 credits a second at 720p) renders against the fake Kling server.
 */
class StoryboardCreditsTest {
  private static FakeKlingServer kling;
  private static App app;

  @BeforeAll
  static void start() {
    kling = FakeKlingServer.start();
    ProviderConfig providers =
        ProviderConfig.defaults().withCredential("kling", kling.credential().fields()).withPrivateBaseUrls(true);
    app = App.start(TestServers.config(TestServers.temporaryDirectory("aivid-board-credits-")).withProviders(providers));
  }

  @AfterAll
  static void stop() {
    app.close();
    kling.close();
  }

  private static Http tenant(long creditsMicros) {
    Organization organization = app.accounts().createOrganization("board-" + UUID.randomUUID());
    CreatedApiKey key = app.accounts().createKey(organization, "test", ApiKeyRole.ADMIN);
    app.ledger().grant(organization.id(), creditsMicros, "test funds", null);
    return new Http("http://localhost:" + app.port(), key.secret());
  }

  private static BigDecimal credits(JsonNode value) {
    return new BigDecimal(value.asText());
  }

  private static final String TWO_KLING_SHOTS =
      "{\"shots\":["
          + "{\"prompt\":\"a courier sprints along the pier\",\"seconds\":\"5\",\"model\":\"kling-v3\"},"
          + "{\"prompt\":\"the courier leaps onto a boat\",\"seconds\":\"5\",\"model\":\"kling-v3\",\"transition\":\"cut\"}]}";

  @Test
  void theBoardEstimateIsTheSumOfItsShotsAndThePreflightHoldsAndStoresNothing() {
    Http http = tenant(1_000_000_000L);
    Http.Response preflight =
        http.postJson(
            "/v1/storyboards/preflight",
            "{\"shots\":["
                + "{\"prompt\":\"a courier sprints along the pier\",\"seconds\":\"5\",\"model\":\"kling-v3\"},"
                + "{\"prompt\":\"the harbour at dawn, wide\",\"seconds\":\"10\",\"model\":\"kling-v3\"},"
                + "{\"prompt\":\"a lighthouse\",\"seconds\":\"2\",\"model\":\"local/previz\"}]}");

    assertThat(preflight.status()).as(preflight.text()).isEqualTo(200);
    JsonNode body = preflight.json();
    BigDecimal sum = BigDecimal.ZERO;
    for (JsonNode shot : body.path("shots")) {
      sum = sum.add(credits(shot.path("estimated_credits")));
      assertThat(shot.path("verdict").asText()).isIn("ok", "warnings");
      assertThat(shot.has("findings")).isTrue();
    }
    assertThat(body.path("shots").get(0).path("model").asText()).isEqualTo("kling-v3");
    assertThat(body.path("shots").get(0).path("estimated_credits").asText()).isEqualTo("42");
    assertThat(body.path("shots").get(1).path("estimated_credits").asText()).isEqualTo("84");
    assertThat(credits(body.path("estimated_credits"))).isEqualByComparingTo(sum).isEqualByComparingTo("126.2");
    assertThat(body.path("affordable").asBoolean()).isTrue();
    JsonNode balance = http.get("/v1/credits").json();
    assertThat(balance.path("pending").asText()).isEqualTo("0");
    assertThat(http.get("/v1/videos").json().path("data")).isEmpty();
  }

  @Test
  void aBoardThePoolCannotCoverIsRefusedWith402AndNothingIsHeldOrQueued() {
    Http http = tenant(50_000_000L);

    Http.Response refused = http.postJson("/v1/storyboards", TWO_KLING_SHOTS);

    assertThat(refused.status()).as(refused.text()).isEqualTo(402);
    assertThat(refused.text()).contains("insufficient_credits", "84", "50");
    JsonNode balance = http.get("/v1/credits").json();
    assertThat(balance.path("pending").asText()).isEqualTo("0");
    assertThat(balance.path("available").asText()).isEqualTo("50");
    assertThat(http.get("/v1/videos").json().path("data")).isEmpty();
    assertThat(http.get("/v1/credits/ledger").json().path("data").toString()).doesNotContain("\"pending\"");
  }

  @Test
  void theWholeBoardIsHeldAtOnceAndEachShotIsChargedItsOwnPart() {
    Http http = tenant(1_000_000_000L);

    Http.Response created = http.postJson("/v1/storyboards", TWO_KLING_SHOTS);

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(created.json().path("credits").path("estimated").asText()).isEqualTo("84");
    JsonNode holds = http.get("/v1/credits/ledger").json().path("data");
    int pending = 0;
    for (JsonNode transfer : holds) {
      if (transfer.path("kind").asText().equals("pending")) {
        pending++;
        assertThat(transfer.path("reason").asText()).contains(id);
      }
    }
    assertThat(pending).isEqualTo(2);
    JsonNode done =
        Await.until(
            () -> http.get("/v1/storyboards/" + id).json(),
            board -> board.path("status").asText().matches("completed|failed"),
            Duration.ofSeconds(120));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    for (JsonNode shot : done.path("shots")) {
      assertThat(shot.path("charged_credits").asText()).isEqualTo("42");
      assertThat(shot.path("held_credits").asText()).isEqualTo("0");
    }
    assertThat(done.path("credits").path("charged").asText()).isEqualTo("84");
    assertThat(done.path("credits").path("held").asText()).isEqualTo("0");
    JsonNode balance = http.get("/v1/credits").json();
    assertThat(balance.path("pending").asText()).isEqualTo("0");
    assertThat(balance.path("posted").asText()).isEqualTo("84");
  }

  @Test
  void aFailingShotReleasesItsPartAndTheBalanceIsExactWithNoDrift() {
    Http http = tenant(1_000_000_000L);
    kling.failOneTask("content moderation rejected the prompt");

    Http.Response created = http.postJson("/v1/storyboards", TWO_KLING_SHOTS);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asText();

    JsonNode done =
        Await.until(
            () -> http.get("/v1/storyboards/" + id).json(),
            board -> board.path("status").asText().matches("completed|failed"),
            Duration.ofSeconds(120));

    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("failed");
    assertThat(done.path("error").path("code").asText()).isEqualTo("shot_failed");
    BigDecimal charged = BigDecimal.ZERO;
    int failedShots = 0;
    for (JsonNode shot : done.path("shots")) {
      assertThat(shot.path("held_credits").asText()).isEqualTo("0");
      charged = charged.add(credits(shot.path("charged_credits")));
      if (shot.path("status").asText().equals("failed")) {
        failedShots++;
        assertThat(shot.path("charged_credits").asText()).isEqualTo("0");
      }
    }
    assertThat(failedShots).isEqualTo(1);
    assertThat(credits(done.path("credits").path("charged"))).isEqualByComparingTo(charged);
    JsonNode balance = http.get("/v1/credits").json();
    assertThat(balance.path("pending").asText()).isEqualTo("0");
    assertThat(credits(balance.path("posted"))).isEqualByComparingTo(charged);
    assertThat(credits(balance.path("available"))).isEqualByComparingTo(new BigDecimal("1000").subtract(charged));
    assertThat(app.ledger().verify().drifts()).isEmpty();
  }

  @Test
  void badBoardsAreRefusedNamingTheShotAndTheField() {
    Http http = tenant(1_000_000_000L);

    Http.Response unknownModel =
        http.postJson("/v1/storyboards", "{\"shots\":[{\"prompt\":\"a\",\"model\":\"local/previz\",\"seconds\":\"2\"},{\"prompt\":\"b\",\"model\":\"kling-v9\"}]}");
    Http.Response secondsOutOfRange =
        http.postJson("/v1/storyboards", "{\"shots\":[{\"prompt\":\"a\",\"model\":\"kling-v3\",\"seconds\":\"400\"}]}");
    Http.Response badTransition =
        http.postJson("/v1/storyboards/preflight", "{\"shots\":[{\"prompt\":\"a\",\"transition\":\"wipe\"}]}");
    StringBuilder many = new StringBuilder("{\"shots\":[");
    for (int index = 0; index < StoryboardService.MAX_SHOTS + 1; index++) {
      many.append(index == 0 ? "" : ",").append("{\"prompt\":\"shot ").append(index).append("\"}");
    }
    Http.Response tooMany = http.postJson("/v1/storyboards", many.append("]}").toString());

    assertThat(unknownModel.status()).isEqualTo(400);
    assertThat(unknownModel.text()).contains("shots[1].model", "model_not_found");
    assertThat(secondsOutOfRange.status()).isEqualTo(400);
    assertThat(secondsOutOfRange.text()).contains("shots[0].seconds", "unsupported_seconds");
    assertThat(badTransition.status()).isEqualTo(400);
    assertThat(badTransition.text()).contains("shots[0].transition", "invalid_transition");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.text()).contains("invalid_shots");
    assertThat(http.get("/v1/videos").json().path("data")).isEmpty();
    assertThat(http.get("/v1/credits").json().path("pending").asText()).isEqualTo("0");
  }
}
