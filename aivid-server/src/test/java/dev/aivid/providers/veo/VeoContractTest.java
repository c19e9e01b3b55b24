package dev.aivid.providers.veo;

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
import dev.aivid.providers.http.Sleeper;
import dev.aivid.providers.veo.FakeVeoServer.Mode;
import dev.aivid.support.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Veo adapter against {@link FakeVeoServer} over real HTTP, for both backends. Each test names
 * where its expectation comes from: providers.md §4 and the [SDK] (python-genai) or [DOC] source it
 * cites, or the brief's error table where the research is silent.
 */
class VeoContractTest {
  private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-03-01T12:00:00Z"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final Sleeper recordingSleeper = waits::add;
  private final List<FakeVeoServer> servers = new ArrayList<>();
  @TempDir Path directory;

  @AfterEach
  void closeServers() {
    servers.forEach(FakeVeoServer::close);
  }

  // §4.1 [SDK] Gemini: POST /v1beta/models/{m}:predictLongRunning → {name}; GET /v1beta/{name} until done;
  // response.generateVideoResponse.generatedSamples[].video.uri downloaded with the API key.
  // §4.2 [SDK] Vertex: POST …:predictLongRunning; POST …:fetchPredictOperation {operationName}; response.videos[].gcsUri.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aTextRenderIsSubmittedPolledAndFetchedAsAnH264VideoOfTheRequestedSize(Mode mode) {
    FakeVeoServer fake = fake(mode);
    VideoProvider provider = provider(fake);

    String handle = success(provider.submit(request(1280, 720, 4)));
    RenderStatus status = pollUntilFinished(provider, handle);
    Path video = success(provider.fetch(handle, directory.resolve("veo.mp4")));

    assertThat(handle).startsWith(mode == Mode.GEMINI ? "gemini:4:models/veo-3.1-generate-001/operations/" : "vertex:4:projects/");
    assertThat(status).isEqualTo(new RenderStatus.Succeeded(4));
    assertH264(video, 1280, 720, 4);
    JsonNode body = fake.createRequests().getFirst();
    assertThat(body.at("/instances/0/prompt").asText()).isEqualTo("A lighthouse on a cliff at dusk");
    assertThat(body.at("/parameters/durationSeconds").asInt()).isEqualTo(4);
    assertThat(body.at("/parameters/aspectRatio").asText()).isEqualTo("16:9");
    assertThat(body.at("/parameters/resolution").asText()).isEqualTo("720p");
    assertThat(fake.downloadCount()).isEqualTo(1);
  }

  // §4.2 [SDK]: Vertex answers bytesBase64Encoded "inline unless storageUri given".
  @Test
  void vertexWithoutAStorageUriAnswersTheVideoInlineAndItIsWrittenFromTheBytes() {
    FakeVeoServer fake = fake(Mode.VERTEX);
    VideoProvider provider = provider(fake.credentialWith("storage_uri", null));

    String handle = success(provider.submit(request(720, 1280, 4)));
    pollUntilFinished(provider, handle);
    Path video = success(provider.fetch(handle, directory.resolve("inline.mp4")));

    assertH264(video, 720, 1280, 4);
    assertThat(fake.downloadCount()).isZero();
    assertThat(fake.createRequests().getFirst().at("/parameters").has("storageUri")).isFalse();
  }

  // §4.3 table [SDK]: seed, fps and generateAudio are ✗ on the Gemini API and ✓ on Vertex; the fake refuses them on
  // the Gemini API, so a render there proves the adapter never sends them.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void seedAndFrameRateReachVertexOnly(Mode mode) {
    FakeVeoServer fake = fake(mode);
    VideoProvider provider = provider(fake);
    RenderRequest request =
        new RenderRequest(
            "veo-3.1", "veo-3.1-generate-001", "A hummingbird", 1280, 720, 8, 31337, null,
            new ShotControls(List.of(), null, 24.0, null, true));

    success(provider.submit(request));

    JsonNode parameters = fake.createRequests().getFirst().path("parameters");
    if (mode == Mode.GEMINI) {
      assertThat(parameters.has("seed") || parameters.has("fps") || parameters.has("generateAudio")).isFalse();
    } else {
      assertThat(parameters.path("seed").asLong()).isEqualTo(31337);
      assertThat(parameters.path("fps").asInt()).isEqualTo(24);
      assertThat(parameters.path("generateAudio").asBoolean()).isTrue();
    }
  }

  // §4.3 [SDK]: python-genai raises for seed on the Gemini API; the fake answers 400 INVALID_ARGUMENT like the API.
  @Test
  void theFakeGeminiApiRefusesTheVertexOnlySeed() throws Exception {
    FakeVeoServer fake = fake(Mode.GEMINI);
    String body = "{\"instances\":[{\"prompt\":\"x\"}],\"parameters\":{\"durationSeconds\":8,\"seed\":1}}";

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/v1beta/models/veo-3.1-generate-001:predictLongRunning"))
                    .header("x-goog-api-key", FakeVeoServer.API_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
  }

  // Stateless adapters (the brief): the handle carries backend, seconds and operation name.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFreshAdapterPollsAndFetchesTheHandleAnotherAdapterSubmitted(Mode mode) {
    FakeVeoServer fake = fake(mode);

    String handle = success(provider(fake).submit(request(1280, 720, 4)));
    pollUntilFinished(provider(fake), handle);
    Path video = success(provider(fake).fetch(handle, directory.resolve("fresh.mp4")));

    assertThat(Files.exists(video)).isTrue();
  }

  // Gemini refuses a wrong key with 400 INVALID_ARGUMENT + ErrorInfo API_KEY_INVALID ([3P] continuedev/continue#8516);
  // Vertex with 401 UNAUTHENTICATED (brief's error table). Either is provider_auth_failed, and the secret never shows.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRefusedCredentialIsProviderAuthFailedWithoutTheSecretInTheMessage(Mode mode) {
    FakeVeoServer fake = fake(mode);
    String wrong = "wrong-secret-1234";
    ProviderCredential credential = fake.credentialWith(mode == Mode.GEMINI ? "api_key" : "access_token", wrong);

    ProviderOutcome<String> outcome = provider(credential).submit(request(1280, 720, 4));

    ProviderOutcome.ProviderError<String> error = error(outcome);
    assertThat(error.code()).isEqualTo(ProviderErrorCodes.AUTH_FAILED);
    assertThat(error.httpStatus()).isEqualTo(mode == Mode.GEMINI ? 400 : 401);
    assertThat(error.message()).doesNotContain(wrong);
    assertThat(fake.createCount()).isEqualTo(1);
  }

  static Stream<Arguments> errorClasses() {
    List<Arguments> arguments = new ArrayList<>();
    for (Mode mode : Mode.values()) {
      arguments.add(Arguments.of(mode, 400, null, ProviderErrorCodes.INVALID_REQUEST));
      arguments.add(
          Arguments.of(
              mode, 400,
              "The prompt could not be submitted. This prompt contains sensitive words that violate Google's"
                  + " Responsible AI practices.",
              ProviderErrorCodes.CONTENT_POLICY));
      arguments.add(Arguments.of(mode, 401, null, ProviderErrorCodes.AUTH_FAILED));
      arguments.add(Arguments.of(mode, 403, null, ProviderErrorCodes.FORBIDDEN));
      arguments.add(Arguments.of(mode, 404, null, ProviderErrorCodes.NOT_FOUND));
    }
    return arguments.stream();
  }

  // Brief's error table on the google.rpc.Status envelope {error:{code, message, status}} (§4.1 failure shape [SDK]):
  // 400 INVALID_ARGUMENT (RAI wording → content policy), 401 UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 NOT_FOUND.
  // None is retried.
  @ParameterizedTest
  @MethodSource("errorClasses")
  void eachClientErrorClassMapsToItsCodeAndIsNotRetried(Mode mode, int status, String message, String expected) {
    FakeVeoServer fake = fake(mode).failNextCreates(1, status, message);

    ProviderOutcome.ProviderError<String> error = error(provider(fake).submit(request(1280, 720, 4)));

    assertThat(error.code()).isEqualTo(expected);
    assertThat(error.httpStatus()).isEqualTo(status);
    assertThat(error.message()).contains(Integer.toString(status));
    assertThat(fake.createCount()).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  // §4.4 [3P]: 429 RESOURCE_EXHAUSTED; the fake sends Retry-After and google.rpc.RetryInfo, the client waits that long.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRateLimitedCreateIsRetriedAfterRetryAfter(Mode mode) {
    FakeVeoServer fake = fake(mode).retryAfterSeconds(2).failNextCreates(1, 429);

    success(provider(fake).submit(request(1280, 720, 4)));

    assertThat(waits).containsExactly(Duration.ofSeconds(2));
    assertThat(fake.createCount()).isEqualTo(2);
  }

  // §4.4 [3P] 429 RESOURCE_EXHAUSTED → provider_rate_limited, keeping the wait for the job worker.
  @Test
  void aRateLimitThatOutlastsTheAttemptsIsProviderRateLimitedWithItsWait() {
    FakeVeoServer fake = fake(Mode.GEMINI).retryAfterSeconds(3).failNextCreates(3, 429);

    ProviderOutcome.ProviderError<String> error = error(provider(fake).submit(request(1280, 720, 4)));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.RATE_LIMITED);
    assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
  }

  // Brief's error table: 503 UNAVAILABLE → provider_unavailable after the bounded retries.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void anUnavailableCreateIsRetriedThenProviderUnavailable(Mode mode) {
    FakeVeoServer fake = fake(mode).failNextCreates(3, 503);

    ProviderOutcome.ProviderError<String> error = error(provider(fake).submit(request(1280, 720, 4)));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE);
    assertThat(error.message()).contains("UNAVAILABLE");
    assertThat(fake.createCount()).isEqualTo(3);
    assertThat(waits).hasSize(2);
  }

  // A 500 INTERNAL on a create may hide a started render (Google does not dedupe predictLongRunning): not repeated.
  @Test
  void anInternalErrorOnCreateIsNotRepeatedBecauseTheRenderMayHaveStarted() {
    FakeVeoServer fake = fake(Mode.VERTEX).failNextCreates(1, 500);

    ProviderOutcome.ProviderError<String> error = error(provider(fake).submit(request(1280, 720, 4)));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE);
    assertThat(fake.createCount()).isEqualTo(1);
  }

  // Reading an operation is safe to repeat, so a 500 while polling is retried (§4.1-4.2 poll endpoints).
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPollThatFailsOnceWithAServerErrorIsRetried(Mode mode) {
    FakeVeoServer fake = fake(mode);
    VideoProvider provider = provider(fake);
    String handle = success(provider.submit(request(1280, 720, 4)));
    fake.failNextPolls(1, 500);

    RenderStatus status = success(provider.poll(handle));

    assertThat(status).isEqualTo(new RenderStatus.Running(0));
    assertThat(fake.pollCount()).isEqualTo(2);
  }

  // Timeouts: a create with no answer within the request timeout is a transport failure, not repeated.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCreateThatGetsNoAnswerInTimeIsATransportFailure(Mode mode) {
    FakeVeoServer fake = fake(mode).hangNextCreate();
    VideoProvider provider = new VeoProviderFactory(http(300), JSON, CLOCK).create(fake.credential());

    ProviderOutcome<String> outcome = provider.submit(request(1280, 720, 4));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderOutcome.TransportFailure.class,
            failure -> assertThat(failure.message()).contains("did not answer within 300 ms"));
    // On a cold JVM the client may give up before the fake's handler has even counted the request.
    Await.until(fake::createCount, count -> count == 1, PATIENCE);
  }

  // Result download (§4.1 uri, §4.2 gcsUri): a body shorter than its Content-Length is a transport failure, no file.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aDownloadCutOffMidwayIsATransportFailureAndLeavesNoFile(Mode mode) {
    FakeVeoServer fake = fake(mode);
    VideoProvider provider = provider(fake);
    String handle = success(provider.submit(request(1280, 720, 4)));
    pollUntilFinished(provider, handle);
    fake.cutNextDownload();
    Path target = directory.resolve("cut.mp4");

    ProviderOutcome<Path> outcome = provider.fetch(handle, target);

    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderOutcome.TransportFailure.class,
            failure -> assertThat(failure.message()).containsAnyOf("cut off", "broke off"));
    assertThat(target).doesNotExist();
    assertThat(provider.fetch(handle, target)).isInstanceOf(ProviderOutcome.Success.class);
  }

  // §4.1 [3P]: Gemini files are kept ~2 days; a gs:// object can be deleted. A 404 from the result is
  // provider_result_expired (Veo gives no fresh URL on a re-query: the operation names the same file).
  @ParameterizedTest
  @EnumSource(Mode.class)
  void anExpiredResultUrlIsProviderResultExpired(Mode mode) {
    FakeVeoServer fake = fake(mode);
    VideoProvider provider = provider(fake);
    String handle = success(provider.submit(request(1280, 720, 4)));
    pollUntilFinished(provider, handle);
    fake.expireResultUrls();
    Path target = directory.resolve("expired.mp4");

    ProviderOutcome.ProviderError<Path> error = error(provider.fetch(handle, target));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.RESULT_EXPIRED);
    assertThat(target).doesNotExist();
  }

  // Circuit breaker (ProviderHttp): five consecutive 5xx open it; the next call fails at once without reaching Google.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void theCircuitOpensAfterRepeatedServerErrorsAndTheNextCallNeverReachesTheProvider(Mode mode) {
    FakeVeoServer fake = fake(mode).failNextCreates(100, 503);
    VideoProvider provider = provider(fake);

    ProviderOutcome<String> first = provider.submit(request(1280, 720, 4));
    ProviderOutcome<String> second = provider.submit(request(1280, 720, 4));
    int reached = fake.requestCount();
    ProviderOutcome<String> third = provider.submit(request(1280, 720, 4));

    assertThat(error(first).code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE);
    assertThat(error(second).code()).isEqualTo(ProviderErrorCodes.CIRCUIT_OPEN);
    assertThat(error(third).code()).isEqualTo(ProviderErrorCodes.CIRCUIT_OPEN);
    assertThat(reached).isEqualTo(5);
    assertThat(fake.requestCount()).isEqualTo(reached);
  }

  // §4 / §12: cancelling a Veo operation is UNVERIFIED, so cancel sends nothing and says it did not cancel.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void cancelSendsNothingAndReportsNothingCancelled(Mode mode) {
    FakeVeoServer fake = fake(mode);
    VideoProvider provider = provider(fake);
    String handle = success(provider.submit(request(1280, 720, 4)));
    int reached = fake.requestCount();

    ProviderOutcome<Boolean> outcome = provider.cancel(handle);

    assertThat(outcome).isEqualTo(new ProviderOutcome.Success<>(false));
    assertThat(fake.requestCount()).isEqualTo(reached);
  }

  static Stream<Arguments> operationErrors() {
    List<Arguments> arguments = new ArrayList<>();
    for (Mode mode : Mode.values()) {
      arguments.add(Arguments.of(mode, 3, "Unsupported image resolution.", ProviderErrorCodes.INVALID_REQUEST));
      arguments.add(
          Arguments.of(
              mode, 3,
              "The prompt could not be submitted. This prompt contains sensitive words that violate Google's"
                  + " Responsible AI practices. Support codes: 58061214",
              ProviderErrorCodes.CONTENT_POLICY));
      arguments.add(Arguments.of(mode, 8, "Quota exceeded for online prediction.", ProviderErrorCodes.RATE_LIMITED));
      arguments.add(Arguments.of(mode, 13, "Internal error encountered.", ProviderErrorCodes.UNAVAILABLE));
      arguments.add(Arguments.of(mode, 2, "Video generation failed.", ProviderErrorCodes.RENDER_FAILED));
    }
    return arguments.stream();
  }

  // §4.1-4.2 [SDK]: a done operation may carry error (google.rpc.Status, canonical code): a failed render, mapped
  // like the HTTP errors; codes that name no cause are provider_render_failed.
  @ParameterizedTest
  @MethodSource("operationErrors")
  void anOperationThatEndsWithAnErrorFailsWithTheMappedCode(Mode mode, int rpcCode, String message, String expected) {
    FakeVeoServer fake = fake(mode).failNextOperation(rpcCode, message);
    VideoProvider provider = provider(fake);
    String handle = success(provider.submit(request(1280, 720, 4)));

    RenderStatus status = pollUntilFinished(provider, handle);

    assertThat(status).isInstanceOfSatisfying(RenderStatus.Failed.class, failed -> {
      assertThat(failed.code()).isEqualTo(expected);
      assertThat(failed.message()).contains(message);
    });
    assertThat(error(provider.fetch(handle, directory.resolve("failed.mp4"))).code()).isEqualTo(expected);
  }

  // §4.1 [SDK]: done with no samples and raiMediaFilteredCount > 0, reasons in raiMediaFilteredReasons.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOperationWhoseVideoWasFilteredFailsAsContentPolicyWithTheReason(Mode mode) {
    String reason = "Unable to show generated videos that involve children due to our safety filters.";
    FakeVeoServer fake = fake(mode).filterNextOperation(reason);
    VideoProvider provider = provider(fake);
    String handle = success(provider.submit(request(1280, 720, 4)));

    RenderStatus status = pollUntilFinished(provider, handle);

    assertThat(status).isInstanceOfSatisfying(RenderStatus.Failed.class, failed -> {
      assertThat(failed.code()).isEqualTo(ProviderErrorCodes.CONTENT_POLICY);
      assertThat(failed.message()).contains(reason);
    });
  }

  // An operation Google no longer knows (404 NOT_FOUND on the poll) has to be submitted again.
  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOperationTheProviderNoLongerKnowsIsLost(Mode mode) {
    FakeVeoServer fake = fake(mode);
    String handle =
        mode == Mode.GEMINI
            ? "gemini:8:models/veo-3.1-generate-001/operations/forgotten"
            : "vertex:8:projects/aivid-test/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/forgotten";

    RenderStatus status = success(provider(fake).poll(handle));

    assertThat(status).isEqualTo(new RenderStatus.Lost());
  }

  // A handle from the other backend cannot be polled with this credential: refused before any call.
  @Test
  void aHandleOfTheOtherBackendIsRefusedWithoutACall() {
    FakeVeoServer fake = fake(Mode.GEMINI);
    String vertexHandle =
        "vertex:8:projects/aivid-test/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/x";

    ProviderOutcome.ProviderError<RenderStatus> error = error(provider(fake).poll(vertexHandle));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.INVALID_REQUEST);
    assertThat(fake.requestCount()).isZero();
  }

  private FakeVeoServer fake(Mode mode) {
    FakeVeoServer fake = FakeVeoServer.start(mode);
    servers.add(fake);
    return fake;
  }

  private VideoProvider provider(FakeVeoServer fake) {
    return provider(fake.credential());
  }

  private VideoProvider provider(ProviderCredential credential) {
    return new VeoProviderFactory(http(5_000), JSON, CLOCK).create(credential);
  }

  private ProviderHttp http(long requestTimeoutMillis) {
    return new ProviderHttp(
        "veo",
        new HttpSettings(2_000, requestTimeoutMillis, 30_000, 3, 1, 2, 10_000, 64L * 1024 * 1024),
        CircuitBreaker.defaults(CLOCK),
        recordingSleeper,
        new SplittableRandom(1),
        CLOCK);
  }

  private static RenderRequest request(int width, int height, int seconds) {
    return new RenderRequest(
        "veo-3.1", "veo-3.1-generate-001", "A lighthouse on a cliff at dusk", width, height, seconds, 42, null, ShotControls.none());
  }

  private static RenderStatus pollUntilFinished(VideoProvider provider, String handle) {
    return Await.until(() -> success(provider.poll(handle)), status -> !(status instanceof RenderStatus.Running), PATIENCE);
  }

  private static void assertH264(Path video, int width, int height, int seconds) {
    VideoInfo info = VideoProbe.probe(video);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(width);
    assertThat(info.height()).isEqualTo(height);
    assertThat(info.durationSeconds()).isCloseTo(seconds, org.assertj.core.data.Offset.offset(0.5));
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
