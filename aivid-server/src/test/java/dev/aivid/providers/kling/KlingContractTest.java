package dev.aivid.providers.kling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.RenderStatus;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.http.CircuitBreaker;
import dev.aivid.providers.http.HttpSettings;
import dev.aivid.providers.http.ProviderHttp;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adapter against {@link FakeKlingServer} over real HTTP, in both auth modes. Each test names
 * the providers.md section (and the [DOC]/[SDK]/[3P] source it cites) its expectation comes from.
 */
class KlingContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  enum Mode {
    ACCESS_KEY,
    API_KEY
  }

  private final MutableClock clock = new MutableClock(START);
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private FakeKlingServer fake;
  @TempDir Path directory;

  @BeforeEach
  void startFake() {
    fake = FakeKlingServer.start(clock);
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  // §2.1 [DOC authentication.md], §2.2/§2.4 (legacy create, query, succeed) and §2.5 [DOC
  // text-to-video.md] (path-model create, GET /tasks, succeeded); results are URLs in
  // task_result.videos[] / outputs[].
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aTextShotIsSubmittedPolledAndFetchedAsH264OfTheRequestedSize(Mode mode) {
    VideoProvider kling = provider(mode);

    String handle = success(kling.submit(textShot(1280, 720, 3)));
    RenderStatus status = pollUntilFinished(kling, handle);
    Path video = success(kling.fetch(handle, directory.resolve("out.mp4")));

    assertThat(status).isEqualTo(new RenderStatus.Succeeded(3.0));
    VideoInfo info = VideoProbe.probe(video);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(1280);
    assertThat(info.height()).isEqualTo(720);
    assertThat(fake.createPaths())
        .containsExactly(
            mode == Mode.ACCESS_KEY ? "/v1/videos/text2video" : "/text-to-video/kling-3.0");
  }

  // §2.2 (image2video, raw base64 image, I2V follows the image's aspect ratio) and §2.5 [3P]
  // (image-to-video contents with first_frame).
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFirstFrameRenderFollowsTheImageAndArrivesAtTheRequestedSize(Mode mode) throws IOException {
    VideoProvider kling = provider(mode);
    RenderRequest request =
        new RenderRequest(
            "kling-v3",
            "kling-v3",
            "she turns",
            720,
            1280,
            3,
            1,
            portraitPng(),
            ShotControls.none());

    String handle = success(kling.submit(request));
    pollUntilFinished(kling, handle);
    VideoInfo info =
        VideoProbe.probe(success(kling.fetch(handle, directory.resolve("portrait.mp4"))));

    assertThat(info.width()).isEqualTo(720);
    assertThat(info.height()).isEqualTo(1280);
    assertThat(fake.createPaths())
        .containsExactly(
            mode == Mode.ACCESS_KEY ? "/v1/videos/image2video" : "/image-to-video/kling-3.0");
  }

  // §2.4: task_status submitted → processing → succeed; the adapter reports no progress Kling
  // does not give (0 while submitted, 50 while processing).
  @Test
  void aRunningTaskReportsRunningUntilKlingSaysSucceed() {
    fake.completeAfterPolls(3);
    VideoProvider kling = provider(Mode.ACCESS_KEY);
    String handle = success(kling.submit(textShot(1280, 720, 3)));

    assertThat(success(kling.poll(handle))).isEqualTo(new RenderStatus.Running(50));
    assertThat(success(kling.poll(handle))).isEqualTo(new RenderStatus.Running(50));
    assertThat(success(kling.poll(handle))).isEqualTo(new RenderStatus.Succeeded(3.0));
  }

  // §2.4: task_status failed with task_status_msg (the reason); a risk-control refusal is a
  // content-policy failure, anything else a render failure.
  @Test
  void aFailedTaskIsAFailedStatusAndASafetyRefusalIsAContentPolicyViolation() {
    VideoProvider kling = provider(Mode.ACCESS_KEY);
    fake.failNextTasks("Failure to pass the risk control system");
    String refused = success(kling.submit(textShot(1280, 720, 3)));
    fake.failNextTasks("internal render error");
    String broken = success(kling.submit(textShot(1280, 720, 3)));

    assertThat(pollUntilFinished(kling, refused))
        .isEqualTo(
            new RenderStatus.Failed(
                ProviderErrorCodes.CONTENT_POLICY,
                "kling task failed: Failure to pass the risk control system"));
    assertThat(pollUntilFinished(kling, broken))
        .isEqualTo(
            new RenderStatus.Failed(
                ProviderErrorCodes.RENDER_FAILED, "kling task failed: internal render error"));
  }

  // Legacy: [3P] (kling-api README, "verified live") not-found is 400 code 1201 "Task not found by
  // id/external id"; path-model: GET /tasks answers 200 with an empty data list for unknown ids.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aTaskKlingDoesNotKnowIsLost(Mode mode) {
    VideoProvider kling = provider(mode);
    String handle =
        mode == Mode.ACCESS_KEY ? "text2video:860000000000999999:5" : "task:860000000000999999:5";

    assertThat(success(kling.poll(handle))).isEqualTo(new RenderStatus.Lost());
  }

  // §2.1 + §2.6: a wrong key or a badly signed JWT is 401 code 1002.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRefusedCredentialIsProviderAuthFailed(Mode mode) {
    Map<String, String> fields = new HashMap<>(credential(mode).fields());
    fields.replaceAll((name, value) -> name.endsWith("key") ? value + "-wrong" : value);
    VideoProvider kling = provider(new ProviderCredential("kling", fields), settings(), clock);

    ProviderOutcome.ProviderError<String> error = error(kling.submit(textShot(1280, 720, 3)));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.AUTH_FAILED);
    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.message()).contains("code 1002").doesNotContain("wrong");
  }

  static Stream<Arguments> klingErrorCodes() {
    List<Object[]> table =
        List.of(
            new Object[] {401, 1000, ProviderErrorCodes.AUTH_FAILED},
            new Object[] {401, 1001, ProviderErrorCodes.AUTH_FAILED},
            new Object[] {401, 1002, ProviderErrorCodes.AUTH_FAILED},
            new Object[] {401, 1003, ProviderErrorCodes.AUTH_FAILED},
            new Object[] {401, 1004, ProviderErrorCodes.AUTH_FAILED},
            new Object[] {429, 1100, ProviderErrorCodes.INSUFFICIENT_BALANCE},
            new Object[] {429, 1101, ProviderErrorCodes.INSUFFICIENT_BALANCE},
            new Object[] {429, 1102, ProviderErrorCodes.INSUFFICIENT_BALANCE},
            new Object[] {403, 1103, ProviderErrorCodes.FORBIDDEN},
            new Object[] {400, 1200, ProviderErrorCodes.INVALID_REQUEST},
            new Object[] {400, 1201, ProviderErrorCodes.INVALID_REQUEST},
            new Object[] {404, 1202, ProviderErrorCodes.NOT_FOUND},
            new Object[] {404, 1203, ProviderErrorCodes.NOT_FOUND},
            new Object[] {400, 1300, ProviderErrorCodes.CONTENT_POLICY},
            new Object[] {400, 1301, ProviderErrorCodes.CONTENT_POLICY},
            new Object[] {429, 1302, ProviderErrorCodes.RATE_LIMITED},
            new Object[] {429, 1303, ProviderErrorCodes.RATE_LIMITED},
            new Object[] {429, 1304, ProviderErrorCodes.FORBIDDEN},
            new Object[] {500, 5000, ProviderErrorCodes.UNAVAILABLE},
            new Object[] {503, 5001, ProviderErrorCodes.UNAVAILABLE},
            new Object[] {504, 5002, ProviderErrorCodes.UNAVAILABLE});
    return Stream.of(Mode.values())
        .flatMap(mode -> table.stream().map(row -> Arguments.of(mode, row[0], row[1], row[2])));
  }

  // §2.6 [DOC] error table: every HTTP status + code maps to one AIVid code; the Kling code stays
  // in the message. Account and IP refusals come as 429 but are not worth a retry.
  @ParameterizedTest(name = "{0}: HTTP {1} code {2} is {3}")
  @MethodSource("klingErrorCodes")
  void everyKlingErrorCodeMapsToItsAividCode(
      Mode mode, int httpStatus, int klingCode, String aividCode) {
    fake.failNextCreates(3, httpStatus, klingCode);

    ProviderOutcome.ProviderError<String> error =
        error(provider(mode).submit(textShot(1280, 720, 3)));

    assertThat(error.code()).isEqualTo(aividCode);
    assertThat(error.message()).contains("code " + klingCode);
    boolean retryable =
        aividCode.equals(ProviderErrorCodes.RATE_LIMITED)
            || aividCode.equals(ProviderErrorCodes.UNAVAILABLE);
    assertThat(error.retryable()).isEqualTo(retryable);
  }

  // §2.6: 1100-1102 (account arrears, pack depleted) and 1304 (IP whitelist) come as HTTP 429 but
  // no wait fixes them: one call, no retry, no time spent waiting.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void anAccountRefusalSentAs429IsNotRetried(Mode mode) {
    fake.failNextCreates(3, 429, 1101);
    int before = fake.createCount();

    ProviderOutcome.ProviderError<String> error = error(provider(mode).submit(textShot(1280, 720, 3)));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.INSUFFICIENT_BALANCE);
    assertThat(fake.createCount() - before).isEqualTo(1);
  }

  // §2.6: 1303 "parallel task over resource pack limit", retry with backoff ≥ 1 s; the fake sends
  // Retry-After: 1 and the client waits exactly that before the second attempt.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRateLimitedCreateIsRetriedAfterRetryAfter(Mode mode) {
    fake.failNextCreates(1, 429);

    String handle = success(provider(mode).submit(textShot(1280, 720, 3)));

    assertThat(handle).isNotBlank();
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1));
    assertThat(fake.createCount()).isEqualTo(2);
  }

  // §2.6: 5001 maintenance (503) is retried within the call's bounds, then reported unavailable.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aServiceUnavailableCreateIsRetriedThenReportedUnavailable(Mode mode) {
    fake.failNextCreates(3, 503);

    ProviderOutcome.ProviderError<String> error =
        error(provider(mode).submit(textShot(1280, 720, 3)));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE);
    assertThat(error.httpStatus()).isEqualTo(503);
    assertThat(fake.createCount()).isEqualTo(3);
    assertThat(sleeper.waits()).hasSize(2);
  }

  // common brief + §2.6 (5002 "internal timeout": the task may exist): a create with no answer is
  // a transport failure and is not sent again blindly.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCreateThatTimesOutIsATransportFailureAndIsNotResent(Mode mode) {
    HttpSettings impatient =
        new HttpSettings(1_000, 300, 30_000, 3, 10, 50, 5_000, 8L * 1024 * 1024);
    fake.hangNextCreate();

    ProviderOutcome<String> outcome =
        provider(credential(mode), impatient, clock).submit(textShot(1280, 720, 3));

    assertThat(outcome).isInstanceOf(ProviderOutcome.TransportFailure.class);
    assertThat(fake.createCount()).isEqualTo(1);
  }

  // common brief: a body shorter than its Content-Length is a broken download, leaving no file.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aDownloadCutOffMidBodyIsATransportFailureAndLeavesNoFile(Mode mode) {
    VideoProvider kling = provider(mode);
    String handle = success(kling.submit(textShot(1280, 720, 3)));
    pollUntilFinished(kling, handle);
    fake.cutNextDownload();
    Path target = directory.resolve("cut.mp4");

    ProviderOutcome<Path> outcome = kling.fetch(handle, target);

    assertThat(outcome).isInstanceOf(ProviderOutcome.TransportFailure.class);
    assertThat(target).doesNotExist();
  }

  // §2.4 "cleared after 30 days"; [3P] kling-api README: output URLs are signed with an Expires
  // matching that. An expired URL is provider_result_expired and leaves no file.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void anExpiredResultUrlIsResultExpired(Mode mode) {
    VideoProvider kling = provider(mode);
    String handle = success(kling.submit(textShot(1280, 720, 3)));
    pollUntilFinished(kling, handle);
    fake.expireResultUrls();
    Path target = directory.resolve("expired.mp4");

    ProviderOutcome.ProviderError<Path> error = error(kling.fetch(handle, target));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.RESULT_EXPIRED);
    assertThat(target).doesNotExist();
  }

  // UNVERIFIED whether Kling re-signs an expired URL; if it does, fetch reads the task afresh and
  // downloads from the new URL.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFetchAfterExpiryUsesTheUrlKlingReissuesOnTheNextQuery(Mode mode) {
    VideoProvider kling = provider(mode);
    String handle = success(kling.submit(textShot(1280, 720, 3)));
    pollUntilFinished(kling, handle);
    fake.expireResultUrls();
    fake.reissueExpiredUrls();

    Path video = success(kling.fetch(handle, directory.resolve("reissued.mp4")));

    assertThat(VideoProbe.probe(video).width()).isEqualTo(1280);
  }

  // common brief (circuit breaker) + §2.6 5000: five failed creates open the circuit; the sixth
  // call fails at once without reaching Kling.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void repeatedServerErrorsOpenTheCircuitAndTheNextCallNeverReachesKling(Mode mode) {
    fake.failNextCreates(100, 500);
    VideoProvider kling = provider(mode);
    for (int attempt = 0; attempt < 5; attempt++) {
      assertThat(error(kling.submit(textShot(1280, 720, 3))).code())
          .isEqualTo(ProviderErrorCodes.UNAVAILABLE);
    }
    int reached = fake.createCount();

    ProviderOutcome.ProviderError<String> error = error(kling.submit(textShot(1280, 720, 3)));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.CIRCUIT_OPEN);
    assertThat(fake.createCount()).isEqualTo(reached);
  }

  // §0 summary: Kling documents no cancel or delete endpoint; cancel answers false without a call
  // and the task still runs to its end.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelIsANoOpBecauseKlingHasNoCancelEndpoint(Mode mode) {
    VideoProvider kling = provider(mode);
    String handle = success(kling.submit(textShot(1280, 720, 3)));
    int queries = fake.queryCount();

    assertThat(success(kling.cancel(handle))).isFalse();
    assertThat(fake.queryCount()).isEqualTo(queries);
    assertThat(pollUntilFinished(kling, handle)).isInstanceOf(RenderStatus.Succeeded.class);
  }

  // Stateless adapters (common brief): a handle from one adapter is polled and fetched by
  // another built from the same credential.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFreshAdapterFollowsAHandleAnotherSubmitted(Mode mode) {
    String handle = success(provider(mode).submit(textShot(1280, 720, 3)));
    VideoProvider other = provider(mode);

    assertThat(pollUntilFinished(other, handle)).isEqualTo(new RenderStatus.Succeeded(3.0));
    assertThat(success(other.fetch(handle, directory.resolve("other.mp4")))).exists();
  }

  // §2.2 video-extend: video_id is the generated video's id (task_result.videos[0].id), not the
  // task id; the longer video is polled on /v1/videos/video-extend/{task_id}.
  @Test
  void aFinishedVideoIsExtendedNativelyWithItsVideoId() {
    VideoProvider kling = provider(Mode.ACCESS_KEY);
    String source = success(kling.submit(textShot(1280, 720, 3)));
    pollUntilFinished(kling, source);
    String sourceTaskId = source.split(":")[1];
    RenderRequest continuation =
        new RenderRequest(
            "kling-v3",
            "kling-v3",
            "the wave breaks",
            1280,
            720,
            5,
            1,
            null,
            new ShotControls(List.of(), "blur", null, null, false));

    String extended = success(kling.extend(source, continuation));

    JsonNode extendBody = fake.createRequests().get(1);
    assertThat(fake.createPaths().get(1)).isEqualTo("/v1/videos/video-extend");
    assertThat(extendBody.get("video_id").asText()).isNotEqualTo(sourceTaskId).isNotBlank();
    assertThat(extendBody.get("negative_prompt").asText()).isEqualTo("blur");
    assertThat(extended).startsWith("video-extend:");
    assertThat(pollUntilFinished(kling, extended)).isEqualTo(new RenderStatus.Succeeded(8.0));
    VideoInfo info =
        VideoProbe.probe(success(kling.fetch(extended, directory.resolve("longer.mp4"))));
    assertThat(info.width()).isEqualTo(1280);
  }

  // §2.2: the fake holds Kling's rule that video-extend wants the video id; a task id is refused.
  @Test
  void theFakeRefusesATaskIdAsVideoId() throws Exception {
    VideoProvider kling = provider(Mode.ACCESS_KEY);
    String source = success(kling.submit(textShot(1280, 720, 3)));
    pollUntilFinished(kling, source);

    HttpResponse<String> response =
        post(
            "/v1/videos/video-extend",
            "{\"video_id\":\"" + source.split(":")[1] + "\",\"prompt\":\"more\"}",
            jwtNow());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("code").asInt()).isEqualTo(1201);
  }

  // §2.5 is the API-key API, which has no video-extend: 501 extend_not_supported (VideoProvider).
  @Test
  void theApiKeyApiAnswersExtendNotSupported() {
    VideoProvider kling = provider(Mode.API_KEY);
    String source = success(kling.submit(textShot(1280, 720, 3)));
    pollUntilFinished(kling, source);

    ProviderOutcome.ProviderError<String> error =
        error(kling.extend(source, textShot(1280, 720, 5)));

    assertThat(error.httpStatus()).isEqualTo(501);
    assertThat(error.code()).isEqualTo("extend_not_supported");
    assertThat(fake.createCount()).isEqualTo(1);
  }

  // §2.2: only a generated (finished) video has a video id to extend.
  @Test
  void anUnfinishedVideoCannotBeExtended() {
    fake.completeAfterPolls(5);
    VideoProvider kling = provider(Mode.ACCESS_KEY);
    String source = success(kling.submit(textShot(1280, 720, 3)));

    ProviderOutcome.ProviderError<String> error =
        error(kling.extend(source, textShot(1280, 720, 5)));

    assertThat(error.httpStatus()).isEqualTo(409);
    assertThat(fake.createCount()).isEqualTo(1);
  }

  // §2.1 [DOC authentication.md]: header {alg: HS256, typ: JWT}, payload {iss: AK, exp: now+1800,
  // nbf: now-5}, sent as Authorization: Bearer <jwt>.
  @Test
  void theJwtCarriesTheAccessKeyAndAThirtyMinuteWindowFromTheClock() throws IOException {
    provider(Mode.ACCESS_KEY).submit(textShot(1280, 720, 3));

    String[] parts = fake.authorizations().get(0).substring("Bearer ".length()).split("\\.");
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(header.get("alg").asText()).isEqualTo("HS256");
    assertThat(header.get("typ").asText()).isEqualTo("JWT");
    assertThat(payload.get("iss").asText()).isEqualTo(FakeKlingServer.ACCESS_KEY);
    assertThat(payload.get("exp").asLong()).isEqualTo(START.getEpochSecond() + 1800);
    assertThat(payload.get("nbf").asLong()).isEqualTo(START.getEpochSecond() - 5);
  }

  // §2.1 + §2.6 1004: a token dies after 30 minutes, so the adapter signs one per request: after
  // two hours the old token is refused, yet the adapter's next call is accepted.
  @Test
  void theAdapterSignsAFreshTokenForEveryRequest() throws Exception {
    VideoProvider kling = provider(Mode.ACCESS_KEY);
    String handle = success(kling.submit(textShot(1280, 720, 3)));
    String firstToken = fake.authorizations().get(0);

    clock.advance(Duration.ofHours(2));
    RenderStatus status = success(kling.poll(handle));
    HttpResponse<String> replay = get("/v1/videos/text2video/" + handle.split(":")[1], firstToken);

    assertThat(status).isInstanceOf(RenderStatus.Running.class);
    assertThat(fake.authorizations().get(1)).isNotEqualTo(firstToken);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(replay.body()).get("code").asInt()).isEqualTo(1004);
  }

  // §2.6 1004 (expired) and 1003 (not yet valid, nbf): the fake checks the token against its own
  // clock, so an adapter clock far behind or ahead is refused.
  @Test
  void aTokenFromASkewedClockIsRefusedAsExpiredOrNotYetValid() {
    InstantSource behind = InstantSource.fixed(START.minus(Duration.ofMinutes(31)));
    InstantSource ahead = InstantSource.fixed(START.plus(Duration.ofMinutes(1)));

    ProviderOutcome.ProviderError<String> expired =
        error(
            provider(credential(Mode.ACCESS_KEY), settings(), behind)
                .submit(textShot(1280, 720, 3)));
    ProviderOutcome.ProviderError<String> early =
        error(
            provider(credential(Mode.ACCESS_KEY), settings(), ahead)
                .submit(textShot(1280, 720, 3)));

    assertThat(expired.code()).isEqualTo(ProviderErrorCodes.AUTH_FAILED);
    assertThat(expired.message()).contains("code 1004");
    assertThat(early.code()).isEqualTo(ProviderErrorCodes.AUTH_FAILED);
    assertThat(early.message()).contains("code 1003");
  }

  // §2.4/§2.5 and the brief: timestamps in milliseconds; statuses "succeed" (legacy) and
  // "succeeded" (path-model). Checks the fake's answers, which the lead reuses end to end.
  @Test
  void theFakeAnswersInMillisecondsWithEachApisStatusSpelling() throws Exception {
    String legacy = success(provider(Mode.ACCESS_KEY).submit(textShot(1280, 720, 3)));
    String pathModel = success(provider(Mode.API_KEY).submit(textShot(1280, 720, 3)));
    get("/v1/videos/text2video/" + legacy.split(":")[1], jwtNow());
    get("/tasks?task_ids=" + pathModel.split(":")[1], "Bearer " + FakeKlingServer.API_KEY);

    JsonNode legacyTask =
        JSON.readTree(get("/v1/videos/text2video/" + legacy.split(":")[1], jwtNow()).body())
            .get("data");
    JsonNode pathModelTask =
        JSON.readTree(
                get(
                        "/tasks?task_ids=" + pathModel.split(":")[1],
                        "Bearer " + FakeKlingServer.API_KEY)
                    .body())
            .get("data")
            .get(0);

    assertThat(legacyTask.get("task_status").asText()).isEqualTo("succeed");
    assertThat(legacyTask.get("created_at").asLong()).isEqualTo(START.toEpochMilli());
    assertThat(pathModelTask.get("status").asText()).isEqualTo("succeeded");
    assertThat(pathModelTask.get("create_time").asLong()).isEqualTo(START.toEpochMilli());
  }

  // [3P] kling-api README: the path-model API refuses AK/SK tokens with 401 code 1002.
  @Test
  void theFakeRefusesAJwtOnThePathModelApi() throws Exception {
    HttpResponse<String> response =
        post("/text-to-video/kling-3.0", "{\"prompt\":\"x\"}", jwtNow());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(response.body()).get("message").asText())
        .contains("does not support AK/SK");
  }

  private VideoProvider provider(Mode mode) {
    return provider(credential(mode), settings(), clock);
  }

  private VideoProvider provider(
      ProviderCredential credential, HttpSettings settings, InstantSource adapterClock) {
    ProviderHttp http =
        new ProviderHttp(
            "kling",
            settings,
            CircuitBreaker.defaults(clock),
            sleeper,
            new SplittableRandom(1),
            clock);
    return new KlingProviderFactory(http, JSON, adapterClock).create(credential);
  }

  private ProviderCredential credential(Mode mode) {
    return mode == Mode.ACCESS_KEY ? fake.credential() : fake.apiKeyCredential();
  }

  private static HttpSettings settings() {
    return new HttpSettings(2_000, 10_000, 60_000, 3, 10, 50, 5_000, 8L * 1024 * 1024);
  }

  private static RenderRequest textShot(int width, int height, int seconds) {
    return new RenderRequest("kling-v3", "a lighthouse at dusk", width, height, seconds, 1, null);
  }

  /** The fake finishes a task by being queried, so no waiting is needed, only a bound. */
  private static RenderStatus pollUntilFinished(VideoProvider kling, String handle) {
    RenderStatus status = new RenderStatus.Running(0);
    for (int query = 0; query < 10 && status instanceof RenderStatus.Running; query++) {
      status = success(kling.poll(handle));
    }
    return status;
  }

  private static byte[] portraitPng() throws IOException {
    BufferedImage image = new BufferedImage(360, 640, BufferedImage.TYPE_INT_RGB);
    var graphics = image.createGraphics();
    graphics.setColor(new Color(40, 90, 160));
    graphics.fillRect(0, 0, 360, 640);
    graphics.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private String jwtNow() {
    return "Bearer "
        + KlingJwt.sign(FakeKlingServer.ACCESS_KEY, FakeKlingServer.SECRET_KEY, clock.instant());
  }

  private HttpResponse<String> get(String path, String authorization)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
            .header("Authorization", authorization)
            .GET()
            .build();
    return send(request);
  }

  private HttpResponse<String> post(String path, String body, String authorization)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(fake.baseUrl() + path))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest request)
      throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private static <T> T success(ProviderOutcome<T> outcome) {
    assertThat(outcome).isInstanceOf(ProviderOutcome.Success.class);
    return ((ProviderOutcome.Success<T>) outcome).value();
  }

  private static <T> ProviderOutcome.ProviderError<T> error(ProviderOutcome<T> outcome) {
    assertThat(outcome).isInstanceOf(ProviderOutcome.ProviderError.class);
    return (ProviderOutcome.ProviderError<T>) outcome;
  }
}
