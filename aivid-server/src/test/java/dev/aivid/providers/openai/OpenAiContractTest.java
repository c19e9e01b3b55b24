package dev.aivid.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.ObjectMappers;
import com.openai.models.videos.Video;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.providers.ControlVerdict;
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
import dev.aivid.support.TestImages;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adapter against {@link FakeOpenAiServer} over real HTTP. Sources: providers.md §1 ([SDK]
 * openai/openai-python videos.py, types/video*.py; [DOC] the video-generation guide) and the
 * mapping the brief gives for the error envelope.
 */
class OpenAiContractTest {
  private static final Instant NOW = Instant.parse("2026-10-01T12:00:00Z");
  private final InstantSource clock = InstantSource.fixed(NOW);
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private FakeOpenAiServer fake;
  private VideoProvider provider;
  @TempDir Path directory;

  @BeforeEach
  void setUp() {
    fake = FakeOpenAiServer.start(clock);
    provider = adapter(5_000, fake.credential());
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  private VideoProvider adapter(long requestTimeoutMillis, ProviderCredential credential) {
    HttpSettings settings =
        new HttpSettings(1_000, requestTimeoutMillis, 60_000, 3, 250, 1_000, 5_000, 1024 * 1024);
    ProviderHttp http =
        new ProviderHttp(
            "openai",
            settings,
            CircuitBreaker.defaults(clock),
            waits::add,
            new SplittableRandom(1),
            clock);
    return new OpenAiProviderFactory(http, json, clock).create(credential);
  }

  private static RenderRequest request(
      String prompt, int width, int height, int seconds, byte[] firstFrame) {
    return new RenderRequest(
        "openai-compatible",
        "local/previz",
        prompt,
        width,
        height,
        seconds,
        7,
        firstFrame,
        ShotControls.none());
  }

  private static RenderRequest request(String prompt) {
    return request(prompt, 1280, 720, 4, null);
  }

  private String submitted(RenderRequest request) {
    ProviderOutcome<String> outcome = provider.submit(request);
    assertThat(outcome).isInstanceOf(ProviderOutcome.Success.class);
    return ((ProviderOutcome.Success<String>) outcome).value();
  }

  private RenderStatus polled(String handle) {
    ProviderOutcome<RenderStatus> outcome = provider.poll(handle);
    assertThat(outcome).isInstanceOf(ProviderOutcome.Success.class);
    return ((ProviderOutcome.Success<RenderStatus>) outcome).value();
  }

  private static <T> ProviderOutcome.ProviderError<T> error(ProviderOutcome<T> outcome) {
    assertThat(outcome).isInstanceOf(ProviderOutcome.ProviderError.class);
    return (ProviderOutcome.ProviderError<T>) outcome;
  }

  private String completed(RenderRequest request) {
    String handle = submitted(request);
    assertThat(polled(handle)).isInstanceOf(RenderStatus.Running.class);
    assertThat(polled(handle)).isInstanceOf(RenderStatus.Succeeded.class);
    return handle;
  }

  // §1.1 POST /videos → GET /videos/{id} → GET /videos/{id}/content?variant=video ([SDK] videos.py
  // create/retrieve/download_content, Accept: application/binary); §1.2 seconds is a string enum.
  @Test
  void aRenderIsSubmittedPolledAndFetchedAsH264OfTheRequestedSize() {
    String handle =
        submitted(request("A red kite swoops over a park, golden hour light", 1280, 720, 4, null));

    assertThat(handle).matches("4:video_[0-9a-f]{32}");
    JsonNode sent = fake.createRequests().getFirst();
    assertThat(sent.path("seconds").isTextual()).isTrue();
    assertThat(sent.path("seconds").asText()).isEqualTo("4");
    assertThat(sent.path("size").asText()).isEqualTo("1280x720");
    assertThat(sent.path("model").asText()).isEqualTo("local/previz");
    assertThat(sent.path("prompt").asText())
        .startsWith(
            "Camera: locked-off static camera.\n"
                + "Movement: A red kite swoops.\n"
                + "Environment: over a park; golden hour light.\n\n")
        .endsWith("A red kite swoops over a park, golden hour light");
    assertThat(polled(handle)).isEqualTo(new RenderStatus.Running(50));
    assertThat(polled(handle)).isEqualTo(new RenderStatus.Succeeded(4.0));

    Path target = directory.resolve("out.mp4");
    assertThat(provider.fetch(handle, target)).isEqualTo(new ProviderOutcome.Success<>(target));
    VideoInfo info = VideoProbe.probe(target);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(1280);
    assertThat(info.height()).isEqualTo(720);
    assertThat(info.durationSeconds()).isBetween(3.9, 4.1);
    Map<String, String> headers = fake.contentRequestHeaders().getFirst();
    assertThat(headers).containsEntry("accept", "application/binary");
    assertThat(headers).containsEntry("authorization", "Bearer " + FakeOpenAiServer.API_KEY);
  }

  // §1.3: the fake's video objects are what the official SDK reads ([SDK] types/video.py, mirrored
  // by openai-java's Video: status enum, created_at unix seconds, seconds "4"|"8"|"12").
  @Test
  void theFakeAnswersWhatTheOfficialSdkReads() throws Exception {
    String handle = completed(request("A lighthouse at dusk", 720, 1280, 8, null));
    String id = handle.substring(handle.indexOf(':') + 1);
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/videos/" + id))
                    .header("Authorization", "Bearer " + FakeOpenAiServer.API_KEY)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    Video video = ObjectMappers.jsonMapper().readValue(answer.body(), Video.class).validate();
    assertThat(video.status().known()).isEqualTo(Video.Status.Known.COMPLETED);
    assertThat(video.seconds().known()).isEqualTo(com.openai.models.videos.VideoSeconds.Known._8);
    assertThat(video.createdAt()).isEqualTo(NOW.getEpochSecond());
    assertThat(video.expiresAt()).contains(NOW.getEpochSecond() + 3600);
  }

  // §1.2: input_reference {image_url} may be a data URL and acts as the first frame.
  @Test
  void aFirstFrameOfTheRequestedSizeIsSentAsADataUri() {
    byte[] png = TestImages.png(1280, 720, Color.BLUE);

    submitted(request("A blue room", 1280, 720, 4, png));

    String imageUrl =
        fake.createRequests().getFirst().path("input_reference").path("image_url").asText();
    assertThat(imageUrl).startsWith("data:image/png;base64,");
    assertThat(java.util.Base64.getDecoder().decode(imageUrl.substring(imageUrl.indexOf(',') + 1)))
        .isEqualTo(png);
  }

  // §1.2: the image "must match target size"; a mismatch would be a 400, so it is dropped instead.
  @Test
  void aFirstFrameOfAnotherSizeIsDroppedWithTheReasonRatherThanRefused() {
    RenderRequest request =
        request("A blue room", 1280, 720, 4, TestImages.png(640, 360, Color.BLUE));

    submitted(request);

    assertThat(fake.createRequests().getFirst().has("input_reference")).isFalse();
    assertThat(provider.translate(request))
        .singleElement()
        .satisfies(
            verdict -> {
              assertThat(verdict.control()).isEqualTo("first_frame");
              assertThat(verdict.fidelity()).isEqualTo(ControlVerdict.Fidelity.DROPPED);
              assertThat(verdict.detail()).contains("640x360", "1280x720");
            });
  }

  // §1.1: Authorization: Bearer; OpenAI answers 401 invalid_api_key for a wrong key.
  @Test
  void aRefusedKeyIsProviderAuthFailedAndTheKeyIsNeverEchoed() {
    String wrongKey = "sk-wrong-key-that-must-not-leak";
    VideoProvider refused =
        adapter(
            5_000,
            new ProviderCredential(
                "openai", Map.of("api_key", wrongKey, "base_url", fake.baseUrl())));

    ProviderOutcome.ProviderError<String> error = error(refused.submit(request("A red kite")));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.AUTH_FAILED);
    assertThat(error.httpStatus()).isEqualTo(401);
    assertThat(error.message()).contains("invalid_api_key").doesNotContain(wrongKey);
    String handle = completed(request("A red kite"));
    assertThat(error(refused.poll(handle)).code()).isEqualTo(ProviderErrorCodes.AUTH_FAILED);
    assertThat(error(refused.fetch(handle, directory.resolve("refused.mp4"))).code())
        .isEqualTo(ProviderErrorCodes.AUTH_FAILED);
  }

  // §1.3: the {error:{message,type,param,code}} envelope; the brief's mapping per status and code.
  // 429 insufficient_quota is OpenAI's "out of credit" answer, not a rate limit.
  @ParameterizedTest
  @CsvSource({
    "400, invalid_value, provider_invalid_request, 400",
    "422, unprocessable_entity, provider_invalid_request, 422",
    "400, moderation_blocked, content_policy_violation, 400",
    "400, content_policy_violation, content_policy_violation, 400",
    "402, insufficient_credits, provider_insufficient_balance, 402",
    "429, insufficient_quota, provider_insufficient_balance, 402",
    "403, unsupported_country_region_territory, provider_forbidden, 403",
    "404, not_found, provider_not_found, 404",
    "410, model_retired, provider_not_found, 410",
    "500, , provider_unavailable, 500",
  })
  void everyErrorClassMapsToItsAividCode(
      int status, String code, String expectedCode, int expectedStatus) {
    fake.failNextCreates(3, status, code);

    ProviderOutcome.ProviderError<String> error = error(provider.submit(request("A red kite")));

    assertThat(error.code()).isEqualTo(expectedCode);
    assertThat(error.httpStatus()).isEqualTo(expectedStatus);
    assertThat(error.message()).contains("scripted failure " + status);
    if (code != null) {
      assertThat(error.message()).contains(code);
    }
  }

  // Brief: 410 model_retired → provider_not_found with the upstream's message (AIVid answers 410
  // for Sora 2 since the Videos API shut down, providers.md §1.5).
  @Test
  void aRetiredModelIsProviderNotFoundWithTheUpstreamMessage() {
    fake.retireModel("sora-2");
    RenderRequest sora =
        new RenderRequest(
            "sora-2", "sora-2", "A red kite", 1280, 720, 4, 7, null, ShotControls.none());

    ProviderOutcome.ProviderError<String> error = error(provider.submit(sora));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.NOT_FOUND);
    assertThat(error.httpStatus()).isEqualTo(410);
    assertThat(error.retryable()).isFalse();
    assertThat(error.message()).contains("model_retired", "was retired on 2026-09-24");
  }

  // §1.1 polling guidance plus HTTP semantics: a 429 means "not accepted", so even a create is
  // retried, after Retry-After.
  @Test
  void aRateLimitedCreateIsRetriedAfterRetryAfter() {
    fake.retryAfterSeconds(2);
    fake.failNextCreates(1, 429);

    submitted(request("A red kite"));

    assertThat(waits).containsExactly(Duration.ofSeconds(2));
    assertThat(fake.createCount()).isEqualTo(2);
  }

  // Brief: 5xx → provider_unavailable after the bounded retries (503 means "not accepted").
  @Test
  void aServerErrorIsRetriedThenProviderUnavailable() {
    fake.failNextCreates(3, 503);

    ProviderOutcome.ProviderError<String> error = error(provider.submit(request("A red kite")));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE);
    assertThat(error.retryable()).isTrue();
    assertThat(fake.createCount()).isEqualTo(3);
    assertThat(waits).hasSize(2);
  }

  // §1.1 GET /videos/{id} is safe to repeat: a 500 while polling is retried inside the call.
  @Test
  void aFailedRetrievalIsRetriedBecauseItIsSafeToRepeat() {
    String handle = submitted(request("A red kite"));
    fake.failNextRetrievals(1, 500);

    assertThat(polled(handle)).isInstanceOf(RenderStatus.Running.class);
    assertThat(fake.retrieveCount()).isEqualTo(2);
  }

  // §1.2 has no idempotency field: a create that timed out may have been accepted, so it is a
  // transport failure and not sent twice.
  @Test
  void aCreateThatTimesOutIsATransportFailureAndNotResent() {
    VideoProvider impatient = adapter(300, fake.credential());
    fake.hangNextCreate();

    assertThat(impatient.submit(request("A red kite")))
        .isInstanceOf(ProviderOutcome.TransportFailure.class);
    assertThat(fake.createCount()).isEqualTo(1);
  }

  // Brief: a body shorter than its Content-Length is a transport failure, and no file is left.
  @Test
  void aDownloadCutOffMidBodyIsATransportFailureAndLeavesNoFile() {
    String handle = completed(request("A red kite"));
    fake.cutNextDownload();
    Path target = directory.resolve("cut.mp4");

    assertThat(provider.fetch(handle, target)).isInstanceOf(ProviderOutcome.TransportFailure.class);
    assertThat(target).doesNotExist();
    assertThat(provider.fetch(handle, target)).isEqualTo(new ProviderOutcome.Success<>(target));
  }

  // §1.3 expires_at and the guide's "download URLs are valid for a maximum of 1 hour": content
  // answers 404 afterwards; the re-query shows the video still exists, so it is result_expired.
  @Test
  void anExpiredResultIsResultExpiredAfterARequery() {
    String handle = completed(request("A red kite"));
    fake.expireResultUrls();
    Path target = directory.resolve("expired.mp4");
    int retrievalsBefore = fake.retrieveCount();

    ProviderOutcome.ProviderError<Path> error = error(provider.fetch(handle, target));

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.RESULT_EXPIRED);
    assertThat(error.httpStatus()).isEqualTo(410);
    assertThat(error.message()).contains("expired at " + NOW.minusSeconds(1));
    assertThat(fake.retrieveCount()).isEqualTo(retrievalsBefore + 1);
    assertThat(target).doesNotExist();
  }

  // §1.1 DELETE /videos/{id}; afterwards the video is unknown: fetch says provider_not_found (404,
  // render again) and poll says lost.
  @Test
  void aDeletedVideoIsLostToPollAndNotFoundToFetch() {
    String handle = completed(request("A red kite"));

    assertThat(provider.cancel(handle)).isEqualTo(new ProviderOutcome.Success<>(true));

    assertThat(polled(handle)).isEqualTo(new RenderStatus.Lost());
    ProviderOutcome.ProviderError<Path> error =
        error(provider.fetch(handle, directory.resolve("gone.mp4")));
    assertThat(error.code()).isEqualTo(ProviderErrorCodes.NOT_FOUND);
    assertThat(error.httpStatus()).isEqualTo(404);
  }

  // §1.1 DELETE /videos/{id} returns {id, object:"video.deleted", deleted:true}; an unknown id is a
  // 404, which for cancel is a no-op.
  @Test
  void cancelDeletesARunningVideoAndIsANoOpForAnUnknownHandle() {
    String handle = submitted(request("A red kite"));

    assertThat(provider.cancel(handle)).isEqualTo(new ProviderOutcome.Success<>(true));
    assertThat(fake.deletedIds()).containsExactly(handle.substring(handle.indexOf(':') + 1));
    assertThat(provider.cancel(handle)).isEqualTo(new ProviderOutcome.Success<>(false));
    assertThat(provider.cancel("not a handle!")).isEqualTo(new ProviderOutcome.Success<>(false));
  }

  // §1.3: a failed video carries error {code, message}; moderation is a content-policy failure.
  @Test
  void aFailedRenderIsFailedAndAModerationBlockIsContentPolicy() {
    fake.failNextRender("moderation_blocked", "Your request was blocked by our moderation system.");
    String blocked = submitted(request("A red kite"));
    fake.failNextRender("internal_error", "The render crashed.");
    String crashed = submitted(request("A red kite"));

    polled(blocked);
    polled(crashed);

    assertThat(polled(blocked))
        .isEqualTo(
            new RenderStatus.Failed(
                ProviderErrorCodes.CONTENT_POLICY,
                "openai video "
                    + blocked.substring(2)
                    + " failed (moderation_blocked): Your request was blocked by our moderation"
                    + " system."));
    assertThat(polled(crashed))
        .isInstanceOfSatisfying(
            RenderStatus.Failed.class,
            failed -> {
              assertThat(failed.code()).isEqualTo(ProviderErrorCodes.RENDER_FAILED);
              assertThat(failed.message()).contains("internal_error", "The render crashed.");
            });
  }

  // Brief: the breaker opens after repeated 5xx (5 in a row by default); then calls fail at once
  // with provider_circuit_open and never reach the provider.
  @Test
  void theCircuitOpensAfterRepeatedServerErrorsAndStopsCallingTheProvider() {
    fake.failNextCreates(10, 503);

    ProviderOutcome.ProviderError<String> first = error(provider.submit(request("A red kite")));
    ProviderOutcome.ProviderError<String> second = error(provider.submit(request("A red kite")));
    int reached = fake.createCount();
    ProviderOutcome.ProviderError<String> third = error(provider.submit(request("A red kite")));

    assertThat(first.code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE);
    assertThat(second.code()).isEqualTo(ProviderErrorCodes.CIRCUIT_OPEN);
    assertThat(reached).isEqualTo(5);
    assertThat(third.code()).isEqualTo(ProviderErrorCodes.CIRCUIT_OPEN);
    assertThat(fake.createCount()).isEqualTo(reached);
  }

  // §1.2: no seed, fps or negative fields exist, and OpenAI refuses unknown parameters (the fake
  // does too), so a request with every control still goes through as prompt text only.
  @Test
  void aRequestWithSeedFpsNegativeAndCameraSendsOnlyTheApiFields() {
    RenderRequest request =
        new RenderRequest(
            "openai-compatible",
            "local/previz",
            "A dancer spins on a rooftop at night",
            1280,
            720,
            8,
            42,
            null,
            new ShotControls(
                List.of(),
                "blurry faces",
                60.0,
                new dev.aivid.providers.CameraIntent("orbit", 1, 0.5, 90, 300),
                true));

    submitted(request);

    JsonNode sent = fake.createRequests().getFirst();
    assertThat(sent.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly("model", "prompt", "seconds", "size");
    assertThat(sent.path("prompt").asText())
        .startsWith("Camera: steady orbit right around the subject.\n")
        .endsWith("\nAvoid: blurry faces.");
  }

  @Test
  void theFactoryDescribesTheCredentialAndRejectsABadBaseUrlWithoutEchoingTheKey() {
    OpenAiProviderFactory factory =
        new OpenAiProviderFactory(
            new ProviderHttp(
                "openai",
                HttpSettings.defaults(),
                CircuitBreaker.defaults(clock),
                waits::add,
                new SplittableRandom(1),
                clock),
            json,
            clock);

    assertThat(factory.name()).isEqualTo("openai");
    assertThat(factory.credentialShapes()).containsExactly(List.of("api_key"));
    assertThat(factory.optionalFields()).containsExactly("base_url", "webhook_secret");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                factory.create(
                    new ProviderCredential(
                        "openai", Map.of("api_key", "sk-secret", "base_url", "ftp://example.com"))))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("sk-secret");
    assertThat(OpenAiProviderFactory.baseUrl("http://upstream:8080/v1/"))
        .isEqualTo("http://upstream:8080/v1");
  }
}
