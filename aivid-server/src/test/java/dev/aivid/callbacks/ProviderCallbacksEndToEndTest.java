package dev.aivid.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.App;
import dev.aivid.config.AppConfig;
import dev.aivid.config.CallbackConfig;
import dev.aivid.config.ProviderConfig;
import dev.aivid.config.WebhookConfig;
import dev.aivid.jobs.VideoJob;
import dev.aivid.jobs.internal.VideoRepository;
import dev.aivid.providers.kling.FakeKlingServer;
import dev.aivid.providers.openai.FakeOpenAiServer;
import dev.aivid.providers.seedance.FakeSeedanceServer;
import dev.aivid.support.Await;
import dev.aivid.support.CallbackSender;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import dev.aivid.webhooks.internal.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provider callbacks over real HTTP end to end: a server with a public base URL, whose fallback
 * poll interval for renders that will be called back is ten minutes, against fake Kling, Seedance
 * and OpenAI servers that finish a render on their own and call back the way each provider does
 * (Kling and Seedance: the task posted to the request's callback_url; OpenAI: a signed
 * {@code video.completed} event). A job completing at all within the await proves the callback woke
 * it; the fakes' query counters prove how many polls it took.
 */
class ProviderCallbacksEndToEndTest {
  private static final long FALLBACK_POLL_MILLIS = 600_000;
  /** Kling's and Seedance's downloads query the task again for a freshly signed result URL. */
  private static final int POLL_AND_DOWNLOAD_QUERIES = 2;
  private static final String WEBHOOK_SECRET =
      WebhookSignature.secret("openai-project-webhook-secret-32b".getBytes(StandardCharsets.US_ASCII));
  private static final ObjectMapper JSON = new ObjectMapper();

  private static FakeKlingServer kling;
  private static FakeSeedanceServer seedance;
  private static FakeOpenAiServer openai;
  private static App app;
  private static String publicBaseUrl;

  @BeforeAll
  static void start() {
    kling = FakeKlingServer.start();
    seedance = FakeSeedanceServer.start();
    openai = FakeOpenAiServer.start();
    int port = freePort();
    publicBaseUrl = "http://127.0.0.1:" + port;
    Map<String, String> openAiFields = new HashMap<>(openai.credential().fields());
    openAiFields.put("webhook_secret", WEBHOOK_SECRET);
    ProviderConfig providers =
        ProviderConfig.defaults()
            .withCredential("kling", kling.credential().fields())
            .withCredential("seedance", seedance.credential().fields())
            .withCredential("openai", openAiFields)
            .withPrivateBaseUrls(true)
            .withCallbacks(new CallbackConfig(URI.create(publicBaseUrl), FALLBACK_POLL_MILLIS));
    AppConfig config =
        new AppConfig(
                port,
                TestServers.temporaryDirectory("aivid-callbacks-"),
                null,
                TestServers.BOOTSTRAP_KEY,
                2L * 1024 * 1024,
                4,
                5_000,
                false,
                false,
                1_000_000_000L)
            .withWebhooks(WebhookConfig.defaults().withPrivateUrls(true))
            .withProviders(providers);
    app = App.start(config);
    openai.sendWebhooks(URI.create(publicBaseUrl + "/v1/provider-callbacks/openai/webhook"), WEBHOOK_SECRET);
  }

  @AfterAll
  static void stop() {
    app.close();
    kling.close();
    seedance.close();
    openai.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Http tenant() {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    return new Http(tenant.baseUrl(), tenant.apiKey());
  }

  private static String create(Http http, String model, int seconds) {
    Http.Response created =
        http.postJson(
            "/v1/videos",
            "{\"model\":\"" + model + "\",\"prompt\":\"A lighthouse at dusk, waves breaking\",\"seconds\":\""
                + seconds + "\",\"size\":\"1280x720\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(created.json().path("model").asText()).isEqualTo(model);
    return created.json().path("id").asText();
  }

  private static JsonNode awaitFinished(Http http, String id) {
    JsonNode done =
        Await.until(
            () -> http.get("/v1/videos/" + id).json(),
            video -> video.path("status").asText().equals("completed") || video.path("status").asText().equals("failed"),
            Duration.ofSeconds(90));
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

  private static JsonNode lastKlingCreateFor(String videoId) {
    return Await.until(
        () ->
            kling.createRequests().stream()
                .filter(body -> body.path("callback_url").asText("").contains("/" + videoId + "."))
                .findFirst()
                .orElse(null),
        body -> body != null,
        Duration.ofSeconds(30));
  }

  private static CallbackSender.Sent post(String url, String body, Map<String, String> headers) {
    return new CallbackSender().post(URI.create(url), body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static JsonNode answer(CallbackSender.Sent sent) {
    try {
      return JSON.readTree(sent.answer());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the database holds for the job's wake-up: its due time and any pending wake request. */
  private static Map<String, Object> schedule(String videoId) {
    return app.database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("select run_at, wake_requested_at, phase from videos where id = :id")
                    .bind("id", videoId)
                    .mapToMap()
                    .one());
  }

  @Test
  void aKlingRenderCompletesRightAfterItsCallbackWithOnePollInsteadOfWaitingTenMinutes() {
    Http http = tenant();
    kling.callBackWhenDone(1);
    int queriesBefore = kling.queryCount();
    try {
      String id = create(http, "kling-v3", 5);

      awaitFinished(http, id);

      // One poll after the callback, and the download's query for a freshly signed URL. Without the
      // callback the fake needs two polls, the first ten minutes after the submit.
      assertThat(kling.queryCount() - queriesBefore).isEqualTo(POLL_AND_DOWNLOAD_QUERIES);
      String callbackUrl = lastKlingCreateFor(id).path("callback_url").asText();
      assertThat(callbackUrl).startsWith(publicBaseUrl + "/v1/provider-callbacks/kling/" + id + ".");
      CallbackSender.Sent sent =
          kling.sentCallbacks().stream().filter(callback -> callback.url().toString().equals(callbackUrl)).findFirst().orElseThrow();
      assertThat(sent.status()).as(sent.answer()).isEqualTo(200);
      assertThat(answer(sent).path("action").asText()).isEqualTo("poll_now");
      assertThat(JSON.readTree(sent.body()).path("task_status").asText()).isEqualTo("succeed");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      kling.callBackWhenDone(0);
    }
  }

  @Test
  void aSeedanceRenderCompletesRightAfterItsCallbackWithOnePoll() {
    Http http = tenant();
    seedance.callBackWhenDone(1);
    int queriesBefore = seedance.queryCount();
    try {
      String id = create(http, "seedance-2.0", 5);

      awaitFinished(http, id);

      assertThat(seedance.queryCount() - queriesBefore).isEqualTo(POLL_AND_DOWNLOAD_QUERIES);
      CallbackSender.Sent sent = seedance.sentCallbacks().getLast();
      assertThat(sent.url().toString()).startsWith(publicBaseUrl + "/v1/provider-callbacks/seedance/" + id + ".");
      assertThat(sent.status()).as(sent.answer()).isEqualTo(200);
    } finally {
      seedance.callBackWhenDone(0);
    }
  }

  @Test
  void anOpenAiRenderCompletesAfterItsSignedWebhookAndForgedOrStaleOnesAreRefused() throws IOException {
    Http http = tenant();
    int retrievesBefore = openai.retrieveCount();
    String id = create(http, "openai-compatible", 4);

    awaitFinished(http, id);

    assertThat(openai.retrieveCount() - retrievesBefore).isEqualTo(1);
    CallbackSender.Sent genuine = openai.sentWebhooks().getLast();
    assertThat(genuine.status()).as(genuine.answer()).isEqualTo(200);
    assertThat(answer(genuine).path("video_id").asText()).isEqualTo(id);
    // No callback URL in the create: OpenAI has no such field (the endpoint is set per project).
    assertThat(openai.createRequests().getLast().has("callback_url")).isFalse();

    String url = genuine.url().toString();
    String body = genuine.bodyText();
    String otherSecret = WebhookSignature.secret("another-projects-secret-32-bytes".getBytes(StandardCharsets.US_ASCII));
    long now = Instant.now().getEpochSecond();
    CallbackSender.Sent wrongSecret = post(url, body, signed(otherSecret, "evt_forged", now, body));
    CallbackSender.Sent stale = post(url, body, signed(WEBHOOK_SECRET, "evt_stale", now - 360, body));
    CallbackSender.Sent unsigned = post(url, body, Map.of());
    CallbackSender.Sent altered =
        post(url, body.replace("video.completed", "video.failed"), genuine.headers());

    for (CallbackSender.Sent refused : List.of(wrongSecret, stale, unsigned, altered)) {
      assertThat(refused.status()).as(refused.answer()).isEqualTo(401);
      assertThat(answer(refused).path("code").asText()).isEqualTo("invalid_callback_signature");
    }
    assertThat(answer(stale).path("detail").asText()).contains("stale_timestamp");
    // The same event again, as an at-least-once sender may: answered, and nothing more happens.
    CallbackSender.Sent replay = post(url, body, signed(WEBHOOK_SECRET, "evt_replay", now, body));
    assertThat(replay.status()).as(replay.answer()).isEqualTo(200);
    assertThat(answer(replay).path("action").asText()).isEqualTo("none");
    assertThat(openai.retrieveCount() - retrievesBefore).isEqualTo(1);
    // A signed event about a video AIVid never made (after the bounded wait for a late submit).
    String foreign = JSON.createObjectNode().put("id", "evt_x").put("object", "event").put("type", "video.completed")
        .set("data", JSON.createObjectNode().put("id", "video_not_made_here")).toString();
    CallbackSender.Sent stranger = post(url, foreign, signed(WEBHOOK_SECRET, "evt_x", now, foreign));
    assertThat(stranger.status()).as(stranger.answer()).isEqualTo(404);
    assertThat(answer(stranger).path("code").asText()).isEqualTo("unknown_callback");
  }

  private static Map<String, String> signed(String secret, String messageId, long timestamp, String body) {
    return Map.of(
        "webhook-id", messageId,
        "webhook-timestamp", Long.toString(timestamp),
        "webhook-signature",
            WebhookSignature.sign(WebhookSignature.key(secret), messageId, timestamp, body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void duplicateCallbacksWakeTheJobButChargeItOnce() {
    Http http = tenant();
    kling.callBackWhenDone(3);
    try {
      String id = create(http, "kling-v3", 5);

      JsonNode done = awaitFinished(http, id);

      assertThat(posts(http)).isEqualTo(1);
      assertThat(http.get("/v1/videos/" + id + "/credits").json().path("charged").asText()).isEqualTo("42");
      CallbackSender.Sent first =
          kling.sentCallbacks().stream().filter(sent -> sent.url().toString().contains("/" + id + ".")).findFirst().orElseThrow();
      CallbackSender.Sent late = post(first.url().toString(), first.bodyText(), Map.of());
      assertThat(late.status()).isEqualTo(200);
      assertThat(answer(late).path("action").asText()).isEqualTo("none");
      assertThat(answer(late).path("reason").asText()).contains("completed");
      assertThat(posts(http)).isEqualTo(1);
      assertThat(http.get("/v1/videos/" + id).json().path("completed_at")).isEqualTo(done.path("completed_at"));
    } finally {
      kling.callBackWhenDone(0);
    }
  }

  @Test
  void forgedCallbacksChangeNothingAndAnotherOrganisationsTokenCannotBeCrafted() {
    Http alice = tenant();
    Http bob = tenant();
    kling.completeAfterPolls(1);
    try {
      String aliceVideo = create(alice, "kling-v3", 5);
      String bobVideo = create(bob, "kling-v3", 5);
      String aliceUrl = lastKlingCreateFor(aliceVideo).path("callback_url").asText();
      String bobUrl = lastKlingCreateFor(bobVideo).path("callback_url").asText();
      Await.until(() -> schedule(bobVideo).get("phase"), "submitted"::equals, Duration.ofSeconds(30));
      Await.until(() -> schedule(aliceVideo).get("phase"), "submitted"::equals, Duration.ofSeconds(30));
      Map<String, Object> bobBefore = schedule(bobVideo);
      int queriesBefore = kling.queryCount();
      String aliceToken = aliceUrl.substring(aliceUrl.lastIndexOf('/') + 1);
      String aliceMac = aliceToken.substring(aliceToken.indexOf('.') + 1);
      String body = "{\"task_id\":\"1\",\"task_status\":\"succeed\"}";
      String prefix = publicBaseUrl + "/v1/provider-callbacks/";

      // Alice's own (valid) signature part on Bob's video id; a made-up one; her token under another
      // provider; a provider AIVid does not know.
      List<CallbackSender.Sent> forged =
          List.of(
              post(prefix + "kling/" + bobVideo + "." + aliceMac, body, Map.of()),
              post(prefix + "kling/" + bobVideo + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]), body, Map.of()),
              post(prefix + "seedance/" + aliceToken, body, Map.of()),
              post(prefix + "dreamforge/" + aliceToken, body, Map.of()));
      for (CallbackSender.Sent refused : forged) {
        assertThat(refused.status()).as(refused.url() + " " + refused.answer()).isEqualTo(404);
        assertThat(answer(refused).path("code").asText()).isEqualTo("unknown_callback");
      }
      CallbackSender.Sent oversized =
          post(aliceUrl, "{\"task_id\":\"1\",\"pad\":\"" + "x".repeat(300 * 1024) + "\"}", Map.of());
      assertThat(oversized.status()).isEqualTo(413);
      CallbackSender.Sent malformed = post(aliceUrl, "{\"not\":\"a kling task\"}", Map.of());
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(answer(malformed).path("code").asText()).isEqualTo("invalid_callback_body");

      assertThat(schedule(bobVideo)).isEqualTo(bobBefore);
      assertThat(schedule(bobVideo).get("wake_requested_at")).isNull();
      assertThat(schedule(aliceVideo).get("wake_requested_at")).isNull();
      assertThat(kling.queryCount()).isEqualTo(queriesBefore);
      assertThat(alice.get("/v1/videos/" + aliceVideo).json().path("status").asText()).isEqualTo("in_progress");

      // Bob's genuine callback wakes Bob's video only, which completes after one poll.
      CallbackSender.Sent genuine = post(bobUrl, body, Map.of());
      assertThat(genuine.status()).as(genuine.answer()).isEqualTo(200);
      awaitFinished(bob, bobVideo);
      assertThat(kling.queryCount() - queriesBefore).isEqualTo(POLL_AND_DOWNLOAD_QUERIES);
      assertThat(alice.get("/v1/videos/" + aliceVideo).json().path("status").asText()).isEqualTo("in_progress");
    } finally {
      kling.completeAfterPolls(2);
    }
  }

  @Test
  void aCallbackThatArrivesWhileAStepOfTheJobRunsIsNotPushedBackByThatStepsSchedule() {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    Http http = new Http(tenant.baseUrl(), tenant.apiKey());
    kling.completeAfterPolls(1);
    try {
      String id = create(http, "kling-v3", 5);
      String url = lastKlingCreateFor(id).path("callback_url").asText();
      Await.until(() -> schedule(id).get("phase"), "submitted"::equals, Duration.ofSeconds(30));
      // A step of this job is running on some node: it holds the claim.
      VideoRepository videos = new VideoRepository(app.database().jdbi());
      int claimed =
          app.database()
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createUpdate(
                              "update videos set claimed_by = 'node-in-a-step', claimed_until = now() + interval '1 minute'"
                                  + " where id = :id and claimed_by is null")
                          .bind("id", id)
                          .execute());
      assertThat(claimed).isEqualTo(1);
      VideoJob running = videos.find(tenant.organization().id(), id).orElseThrow();

      CallbackSender.Sent callback = post(url, "{\"task_id\":\"1\",\"task_status\":\"succeed\"}", Map.of());
      assertThat(callback.status()).as(callback.answer()).isEqualTo(200);
      assertThat(answer(callback).path("action").asText()).isEqualTo("poll_now");
      // The step ends and schedules its next poll ten minutes out, as a poll that saw the render
      // still running would.
      boolean stored =
          videos.completeStep(running, "node-in-a-step", null, Instant.now().plusMillis(FALLBACK_POLL_MILLIS), "");
      assertThat(stored).isTrue();

      awaitFinished(http, id);
    } finally {
      kling.completeAfterPolls(2);
    }
  }
}
