package dev.aivid.providers.runway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.ProviderOutcome.ProviderError;
import dev.aivid.providers.ProviderOutcome.Success;
import dev.aivid.providers.ProviderOutcome.TransportFailure;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.RenderStatus;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.http.CircuitBreaker;
import dev.aivid.providers.http.CircuitState;
import dev.aivid.providers.http.HttpSettings;
import dev.aivid.providers.http.ProviderHttp;
import dev.aivid.support.TestImages;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adapter against {@link FakeRunwayServer} over real HTTP. Each test names the line of
 * research/providers.md §5 (and the source it cites: [SDK] runwayml/sdk-python, [DOC]
 * docs.dev.runwayml.com) its expectation comes from.
 */
class RunwayContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-03-01T12:00:00Z"));
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private FakeRunwayServer fake;
  private ProviderHttp http;
  @TempDir Path directory;

  @BeforeEach
  void start() {
    fake = FakeRunwayServer.start();
    http = http(5_000);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void aTextShotIsSubmittedPolledAndFetchedAsH264OfTheRequestedSize() throws Exception {
    // §5.1 [SDK _client.py, resources/text_to_video.py, tasks.py]: POST /v1/text_to_video → {id};
    // GET /v1/tasks/{id} PENDING → RUNNING (progress 0..1) → SUCCEEDED with output URLs.
    VideoProvider runway = provider();

    String handle = succeeded(runway.submit(textRequest(1280, 720, 2)));
    assertThat(handle).startsWith("text_to_video:2:");
    assertThat(runway.poll(handle)).isEqualTo(new Success<>(new RenderStatus.Running(0)));
    assertThat(runway.poll(handle)).isEqualTo(new Success<>(new RenderStatus.Running(50)));
    assertThat(runway.poll(handle)).isEqualTo(new Success<>(new RenderStatus.Succeeded(2)));
    Path target = directory.resolve("out.mp4");
    assertThat(runway.fetch(handle, target)).isEqualTo(new Success<>(target));

    VideoInfo info = VideoProbe.probe(target);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(1280);
    assertThat(info.height()).isEqualTo(720);
    JsonNode body = fake.createRequests().getFirst();
    assertThat(body.get("model").asText()).isEqualTo("gen4.5");
    assertThat(body.get("ratio").asText()).isEqualTo("1280:720");
    assertThat(body.get("duration").asInt()).isEqualTo(2);
    // The signed CDN URL is fetched without our API key.
    assertThat(fake.downloadAuthorizations()).containsExactly("");
  }

  @Test
  void aFirstFrameShotIsSentToImageToVideoAsADataUri() {
    // §5.2 [SDK types/image_to_video_create_params.py]: promptImage data URI or [{uri, position:
    // "first"}].
    byte[] png = TestImages.png(96, 72, Color.ORANGE);
    RenderRequest request =
        new RenderRequest(
            "runway-gen4.5",
            "gen4.5",
            "The door creaks open",
            1104,
            832,
            3,
            9,
            png,
            ShotControls.none());

    String handle = succeeded(provider().submit(request));

    assertThat(handle).startsWith("image_to_video:3:");
    JsonNode promptImage = fake.createRequests().getFirst().get("promptImage").get(0);
    assertThat(promptImage.get("uri").asText()).startsWith("data:image/png;base64,");
    assertThat(promptImage.get("position").asText()).isEqualTo("first");
  }

  @Test
  void aPromptOfSurrogatePairsOverTheLimitIsCutByUtf16UnitsAndAccepted() {
    // §5.2 [SDK]: promptText ≤1000 UTF-16 code units; the fake counts them as Runway does.
    String waves = "\uD83C\uDF0A ".repeat(400); // 1200 units
    RenderRequest request =
        new RenderRequest(
            "runway-gen4.5", "gen4.5", waves, 1280, 720, 5, 1, null, ShotControls.none());

    assertThat(provider().submit(request)).isInstanceOf(Success.class);
    assertThat(fake.createRequests().getFirst().get("promptText").asText().length())
        .isLessThanOrEqualTo(1000);
  }

  @Test
  void aTextShotOfAnImageOnlySizeIsRefusedBeforeRunwayIsCalled() {
    // §5.2 [SDK text_to_video_create_params.py]: text_to_video ratio is 1280:720 or 720:1280 only.
    ProviderOutcome<String> outcome = provider().submit(textRequest(960, 960, 5));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> {
              assertThat(error.httpStatus()).isEqualTo(400);
              assertThat(error.code()).isEqualTo(ProviderErrorCodes.INVALID_REQUEST);
              assertThat(error.message()).contains("960x960");
            });
    assertThat(fake.createCount()).isZero();
  }

  @Test
  void aRefusedKeyIsProviderAuthFailed() {
    // §5.4 [DOC errors/errors]: 401 is an authentication failure, not retried.
    VideoProvider runway =
        new RunwayProviderFactory(http, JSON, clock).create(fake.credentialWithKey("key_wrong"));

    ProviderOutcome<String> outcome = runway.submit(textRequest(1280, 720, 5));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> {
              assertThat(error.code()).isEqualTo(ProviderErrorCodes.AUTH_FAILED);
              assertThat(error.message()).doesNotContain("key_wrong");
            });
    assertThat(waits).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "400, provider_invalid_request",
    "401, provider_auth_failed",
    "403, provider_forbidden",
    "404, provider_not_found",
    "405, provider_invalid_request",
    "500, provider_unavailable"
  })
  void anErrorAnswerMapsToItsAidCodeWithRunwaysTextAndIsNotRetried(int status, String code) {
    // §5.4 [DOC errors/errors]: 400 (JSON `error`), 401, 404, 405 are not retried. 403 is not in
    // Runway's table (mapped to provider_forbidden); a 500 on a create is not retried because
    // Runway has no idempotency key (§5.2) and it may have been accepted.
    fake.failNextCreates(1, status);

    ProviderOutcome<String> outcome = provider().submit(textRequest(1280, 720, 5));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> {
              assertThat(error.httpStatus()).isEqualTo(status);
              assertThat(error.code()).isEqualTo(code);
              assertThat(error.message()).startsWith("Runway create answered " + status + ": ");
            });
    assertThat(fake.createCount()).isEqualTo(1);
  }

  @Test
  void aRateLimitedCreateIsRetriedAfterRetryAfter() {
    // §5.4 [DOC errors/errors]: 429 is retried with backoff; ProviderHttp honours Retry-After.
    fake.failNextCreates(1, 429, 2);

    ProviderOutcome<String> outcome = provider().submit(textRequest(1280, 720, 5));

    assertThat(outcome).isInstanceOf(Success.class);
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
    assertThat(fake.createCount()).isEqualTo(2);
  }

  @Test
  void aRateLimitThatOutlastsTheAttemptsIsProviderRateLimitedWithItsRetryAfter() {
    // §5.4 [DOC errors/errors, usage/tiers]: 429 → provider_rate_limited, distinct from THROTTLED.
    fake.failNextCreates(3, 429, 1);

    ProviderOutcome<String> outcome = provider().submit(textRequest(1280, 720, 5));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> {
              assertThat(error.code()).isEqualTo(ProviderErrorCodes.RATE_LIMITED);
              assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            });
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  @Test
  void anUnavailableRunwayIsRetriedWithBackoffThenProviderUnavailable() {
    // §5.4 [DOC errors/errors]: 502/503/504 retried with exponential backoff and jitter.
    fake.failNextCreates(3, 503);

    ProviderOutcome<String> outcome = provider().submit(textRequest(1280, 720, 5));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> {
              assertThat(error.httpStatus()).isEqualTo(503);
              assertThat(error.code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE);
            });
    assertThat(fake.createCount()).isEqualTo(3);
    assertThat(waits)
        .hasSize(2)
        .allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofMillis(40)));
  }

  @Test
  void aCreateThatTimesOutIsATransportFailureAndIsNotSentTwice() {
    // §5.2 [SDK]: no idempotency field, so a create that may have been accepted is not repeated.
    http = http(300);
    fake.hangNextCreate();

    ProviderOutcome<String> outcome = provider().submit(textRequest(1280, 720, 5));

    assertThat(outcome).isInstanceOf(TransportFailure.class);
    assertThat(fake.createCount()).isEqualTo(1);
  }

  @Test
  void theCircuitOpensAfterRepeated5xxAndTheNextCallNeverReachesRunway() {
    // ProviderHttp's breaker (5 consecutive failures) over §5.4's 5xx answers.
    fake.failNextCreates(10, 503);
    VideoProvider runway = provider();

    assertThat(runway.submit(textRequest(1280, 720, 5)))
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> assertThat(error.code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE));
    assertThat(runway.submit(textRequest(1280, 720, 5)))
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> assertThat(error.code()).isEqualTo(ProviderErrorCodes.CIRCUIT_OPEN));
    int reached = fake.createCount();
    ProviderOutcome<String> third = runway.submit(textRequest(1280, 720, 5));

    assertThat(third)
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> assertThat(error.code()).isEqualTo(ProviderErrorCodes.CIRCUIT_OPEN));
    assertThat(fake.createCount()).isEqualTo(reached).isEqualTo(5);
    assertThat(http.breaker().state()).isEqualTo(CircuitState.OPEN);
  }

  @Test
  void aThrottledTaskIsStillRunningNotAnError() {
    // §5.3/§5.4 [SDK task_retrieve_response.py, DOC usage/tiers]: THROTTLED = accepted, queued by
    // the tier's concurrency limit.
    fake.throttleNextTask();
    VideoProvider runway = provider();
    String handle = succeeded(runway.submit(textRequest(1280, 720, 5)));

    assertThat(runway.poll(handle)).isEqualTo(new Success<>(new RenderStatus.Running(0)));
    assertThat(fake.taskState(handle.substring(handle.lastIndexOf(':') + 1)))
        .isEqualTo("THROTTLED");
  }

  @Test
  void aModerationFailureIsAContentPolicyViolation() {
    // §5.4 [DOC errors/task-failures]: SAFETY.INPUT.* / SAFETY.OUTPUT.* are moderation; no retry.
    fake.completeAfterPolls(0);
    fake.failNextTask("SAFETY.INPUT.TEXT", "The prompt did not pass moderation.");
    VideoProvider runway = provider();
    String handle = succeeded(runway.submit(textRequest(1280, 720, 5)));

    RenderStatus status = succeeded(runway.poll(handle));

    assertThat(status)
        .isInstanceOfSatisfying(
            RenderStatus.Failed.class,
            failed -> {
              assertThat(failed.code()).isEqualTo(ProviderErrorCodes.CONTENT_POLICY);
              assertThat(failed.message())
                  .contains("SAFETY.INPUT.TEXT")
                  .contains("did not pass moderation");
            });
  }

  @Test
  void aBadOutputFailureIsARenderFailureWorthRetryingElsewhere() {
    // §5.4 [DOC errors/task-failures]: INTERNAL.BAD_OUTPUT.* is Runway rejecting its own output.
    fake.completeAfterPolls(0);
    fake.failNextTask("INTERNAL.BAD_OUTPUT.CODE01", "The output did not pass quality checks.");
    VideoProvider runway = provider();
    String handle = succeeded(runway.submit(textRequest(1280, 720, 5)));

    RenderStatus status = succeeded(runway.poll(handle));

    assertThat(status)
        .isInstanceOfSatisfying(
            RenderStatus.Failed.class,
            failed -> {
              assertThat(failed.code()).isEqualTo(ProviderErrorCodes.RENDER_FAILED);
              assertThat(failed.message())
                  .contains("INTERNAL.BAD_OUTPUT.CODE01")
                  .contains("another provider");
            });
  }

  @Test
  void aDownloadCutOffMidBodyIsATransportFailureAndLeavesNoFile() {
    // §5.3: the result is a plain HTTPS download; ProviderHttp checks Content-Length.
    VideoProvider runway = provider();
    String handle = finishedTask(runway);
    fake.cutNextDownload();
    Path target = directory.resolve("cut.mp4");

    ProviderOutcome<Path> outcome = runway.fetch(handle, target);

    assertThat(outcome).isInstanceOf(TransportFailure.class);
    assertThat(target).doesNotExist();
  }

  @Test
  void aResultUrlThatExpiredBeforeTheDownloadIsRefreshedByFetchingTheTaskAgain() {
    // §5.3 [SDK tasks.py docstring]: output URLs "expire within 24-48 hours; fetch the task again
    // to get fresh URLs".
    VideoProvider runway = provider();
    String handle = finishedTask(runway);
    fake.expireNextIssuedResultUrls(1);
    Path target = directory.resolve("fresh.mp4");

    ProviderOutcome<Path> outcome = runway.fetch(handle, target);

    assertThat(outcome).isEqualTo(new Success<>(target));
    assertThat(fake.downloadCount()).isEqualTo(2);
    assertThat(VideoProbe.probe(target).videoCodec()).isEqualTo("h264");
  }

  @Test
  void aResultFetchedAfterItsUrlsExpiredUsesTheFreshUrlOfTheTaskQuery() {
    // §5.3: every task query answers a valid URL; the URLs seen while polling may be long dead.
    VideoProvider runway = provider();
    String handle = finishedTask(runway);
    fake.expireResultUrls();
    Path target = directory.resolve("later.mp4");

    assertThat(runway.fetch(handle, target)).isEqualTo(new Success<>(target));
    assertThat(fake.downloadCount()).isEqualTo(1);
  }

  @Test
  void aResultWhoseFreshUrlFailsTooIsResultExpiredAfterOneRetry() {
    // §5.3: the refresh is tried once; a second failure means the result itself is gone.
    VideoProvider runway = provider();
    String handle = finishedTask(runway);
    fake.expireNextIssuedResultUrls(2);
    Path target = directory.resolve("gone.mp4");

    ProviderOutcome<Path> outcome = runway.fetch(handle, target);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> {
              assertThat(error.code()).isEqualTo(ProviderErrorCodes.RESULT_EXPIRED);
              assertThat(error.message()).contains("fresh URL");
            });
    assertThat(fake.downloadCount()).isEqualTo(2);
    assertThat(target).doesNotExist();
  }

  @Test
  void aPurgedResultIsResultExpired() {
    VideoProvider runway = provider();
    String handle = finishedTask(runway);
    fake.purgeResults();

    ProviderOutcome<Path> outcome = runway.fetch(handle, directory.resolve("purged.mp4"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> assertThat(error.code()).isEqualTo(ProviderErrorCodes.RESULT_EXPIRED));
  }

  @Test
  void fetchingATaskThatIsStillRunningSaysSoWithoutDownloading() {
    VideoProvider runway = provider();
    String handle = succeeded(runway.submit(textRequest(1280, 720, 5)));

    ProviderOutcome<Path> outcome = runway.fetch(handle, directory.resolve("early.mp4"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> {
              assertThat(error.httpStatus()).isEqualTo(409);
              assertThat(error.message()).contains("not SUCCEEDED");
            });
    assertThat(fake.downloadCount()).isZero();
  }

  @Test
  void cancellingARunningTaskStopsItAndItIsLostAfterwards() {
    // §5.1 [SDK tasks.py delete]: running/pending/throttled tasks are cancelled, others deleted;
    // "Aborted and deleted tasks will not be able to be fetched again".
    VideoProvider runway = provider();
    String handle = succeeded(runway.submit(textRequest(1280, 720, 5)));
    String taskId = handle.substring(handle.lastIndexOf(':') + 1);
    succeeded(runway.poll(handle));

    assertThat(runway.cancel(handle)).isEqualTo(new Success<>(true));
    assertThat(fake.taskState(taskId)).isEqualTo("CANCELLED");
    assertThat(runway.poll(handle)).isEqualTo(new Success<>(new RenderStatus.Lost()));
    assertThat(runway.cancel(handle)).isEqualTo(new Success<>(false));
  }

  @Test
  void cancellingAFinishedTaskDeletesIt() {
    VideoProvider runway = provider();
    String handle = finishedTask(runway);

    assertThat(runway.cancel(handle)).isEqualTo(new Success<>(true));
    assertThat(fake.taskState(handle.substring(handle.lastIndexOf(':') + 1))).isEqualTo("DELETED");
  }

  @Test
  void aHandleIsUsableByAFreshAdapterOnAnotherNode() {
    String handle = succeeded(provider().submit(textRequest(1280, 720, 2)));
    fake.completeAfterPolls(0);

    VideoProvider other =
        new RunwayProviderFactory(http(5_000), JSON, clock).create(fake.credential());

    assertThat(other.poll(handle)).isEqualTo(new Success<>(new RenderStatus.Succeeded(2)));
  }

  @Test
  void aPollOfAnUnknownTaskIsLost() {
    // §5.1: GET /v1/tasks/{id} answers 404 for a task Runway does not have.
    ProviderOutcome<RenderStatus> outcome =
        provider().poll("text_to_video:5:0b5a7c3e-0000-4000-8000-000000000000");

    assertThat(outcome).isEqualTo(new Success<>(new RenderStatus.Lost()));
  }

  @Test
  void aMalformedHandleIsRefusedWithoutACall() {
    assertThat(provider().poll("../../v1/image_to_video"))
        .isInstanceOfSatisfying(
            ProviderError.class,
            error -> assertThat(error.code()).isEqualTo(ProviderErrorCodes.INVALID_REQUEST));
    assertThat(provider().cancel("nonsense")).isEqualTo(new Success<>(false));
  }

  private String finishedTask(VideoProvider runway) {
    fake.completeAfterPolls(0);
    String handle = succeeded(runway.submit(textRequest(1280, 720, 2)));
    assertThat(runway.poll(handle)).isEqualTo(new Success<>(new RenderStatus.Succeeded(2)));
    return handle;
  }

  private VideoProvider provider() {
    return new RunwayProviderFactory(http, JSON, clock).create(fake.credential());
  }

  private ProviderHttp http(long requestTimeoutMillis) {
    return new ProviderHttp(
        "runway",
        new HttpSettings(2_000, requestTimeoutMillis, 30_000, 3, 10, 40, 5_000, 1 << 20),
        CircuitBreaker.defaults(clock),
        waits::add,
        new SplittableRandom(1),
        clock);
  }

  private static RenderRequest textRequest(int width, int height, int seconds) {
    return new RenderRequest(
        "runway-gen4.5",
        "gen4.5",
        "A lighthouse beam sweeps the fog",
        width,
        height,
        seconds,
        7,
        null,
        ShotControls.none());
  }

  private static <T> T succeeded(ProviderOutcome<T> outcome) {
    assertThat(outcome).isInstanceOf(Success.class);
    return ((Success<T>) outcome).value();
  }
}
