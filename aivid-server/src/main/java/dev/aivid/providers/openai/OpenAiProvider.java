package dev.aivid.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.CompiledRequest;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.RenderStatus;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.callbacks.CallbackStyle;
import dev.aivid.providers.callbacks.SignatureCheck;
import dev.aivid.providers.callbacks.StandardWebhookVerifier;
import dev.aivid.providers.http.HttpReply;
import dev.aivid.providers.http.ProviderHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Speaks the OpenAI Videos API (providers.md §1) for one credential: {@code POST /videos}, {@code
 * GET /videos/{id}}, {@code GET /videos/{id}/content}, {@code DELETE /videos/{id}}. Stateless: the
 * handle carries the upstream video id and the base URL comes from the credential.
 */
public final class OpenAiProvider implements VideoProvider {
  public static final String NAME = "openai";

  private final ProviderHttp http;
  private final ObjectMapper json;
  private final InstantSource clock;
  private final OpenAiCompiler compiler;
  private final String baseUrl;
  private final String authorization;
  private final @Nullable StandardWebhookVerifier webhooks;

  OpenAiProvider(
      ProviderHttp http, ObjectMapper json, InstantSource clock, String baseUrl, String apiKey) {
    this(http, json, clock, baseUrl, apiKey, null);
  }

  /** @param webhooks checks the project's signed webhooks; null when no webhook secret is configured */
  OpenAiProvider(
      ProviderHttp http,
      ObjectMapper json,
      InstantSource clock,
      String baseUrl,
      String apiKey,
      @Nullable StandardWebhookVerifier webhooks) {
    this.webhooks = webhooks;
    this.http = http;
    this.json = json;
    this.clock = clock;
    this.compiler = new OpenAiCompiler(json);
    this.baseUrl = baseUrl;
    this.authorization = "Bearer " + apiKey;
  }

  /** OpenAI has no per-request callback field; a project's webhooks are signed (providers.md §1.4). */
  @Override
  public CallbackStyle callbackStyle() {
    return webhooks == null ? CallbackStyle.NONE : CallbackStyle.SIGNED_WEBHOOK;
  }

  @Override
  public SignatureCheck checkSignature(Map<String, String> headers, byte[] body) {
    return webhooks == null ? SignatureCheck.NO_SECRET : webhooks.check(headers, body, clock.instant());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ControlVerdict> translate(RenderRequest request) {
    return compiler.compile(request).verdicts();
  }

  /**
   * Not repeatable: the Videos API has no idempotency field (§1.2), so a create that timed out is
   * not sent again here (a 429 or 5xx, which means "not accepted", still is).
   */
  @Override
  public ProviderOutcome<String> submit(RenderRequest request) {
    CompiledRequest compiled = compiler.compile(request);
    byte[] body;
    try {
      body = json.writeValueAsBytes(compiled.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("An ObjectNode always serialises", e);
    }
    HttpRequest create =
        authorized(URI.create(baseUrl + compiled.path()))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return switch (http.send(create, false)) {
      case ProviderOutcome.Success<HttpReply> success ->
          created(success.value(), request.seconds());
      case ProviderOutcome.ProviderError<HttpReply> error -> relay(error);
      case ProviderOutcome.TransportFailure<HttpReply> failure ->
          new ProviderOutcome.TransportFailure<>(failure.message());
    };
  }

  private ProviderOutcome<String> created(HttpReply reply, int requestedSeconds) {
    if (!reply.ok()) {
      return OpenAiErrors.map(reply, json, "create");
    }
    String id = OpenAiErrors.text(reply.json(json).path("id"));
    if (!VideoHandle.isVideoId(id)) {
      return badResponse(
          "create answered " + reply.status() + " without a usable video id: " + reply.excerpt());
    }
    return new ProviderOutcome.Success<>(new VideoHandle(requestedSeconds, id).toString());
  }

  /**
   * {@code queued}/{@code in_progress} → running, {@code completed} → succeeded with the video's
   * own {@code seconds}, {@code failed} → failed (§1.3). A 404 means the upstream no longer knows
   * the video (deleted, or another AIVid lost it): lost, so the job submits again. The {@code
   * openai-poll-after-ms} header is not passed on: RenderStatus has no field for it.
   */
  @Override
  public ProviderOutcome<RenderStatus> poll(String handle) {
    Optional<VideoHandle> parsed = VideoHandle.parse(handle);
    if (parsed.isEmpty()) {
      return notAHandle(handle);
    }
    VideoHandle video = parsed.get();
    return switch (http.send(authorized(videoUri(video)).GET().build(), true)) {
      case ProviderOutcome.Success<HttpReply> success -> status(success.value(), video);
      case ProviderOutcome.ProviderError<HttpReply> error -> relay(error);
      case ProviderOutcome.TransportFailure<HttpReply> failure ->
          new ProviderOutcome.TransportFailure<>(failure.message());
    };
  }

  private ProviderOutcome<RenderStatus> status(HttpReply reply, VideoHandle video) {
    if (reply.status() == 404) {
      return new ProviderOutcome.Success<>(new RenderStatus.Lost());
    }
    if (!reply.ok()) {
      return OpenAiErrors.map(reply, json, "retrieve");
    }
    JsonNode body = reply.json(json);
    String status = OpenAiErrors.text(body.path("status"));
    int progress = Math.clamp(body.path("progress").asInt(0), 0, 100);
    return switch (status) {
      case "queued", "in_progress" ->
          new ProviderOutcome.Success<>(new RenderStatus.Running(progress));
      case "completed" ->
          new ProviderOutcome.Success<>(new RenderStatus.Succeeded(seconds(body, video)));
      case "failed" -> new ProviderOutcome.Success<>(failed(body.path("error"), video));
      default -> badResponse("video " + video.videoId() + " has unknown status '" + status + "'");
    };
  }

  private static double seconds(JsonNode body, VideoHandle video) {
    JsonNode seconds = body.path("seconds");
    try {
      double reported =
          seconds.isNumber() ? seconds.asDouble() : Double.parseDouble(seconds.asText(""));
      if (reported > 0) {
        return reported;
      }
    } catch (NumberFormatException notReported) {
      // Fall back to what was asked for.
    }
    return video.requestedSeconds();
  }

  private static RenderStatus failed(JsonNode error, VideoHandle video) {
    String code = OpenAiErrors.text(error.path("code"));
    String message = OpenAiErrors.text(error.path("message"));
    return new RenderStatus.Failed(
        OpenAiErrors.isContentPolicy(code)
            ? ProviderErrorCodes.CONTENT_POLICY
            : ProviderErrorCodes.RENDER_FAILED,
        "openai video "
            + video.videoId()
            + " failed"
            + (code.isEmpty() ? "" : " (" + code + ")")
            + (message.isEmpty() ? "" : ": " + message));
  }

  /**
   * Streams {@code /content?variant=video} to the target. The endpoint answers 403/404/410 once the
   * assets are gone (expired after about an hour, §1.3, or the video deleted); a re-query tells the
   * two apart: a deleted video is 404 {@code provider_not_found} (render again), an expired one 410
   * {@code provider_result_expired}. There is no fresh URL to ask for: the content endpoint is the
   * only address of the file.
   */
  @Override
  public ProviderOutcome<Path> fetch(String handle, Path target) {
    Optional<VideoHandle> parsed = VideoHandle.parse(handle);
    if (parsed.isEmpty()) {
      return notAHandle(handle);
    }
    VideoHandle video = parsed.get();
    URI content = URI.create(videoUri(video) + "/content?variant=video");
    ProviderOutcome<Path> outcome =
        http.download(
            content,
            Map.of("Authorization", authorization, "Accept", "application/binary"),
            target);
    if (outcome instanceof ProviderOutcome.ProviderError<Path> error) {
      return error.code().equals(ProviderErrorCodes.RESULT_EXPIRED)
          ? explainMissing(video, error)
          : downloadError(error);
    }
    return outcome;
  }

  private ProviderOutcome<Path> explainMissing(
      VideoHandle video, ProviderOutcome.ProviderError<Path> expired) {
    ProviderOutcome<HttpReply> requery = http.send(authorized(videoUri(video)).GET().build(), true);
    if (!(requery instanceof ProviderOutcome.Success<HttpReply> success)) {
      return expired;
    }
    HttpReply reply = success.value();
    if (reply.status() == 404) {
      return new ProviderOutcome.ProviderError<>(
          404,
          ProviderErrorCodes.NOT_FOUND,
          "openai no longer has video " + video.videoId() + "; render it again",
          null);
    }
    if (!reply.ok()) {
      return OpenAiErrors.map(reply, json, "retrieve");
    }
    JsonNode expiresAt = reply.json(json).path("expires_at");
    String when =
        expiresAt.canConvertToLong() && expiresAt.isNumber()
            ? " (its assets expired at "
                + Instant.ofEpochSecond(expiresAt.asLong())
                + ", now "
                + clock.instant()
                + ")"
            : "";
    return new ProviderOutcome.ProviderError<>(
        410,
        ProviderErrorCodes.RESULT_EXPIRED,
        "openai video "
            + video.videoId()
            + " can no longer be downloaded"
            + when
            + ": "
            + expired.message(),
        null);
  }

  /** ProviderHttp reads no envelope on downloads; give the statuses this API uses their codes. */
  private static ProviderOutcome<Path> downloadError(ProviderOutcome.ProviderError<Path> error) {
    String code =
        switch (error.httpStatus()) {
          case 401 -> ProviderErrorCodes.AUTH_FAILED;
          case 402 -> ProviderErrorCodes.INSUFFICIENT_BALANCE;
          case 429 -> ProviderErrorCodes.RATE_LIMITED;
          default -> error.code();
        };
    return code.equals(error.code())
        ? error
        : new ProviderOutcome.ProviderError<>(
            error.httpStatus(), code, error.message(), error.retryAfter());
  }

  /**
   * {@code DELETE /videos/{id}}: true when the upstream deleted it, false when it did not know it.
   * Whether OpenAI stops a render still in progress is UNVERIFIED; another AIVid does.
   */
  @Override
  public ProviderOutcome<Boolean> cancel(String handle) {
    Optional<VideoHandle> parsed = VideoHandle.parse(handle);
    if (parsed.isEmpty()) {
      return new ProviderOutcome.Success<>(false);
    }
    return switch (http.send(authorized(videoUri(parsed.get())).DELETE().build(), true)) {
      case ProviderOutcome.Success<HttpReply> success -> {
        HttpReply reply = success.value();
        if (reply.status() == 404) {
          yield new ProviderOutcome.Success<>(false);
        }
        yield reply.ok()
            ? new ProviderOutcome.Success<>(true)
            : OpenAiErrors.<Boolean>map(reply, json, "delete");
      }
      case ProviderOutcome.ProviderError<HttpReply> error -> relay(error);
      case ProviderOutcome.TransportFailure<HttpReply> failure ->
          new ProviderOutcome.TransportFailure<>(failure.message());
    };
  }

  private HttpRequest.Builder authorized(URI uri) {
    return http.request(uri).header("Authorization", authorization);
  }

  private URI videoUri(VideoHandle video) {
    return URI.create(baseUrl + OpenAiCompiler.PATH + "/" + video.videoId());
  }

  private static <T> ProviderOutcome<T> relay(ProviderOutcome.ProviderError<HttpReply> error) {
    return new ProviderOutcome.ProviderError<>(
        error.httpStatus(), error.code(), error.message(), error.retryAfter());
  }

  private static <T> ProviderOutcome<T> notAHandle(String handle) {
    return new ProviderOutcome.ProviderError<>(
        400,
        ProviderErrorCodes.INVALID_REQUEST,
        "'" + handle + "' is not an openai video handle",
        null);
  }

  private static <T> ProviderOutcome<T> badResponse(String message) {
    return new ProviderOutcome.ProviderError<>(
        502, ProviderErrorCodes.BAD_RESPONSE, "openai " + message, null);
  }
}
