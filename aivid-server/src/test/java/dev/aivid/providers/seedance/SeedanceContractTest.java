package dev.aivid.providers.seedance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.RenderStatus;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.ShotReference;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.http.CircuitBreaker;
import dev.aivid.providers.http.HttpSettings;
import dev.aivid.providers.http.ProviderHttp;
import dev.aivid.support.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adapter against {@link FakeSeedanceServer} over real HTTP. Each expectation names where it
 * comes from: providers.md §3 and the sources it cites ([SDK] volcengine-python-sdk ark runtime,
 * vercel/ai bytedance provider; [3P] BytePlus doc mirrors, composio Ark toolkit).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SeedanceContractTest {
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-03-01T10:00:00Z"));
  private static final String MODEL = "dreamina-seedance-2-0-260128";

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private FakeSeedanceServer fake = FakeSeedanceServer.start(SeedanceRegion.AP_SOUTHEAST, CLOCK);
  @TempDir Path directory;

  @AfterEach
  void closeFake() {
    fake.close();
  }

  // providers.md §3.1 (POST/GET tasks, content.video_url) and §3.3 (statuses, duration) [SDK volcengine-python-sdk tasks.py]
  @Test
  void aRenderIsSubmittedPolledToSuccessAndFetchedAsH264OfTheRequestedSize() {
    VideoProvider provider = provider(fake.credential());

    String handle = success(provider.submit(request(864, 496, 4)));
    RenderStatus done = awaitFinished(provider, handle);
    Path video = success(provider.fetch(handle, directory.resolve("out.mp4")));

    assertThat(done).isEqualTo(new RenderStatus.Succeeded(4));
    VideoInfo info = VideoProbe.probe(video);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(864);
    assertThat(info.height()).isEqualTo(496);
    assertThat(info.durationSeconds()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.1));
    JsonNode sent = fake.createRequests().getFirst();
    assertThat(sent.path("model").asText()).isEqualTo(MODEL);
    assertThat(sent.path("ratio").asText()).isEqualTo("16:9");
    assertThat(sent.path("resolution").asText()).isEqualTo("480p");
  }

  // providers.md §3.1-3.2: Volcengine host and doubao-seedance-… ids for the same model [SDK volcengine-python-sdk; 3P]
  @Test
  void onVolcengineTheSameRenderGoesOutWithTheDoubaoModelId() {
    fake.close();
    fake = FakeSeedanceServer.start(SeedanceRegion.CN_BEIJING, CLOCK);
    VideoProvider provider = provider(fake.credential());

    String handle = success(provider.submit(request(864, 496, 4)));
    assertThat(awaitFinished(provider, handle)).isEqualTo(new RenderStatus.Succeeded(4));
    Path video = success(provider.fetch(handle, directory.resolve("cn.mp4")));

    assertThat(fake.createRequests().getFirst().path("model").asText()).isEqualTo("doubao-seedance-2-0-260128");
    assertThat(VideoProbe.probe(video).width()).isEqualTo(864);
  }

  // providers.md §3.2: model ids differ per platform; an unknown model is a 404 (Ark InvalidEndpointOrModel.NotFound, UNVERIFIED code)
  @Test
  void aVolcengineModelIdSentToBytePlusIsProviderNotFound() {
    VideoProvider provider = provider(withField(fake.credential(), "region", "cn-beijing"));

    ProviderOutcome<String> outcome = provider.submit(request(864, 496, 4));

    assertThat(error(outcome).code()).isEqualTo(ProviderErrorCodes.NOT_FOUND);
    assertThat(error(outcome).message()).contains("InvalidEndpointOrModel.NotFound");
  }

  // providers.md §3.1: "model may be a model id or an endpoint id (ep-…)"
  @Test
  void anEndpointIdIsSentAsTheModel() {
    VideoProvider provider = provider(withField(fake.credential(), "endpoint_id", FakeSeedanceServer.ENDPOINT_ID));

    String handle = success(provider.submit(request(864, 496, 4)));

    assertThat(fake.createRequests().getFirst().path("model").asText()).isEqualTo(FakeSeedanceServer.ENDPOINT_ID);
    assertThat(awaitFinished(provider, handle)).isInstanceOf(RenderStatus.Succeeded.class);
  }

  // providers.md §3.1: Authorization: Bearer <ARK_API_KEY>; §3.3 error envelope {error:{code,message}}
  @Test
  void aRefusedKeyIsProviderAuthFailedAndTheKeyIsNotInTheMessage() {
    VideoProvider provider = provider(fake.credential("ark-wrong-key-123"));

    ProviderOutcome.ProviderError<String> error = error(provider.submit(request(864, 496, 4)));

    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.code()).isEqualTo(ProviderErrorCodes.AUTH_FAILED);
    assertThat(error.message()).contains("AuthenticationError").doesNotContain("ark-wrong-key-123");
  }

  // providers.md §3.3: HTTP error envelope; code list UNVERIFIED (Ark naming: *SensitiveContentDetected, AccountOverdueError)
  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource({
    "400, InvalidParameter, provider_invalid_request",
    "400, InputTextSensitiveContentDetected, content_policy_violation",
    "400, InputImageSensitiveContentDetected.PrivacyInformation, content_policy_violation",
    "401, AuthenticationError, provider_auth_failed",
    "403, AccessDenied, provider_forbidden",
    "403, AccountOverdueError, provider_insufficient_balance",
    "404, InvalidEndpointOrModel.NotFound, provider_not_found",
    "429, RateLimitExceeded.EndpointRPMExceeded, provider_rate_limited",
    "500, InternalServiceError, provider_unavailable",
    "503, ServiceUnavailable, provider_unavailable"
  })
  void eachErrorClassMapsToItsAividCode(int status, String providerCode, String expected) {
    fake.failNextCreates(3, status, providerCode);
    VideoProvider provider = provider(fake.credential());

    ProviderOutcome.ProviderError<String> error = error(provider.submit(request(864, 496, 4)));

    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.code()).isEqualTo(expected);
    assertThat(error.message()).contains(providerCode);
  }

  // providers.md §3.3 (rate limits per model, 429) and ProviderHttp: Retry-After honoured before the retry
  @Test
  void aRateLimitedCreateIsRetriedAfterRetryAfter() {
    fake.retryAfterSeconds(2);
    fake.failNextCreates(1, 429);
    VideoProvider provider = provider(fake.credential());

    String handle = success(provider.submit(request(864, 496, 4)));

    assertThat(handle).startsWith("seedance:cgt-");
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
    assertThat(fake.createCount()).isEqualTo(2);
  }

  // ProviderHttp contract: a 503 was not accepted, so even a create is retried, up to maxAttempts
  @Test
  void aServerErrorIsRetriedThenProviderUnavailable() {
    fake.failNextCreates(3, 503);
    VideoProvider provider = provider(fake.credential());

    ProviderOutcome.ProviderError<String> error = error(provider.submit(request(864, 496, 4)));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE);
    assertThat(error.retryable()).isTrue();
    assertThat(fake.createCount()).isEqualTo(3);
    assertThat(waits).hasSize(2);
  }

  // providers.md §3.2: Ark takes no idempotency key, so a create that timed out may exist and is not resent
  @Test
  void aCreateThatOutlivesTheTimeoutIsATransportFailureAndIsNotResent() {
    fake.hangNextCreate();
    VideoProvider provider = provider(fake.credential(), settings(300));

    ProviderOutcome<String> outcome = provider.submit(request(864, 496, 4));

    assertThat(outcome).isInstanceOf(ProviderOutcome.TransportFailure.class);
    assertThat(fake.createCount()).isEqualTo(1);
  }

  // providers.md §3.1: the result is a plain GET of content.video_url; a short body must not pass as a video
  @Test
  void aDownloadCutOffMidBodyIsATransportFailureAndLeavesNoFile() {
    VideoProvider provider = provider(fake.credential());
    String handle = success(provider.submit(request(864, 496, 4)));
    awaitFinished(provider, handle);
    fake.cutNextDownload();
    Path target = directory.resolve("cut.mp4");

    ProviderOutcome<Path> outcome = provider.fetch(handle, target);

    assertThat(outcome).isInstanceOf(ProviderOutcome.TransportFailure.class);
    assertThat(target).doesNotExist();
  }

  // providers.md §3.1: video_url is signed and expires ([3P] 24 h); no refresh endpoint, so the answer is "render again"
  @Test
  void anExpiredResultUrlIsProviderResultExpiredEvenAfterARequery() {
    VideoProvider provider = provider(fake.credential());
    String handle = success(provider.submit(request(864, 496, 4)));
    awaitFinished(provider, handle);
    fake.expireResultUrls();
    Path target = directory.resolve("late.mp4");

    ProviderOutcome.ProviderError<Path> first = error(provider.fetch(handle, target));
    ProviderOutcome.ProviderError<Path> second = error(provider.fetch(handle, target));

    assertThat(first.code()).isEqualTo(ProviderErrorCodes.RESULT_EXPIRED);
    assertThat(first.message()).contains("render again");
    assertThat(second.code()).isEqualTo(ProviderErrorCodes.RESULT_EXPIRED);
    assertThat(target).doesNotExist();
  }

  // ProviderHttp/CircuitBreaker contract: 5 consecutive failures open the circuit; open means no call at all
  @Test
  void theCircuitOpensAfterRepeatedServerErrorsAndTheNextCallNeverReachesTheFake() {
    fake.failNextCreates(10, 503);
    VideoProvider provider = provider(fake.credential());
    error(provider.submit(request(864, 496, 4)));
    error(provider.submit(request(864, 496, 4)));
    int reached = fake.requestCount();

    ProviderOutcome.ProviderError<String> submit = error(provider.submit(request(864, 496, 4)));
    ProviderOutcome.ProviderError<RenderStatus> poll = error(provider.poll("seedance:cgt-1:4"));

    assertThat(submit.code()).isEqualTo(ProviderErrorCodes.CIRCUIT_OPEN);
    assertThat(poll.code()).isEqualTo(ProviderErrorCodes.CIRCUIT_OPEN);
    assertThat(fake.requestCount()).isEqualTo(reached);
  }

  // providers.md §3.1: DELETE cancels a queued task [3P composio]; §3.3 status cancelled
  @Test
  void cancellingAQueuedTaskCancelsIt() {
    VideoProvider provider = provider(fake.credential());
    String handle = success(provider.submit(request(864, 496, 4)));

    assertThat(success(provider.cancel(handle))).isTrue();
    assertThat(fake.taskStatus(taskId(handle))).isEqualTo("cancelled");
    assertThat(success(provider.poll(handle))).isEqualTo(new RenderStatus.Failed("cancelled", "seedance task was cancelled"));
  }

  // providers.md §3.3: "only queued tasks cancellable"; a running task renders on and cancel says so
  @Test
  void cancellingARunningTaskReportsFalseAndTheTaskRunsOn() {
    fake.pollsToComplete(5);
    VideoProvider provider = provider(fake.credential());
    String handle = success(provider.submit(request(864, 496, 4)));
    assertThat(success(provider.poll(handle))).isEqualTo(new RenderStatus.Running(0));
    assertThat(success(provider.poll(handle))).isEqualTo(new RenderStatus.Running(50));

    assertThat(success(provider.cancel(handle))).isFalse();

    assertThat(fake.taskStatus(taskId(handle))).isEqualTo("running");
    assertThat(awaitFinished(provider, handle)).isInstanceOf(RenderStatus.Succeeded.class);
  }

  // providers.md §3.1: DELETE of a terminal task deletes its record (caller can't choose) [3P composio]
  @Test
  void cancellingAFinishedTaskDeletesItsRecordAndReportsFalse() {
    VideoProvider provider = provider(fake.credential());
    String handle = success(provider.submit(request(864, 496, 4)));
    awaitFinished(provider, handle);

    assertThat(success(provider.cancel(handle))).isFalse();
    assertThat(success(provider.poll(handle))).isEqualTo(new RenderStatus.Lost());
  }

  // VideoProvider.cancel: a no-op for an unknown handle
  @Test
  void cancellingAnUnknownHandleIsANoOp() {
    VideoProvider provider = provider(fake.credential());

    assertThat(success(provider.cancel("seedance:cgt-unknown:5"))).isFalse();
    assertThat(success(provider.cancel("not-a-seedance-handle"))).isFalse();
  }

  // providers.md §3.3: failure as error{code,message}; moderation codes UNVERIFIED (Ark naming)
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({
    "InternalServiceError, provider_render_failed",
    "OutputVideoSensitiveContentDetected, content_policy_violation"
  })
  void aFailedTaskIsReportedWithTheProvidersReason(String providerCode, String expected) {
    fake.failNextTask(providerCode, "the render did not work out");
    VideoProvider provider = provider(fake.credential());
    String handle = success(provider.submit(request(864, 496, 4)));

    RenderStatus status = awaitFinished(provider, handle);

    assertThat(status).isInstanceOf(RenderStatus.Failed.class);
    RenderStatus.Failed failed = (RenderStatus.Failed) status;
    assertThat(failed.code()).isEqualTo(expected);
    assertThat(failed.message()).contains(providerCode).contains("the render did not work out");
  }

  // providers.md §3.2-3.3: execution_expires_after → status expired
  @Test
  void anExpiredTaskIsProviderRenderExpiredAndHasNothingToFetch() {
    fake.expireNextTask();
    VideoProvider provider = provider(fake.credential());
    String handle = success(provider.submit(request(864, 496, 4)));

    RenderStatus status = awaitFinished(provider, handle);

    assertThat(((RenderStatus.Failed) status).code()).isEqualTo(ProviderErrorCodes.RENDER_EXPIRED);
    assertThat(error(provider.fetch(handle, directory.resolve("none.mp4"))).code())
        .isEqualTo(ProviderErrorCodes.RENDER_EXPIRED);
  }

  // providers.md §3.2: 2.0 reference mode takes images, videos and audio as data URIs; the first frame is approximated
  @Test
  void aStackWithReferencesIsAcceptedAsReferenceModeWithTheFirstFrameApproximated() {
    VideoProvider provider = provider(fake.credential());
    RenderRequest request =
        new RenderRequest(
            "seedance-2.0",
            MODEL,
            "@Image1 for the courier rides through @Video1 to the beat of @Audio1",
            864,
            496,
            5,
            7,
            SeedanceCompilerTest.PNG,
            new ShotControls(
                List.of(
                    ShotReference.of("@Image1", "image", "for the courier", "image/png", "a1", SeedanceCompilerTest.PNG),
                    ShotReference.of("@Video1", "video", null, "video/mp4", "v1", new byte[] {0, 0, 0, 24}),
                    ShotReference.of("@Audio1", "audio", null, "audio/mpeg", "m1", new byte[] {73, 68, 51})),
                null,
                null,
                null,
                true));

    String handle = success(provider.submit(request));
    List<ControlVerdict> verdicts = provider.translate(request);

    assertThat(awaitFinished(provider, handle)).isInstanceOf(RenderStatus.Succeeded.class);
    assertThat(verdicts.getFirst().control()).isEqualTo("first_frame");
    assertThat(verdicts.getFirst().fidelity()).isEqualTo(ControlVerdict.Fidelity.APPROXIMATED);
    assertThat(fake.createRequests().getFirst().path("content"))
        .extracting(item -> item.path("role").asText())
        .containsExactly("", "reference_image", "reference_image", "reference_video", "reference_audio");
  }

  // providers.md §3.1: a task Ark no longer knows (deleted, or past the 7 days it keeps them [3P]) is lost
  @Test
  void aPollOfATaskTheProviderDoesNotKnowIsLost() {
    VideoProvider provider = provider(fake.credential());

    assertThat(success(provider.poll("seedance:cgt-20990101000001:5"))).isEqualTo(new RenderStatus.Lost());
  }

  private RenderStatus awaitFinished(VideoProvider provider, String handle) {
    return Await.until(
        () -> success(provider.poll(handle)),
        status -> !(status instanceof RenderStatus.Running),
        Duration.ofSeconds(20));
  }

  private static RenderRequest request(int width, int height, int seconds) {
    return new RenderRequest(
        "seedance-2.0", MODEL, "A kite rises over a meadow", width, height, seconds, 11, null, ShotControls.none());
  }

  private VideoProvider provider(ProviderCredential credential) {
    return provider(credential, settings(5_000));
  }

  private VideoProvider provider(ProviderCredential credential, HttpSettings settings) {
    ProviderHttp http =
        new ProviderHttp(
            "seedance", settings, CircuitBreaker.defaults(CLOCK), waits::add, new SplittableRandom(1), CLOCK);
    return new SeedanceProviderFactory(http, json, CLOCK).create(credential);
  }

  /** Backoff far below Retry-After, so a recorded wait is exactly the Retry-After. */
  private static HttpSettings settings(long requestTimeoutMillis) {
    return new HttpSettings(2_000, requestTimeoutMillis, 30_000, 3, 10, 40, 5_000, 1024 * 1024);
  }

  private static ProviderCredential withField(ProviderCredential credential, String field, String value) {
    Map<String, String> fields = new HashMap<>(credential.fields());
    fields.put(field, value);
    return new ProviderCredential(credential.provider(), fields);
  }

  private static String taskId(String handle) {
    return SeedanceHandle.decode(handle).orElseThrow().taskId();
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
