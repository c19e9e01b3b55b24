package dev.aivid.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.config.ProviderConfig;
import dev.aivid.providers.kling.FakeKlingServer;
import dev.aivid.providers.seedance.FakeSeedanceServer;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proof, over real HTTP end to end: a server whose Kling credential comes from the
 * environment and whose Seedance credential is posted per organisation, against fake Kling and
 * Seedance servers that enforce each provider's wire format. A server of its own, so circuit
 * breakers opened here touch no other test.
 */
class KlingSeedanceRoutingEndToEndTest {
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
    // The fakes listen on loopback, which organisations may only name when the operator allows it.
    ProviderConfig providers =
        ProviderConfig.defaults().withCredential("kling", kling.credential().fields()).withPrivateBaseUrls(true);
    app = App.start(TestServers.config(TestServers.temporaryDirectory("aivid-kling-seedance-")).withProviders(providers));
  }

  @AfterAll
  static void stop() {
    app.close();
    kling.close();
    seedance.close();
  }

  /** A fresh organisation with the Seedance credential posted over the API (Kling comes from config). */
  private static Http tenant() {
    return TestServers.tenantWithCredential(app, "seedance", seedance.credential().get("api_key"), seedance.baseUrl());
  }

  private static JsonNode create(Http http, String prompt) {
    Http.Response created = http.postJson("/v1/videos", "{\"model\":\"auto\",\"prompt\":\"" + prompt + "\",\"seconds\":\"5\",\"size\":\"1280x720\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    return created.json();
  }

  private static JsonNode awaitCompleted(Http http, String id) {
    JsonNode done =
        Await.until(
            () -> http.get("/v1/videos/" + id).json(),
            video -> video.path("status").asText().equals("completed") || video.path("status").asText().equals("failed"),
            Duration.ofSeconds(120));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    return done;
  }

  private static long posts(Http http) {
    long posts = 0;
    for (JsonNode transfer : http.get("/v1/credits/ledger").json().path("data")) {
      if (transfer.path("kind").asText().equals("post")) {
        posts++;
      }
    }
    return posts;
  }

  @Test
  void aCityscapeEstablishingShotAndASprintRouteToDifferentModelsWithTheReasonsShown() {
    Http http = tenant();
    int klingCreates = kling.createCount();
    int seedanceCreates = seedance.createCount();

    JsonNode cityscape = create(http, CITYSCAPE);
    JsonNode sprint = create(http, SPRINT);

    assertThat(cityscape.path("model").asText()).isEqualTo("seedance-2.0");
    assertThat(sprint.path("model").asText()).isEqualTo("kling-v3");
    JsonNode cityscapeRouting = http.get("/v1/videos/" + cityscape.path("id").asText() + "/routing").json();
    JsonNode sprintRouting = http.get("/v1/videos/" + sprint.path("id").asText() + "/routing").json();
    assertThat(cityscapeRouting.path("routing").path("shot_class").asText()).isEqualTo("environment");
    assertThat(cityscapeRouting.path("routing").path("explanation").asText()).contains("temporal consistency 8.7");
    assertThat(sprintRouting.path("routing").path("shot_class").asText()).isEqualTo("high_motion");
    assertThat(sprintRouting.path("routing").path("cues").toString()).contains("sprints", "leaps");
    assertThat(sprintRouting.path("routing").path("explanation").asText()).contains("motion fluidity 9.6");
    assertThat(sprintRouting.path("fallbacks").toString()).contains("seedance-2.0");

    awaitCompleted(http, cityscape.path("id").asText());
    awaitCompleted(http, sprint.path("id").asText());
    // One credit has one value: each shot is charged its own model's price per second, 5 s at 720p.
    assertThat(http.get("/v1/videos/" + cityscape.path("id").asText() + "/credits").json().path("charged").asText()).isEqualTo("46.5");
    assertThat(http.get("/v1/videos/" + sprint.path("id").asText() + "/credits").json().path("charged").asText()).isEqualTo("42");
    assertThat(kling.createCount() - klingCreates).isEqualTo(1);
    assertThat(seedance.createCount() - seedanceCreates).isEqualTo(1);
    assertThat(kling.createRequests().getLast().path("model_name").asText()).isEqualTo("kling-v3");
    assertThat(seedance.createRequests().getLast().path("model").asText()).isEqualTo("dreamina-seedance-2-0-260128");
  }

  @Test
  void whenTheFirstProviderAnswers503TheJobCompletesOnTheSecondChargedOnceAtItsPrice() {
    Http http = tenant();
    kling.failNextCreates(3, 503);

    Http.Response created =
        http.postJson("/v1/videos", "{\"prompt\":\"" + SPRINT + "\",\"seconds\":\"5\",\"size\":\"1280x720\"}");
    assertThat(created.json().path("model").asText()).isEqualTo("kling-v3");
    assertThat(created.header("x-aivid-credits-held")).isEqualTo("42");
    String id = created.json().path("id").asText();

    JsonNode done = awaitCompleted(http, id);

    assertThat(done.path("model").asText()).isEqualTo("seedance-2.0");
    JsonNode credits = http.get("/v1/videos/" + id + "/credits").json();
    assertThat(credits.path("charged").asText()).isEqualTo("46.5");
    assertThat(posts(http)).isEqualTo(1);
    assertThat(http.get("/v1/credits").json().path("pending").asText()).isEqualTo("0");
    JsonNode routing = http.get("/v1/videos/" + id + "/routing").json();
    assertThat(routing.path("switches").asInt()).isEqualTo(1);
    assertThat(routing.path("notes").get(0).asText()).contains("Failed over from kling-v3 to seedance-2.0", "provider_unavailable");
  }

  @Test
  void anOutputThatFailsQualityControlIsNotChargedAndTheShotMovesToTheNextModel() {
    Http http = tenant();
    kling.deliverWrongDuration(2);
    try {
      Http.Response created =
          http.postJson("/v1/videos", "{\"prompt\":\"" + SPRINT + "\",\"seconds\":\"5\",\"size\":\"1280x720\"}");
      assertThat(created.json().path("model").asText()).isEqualTo("kling-v3");
      String id = created.json().path("id").asText();

      JsonNode done = awaitCompleted(http, id);

      assertThat(done.path("model").asText()).isEqualTo("seedance-2.0");
      JsonNode checks = http.get("/v1/videos/" + id + "/qc").json().path("checks");
      assertThat(checks).hasSize(2);
      assertThat(checks.get(0).path("model").asText()).isEqualTo("kling-v3");
      assertThat(checks.get(0).path("passes").asBoolean()).isFalse();
      assertThat(checks.get(0).path("report").path("issues").toString()).contains("wrong_duration");
      assertThat(checks.get(1).path("model").asText()).isEqualTo("seedance-2.0");
      assertThat(checks.get(1).path("passes").asBoolean()).isTrue();
      assertThat(checks.get(1).path("report").path("video_codec").asText()).isEqualTo("h264");
      assertThat(http.get("/v1/videos/" + id + "/credits").json().path("charged").asText()).isEqualTo("46.5");
      assertThat(posts(http)).isEqualTo(1);
      assertThat(http.get("/v1/videos/" + id + "/routing").json().path("notes").get(0).asText()).contains("qc_failed", "wrong_duration");
    } finally {
      kling.deliverWrongDuration(0);
    }
  }

  @Test
  void aSoraRequestIsServedByTheBestRoutableSuccessorWithTheHeaderSet() {
    Http http = tenant();

    Http.Response created =
        http.postJson("/v1/videos", "{\"model\":\"sora-2\",\"prompt\":\"" + CITYSCAPE + "\",\"seconds\":\"8\",\"size\":\"1280x720\"}");

    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(created.json().path("model").asText()).isEqualTo("seedance-2.0");
    assertThat(created.header("x-aivid-model-rerouted")).isEqualTo("sora-2 -> seedance-2.0");
    String id = created.json().path("id").asText();
    JsonNode routing = http.get("/v1/videos/" + id + "/routing").json();
    assertThat(routing.path("requested_model").asText()).isEqualTo("sora-2");
    assertThat(routing.path("notes").get(0).asText()).contains("retired on 2026-09-24");
    awaitCompleted(http, id);
  }

  @Test
  void aStackIsCompiledIntoSeedanceContentWithItsReferenceRolesAndEveryControlGetsAVerdict() {
    Http http = tenant();
    String courier = upload(http, "courier.png", TestImages.png(640, 360, Color.ORANGE));
    String street = upload(http, "street.png", TestImages.png(640, 360, Color.BLUE));
    String stack =
        "{\"prompt\":\"@Image1 for the courier character walks through @Image2 for the rainy street background\","
            + "\"entries\":[{\"kind\":\"image\",\"asset_id\":\"" + courier + "\"},{\"kind\":\"image\",\"asset_id\":\"" + street
            + "\"},{\"kind\":\"seed\",\"value\":11}]}";

    Http.Response created =
        http.postJson("/v1/renders", "{\"model\":\"seedance-2.0\",\"seconds\":\"5\",\"size\":\"1280x720\",\"stack\":" + stack + "}");

    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String id = created.json().path("id").asText();
    awaitCompleted(http, id);
    JsonNode body = seedance.createRequests().getLast();
    List<String> roles = new ArrayList<>();
    body.path("content").forEach(item -> roles.add(item.path("type").asText() + ":" + item.path("role").asText("")));
    assertThat(roles).contains("text:", "image_url:reference_image");
    assertThat(roles.stream().filter(role -> role.startsWith("image_url")).count()).isEqualTo(2);
    assertThat(body.path("seed").asLong()).isEqualTo(11);
    JsonNode controls = http.get("/v1/videos/" + id + "/routing").json().path("controls");
    List<String> named = new ArrayList<>();
    controls.forEach(control -> named.add(control.path("control").asText() + "=" + control.path("fidelity").asText()));
    assertThat(named).contains("@Image1=honoured", "@Image2=honoured");
    assertThat(named).anyMatch(entry -> entry.startsWith("seed="));
  }

  private static String upload(Http http, String name, byte[] png) {
    Multipart body = new Multipart().file("file", name, "image/png", png).field("kind", "image");
    Http.Response response = http.post("/v1/assets", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build()));
    assertThat(response.status()).as(response.text()).isIn(200, 201);
    return response.json().path("id").asText();
  }
}
