package dev.aivid.providers.kling;

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
import dev.aivid.providers.http.HttpReply;
import dev.aivid.providers.http.ProviderHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kling for one credential. Stateless: everything a later call needs is in the handle, so any node
 * can poll, fetch or extend what another submitted.
 */
final class KlingProvider implements VideoProvider {
  /** Kling adds 4-5 s per extension (providers.md §2.2); the catalog says 5. */
  static final int EXTEND_SECONDS = 5;

  private static final List<String> POLICY_WORDS =
      List.of("risk", "sensitive", "safety", "policy", "moderation", "violat");

  private final ProviderHttp http;
  private final ObjectMapper json;
  private final String baseUrl;
  private final KlingAuthorization authorization;
  private final KlingCompiler compiler;

  KlingProvider(
      ProviderHttp http, ObjectMapper json, String baseUrl, KlingAuthorization authorization) {
    this.http = http;
    this.json = json;
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authorization = authorization;
    this.compiler = new KlingCompiler(authorization.api());
  }

  @Override
  public CallbackStyle callbackStyle() {
    return CallbackStyle.CALLBACK_URL;
  }

  @Override
  public String name() {
    return KlingProviderFactory.NAME;
  }

  String baseUrl() {
    return baseUrl;
  }

  KlingApi api() {
    return authorization.api();
  }

  @Override
  public List<ControlVerdict> translate(RenderRequest request) {
    return compiler.compile(request).verdicts();
  }

  @Override
  public ProviderOutcome<String> submit(RenderRequest request) {
    CompiledRequest compiled = compiler.compile(request);
    String kind =
        authorization.api() == KlingApi.LEGACY
            ? compiled.path().substring(compiled.path().lastIndexOf('/') + 1)
            : KlingHandle.PATH_MODEL_KIND;
    return create(compiled, kind, request.seconds());
  }

  @Override
  public ProviderOutcome<RenderStatus> poll(String handle) {
    KlingHandle parsed = KlingHandle.parse(handle);
    if (parsed == null || !pollable(parsed)) {
      return foreignHandle(handle);
    }
    return switch (query(parsed)) {
      case ProviderOutcome.Success<Optional<KlingTask>> found ->
          found.value().isEmpty()
              ? new ProviderOutcome.Success<>(new RenderStatus.Lost())
              : status(parsed, found.value().get());
      case ProviderOutcome.ProviderError<Optional<KlingTask>> error -> retype(error);
      case ProviderOutcome.TransportFailure<Optional<KlingTask>> failure -> retype(failure);
    };
  }

  @Override
  public ProviderOutcome<Path> fetch(String handle, Path target) {
    KlingHandle parsed = KlingHandle.parse(handle);
    if (parsed == null || !pollable(parsed)) {
      return foreignHandle(handle);
    }
    // The URL is read afresh on every fetch: a task queried again may carry a newly signed URL.
    ProviderOutcome<KlingTask.Video> video = finishedVideo(parsed);
    if (!(video instanceof ProviderOutcome.Success<KlingTask.Video> success)) {
      return retype(video);
    }
    URI uri;
    try {
      uri = URI.create(success.value().url());
    } catch (IllegalArgumentException e) {
      return new ProviderOutcome.ProviderError<>(
          502, ProviderErrorCodes.BAD_RESPONSE, "kling gave an unreadable result URL", null);
    }
    // Result URLs are public CDN links: the Authorization header is not sent there.
    return http.download(uri, Map.of(), target);
  }

  /** Kling documents no cancel endpoint: the task runs to its end and AIVid stops polling it. */
  @Override
  public ProviderOutcome<Boolean> cancel(String handle) {
    return new ProviderOutcome.Success<>(false);
  }

  @Override
  public ProviderOutcome<String> extend(String finishedHandle, RenderRequest continuation) {
    if (authorization.api() != KlingApi.LEGACY) {
      return VideoProvider.super.extend(finishedHandle, continuation);
    }
    KlingHandle parsed = KlingHandle.parse(finishedHandle);
    if (parsed == null || !parsed.legacy()) {
      return foreignHandle(finishedHandle);
    }
    ProviderOutcome<KlingTask.Video> video = finishedVideo(parsed);
    if (!(video instanceof ProviderOutcome.Success<KlingTask.Video> success)) {
      return retype(video);
    }
    String videoId = success.value().id();
    if (videoId == null) {
      return new ProviderOutcome.ProviderError<>(
          502,
          ProviderErrorCodes.BAD_RESPONSE,
          "kling reported no video id for task " + parsed.taskId() + ", which video-extend needs",
          null);
    }
    Double sourceSeconds = success.value().durationSeconds();
    int source = sourceSeconds != null ? (int) Math.round(sourceSeconds) : parsed.expectedSeconds();
    return create(
        compiler.compileExtend(videoId, continuation), "video-extend", source + EXTEND_SECONDS);
  }

  private ProviderOutcome<String> create(
      CompiledRequest compiled, String kind, int expectedSeconds) {
    HttpRequest request =
        http.request(URI.create(baseUrl + compiled.path()))
            .header("Authorization", authorization.header())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(compiled)))
            .build();
    // Kling rejects a repeated external_task_id instead of returning the first task, so a create
    // that timed out is never sent again blindly.
    ProviderOutcome<HttpReply> sent = http.send(request, false, this::worthRetrying);
    if (!(sent instanceof ProviderOutcome.Success<HttpReply> answered)) {
      return retype(sent);
    }
    HttpReply reply = answered.value();
    JsonNode body = reply.json(json);
    if (!KlingErrors.succeeded(reply, body)) {
      return KlingErrors.map(reply, body);
    }
    JsonNode data = body.path("data");
    String taskId =
        (kind.equals(KlingHandle.PATH_MODEL_KIND) ? data.path("id") : data.path("task_id"))
            .asText("");
    try {
      return new ProviderOutcome.Success<>(new KlingHandle(kind, taskId, expectedSeconds).value());
    } catch (IllegalArgumentException e) {
      return KlingErrors.badResponse("a create without a usable task id", reply);
    }
  }

  /** Kling's 429 for an empty account (1100-1102) or an IP block (1304) does not pass with time. */
  private boolean worthRetrying(HttpReply reply) {
    int code = reply.json(json).path("code").asInt(-1);
    return !((code >= 1100 && code <= 1102) || code == 1304);
  }

  /** The task, or empty when Kling no longer knows it. */
  private ProviderOutcome<Optional<KlingTask>> query(KlingHandle handle) {
    HttpRequest request =
        http.request(URI.create(baseUrl + handle.queryPath()))
            .header("Authorization", authorization.header())
            .GET()
            .build();
    ProviderOutcome<HttpReply> sent = http.send(request, true, this::worthRetrying);
    if (!(sent instanceof ProviderOutcome.Success<HttpReply> answered)) {
      return retype(sent);
    }
    HttpReply reply = answered.value();
    JsonNode body = reply.json(json);
    if (!KlingErrors.succeeded(reply, body)) {
      return unknownTask(reply, body)
          ? new ProviderOutcome.Success<>(Optional.empty())
          : KlingErrors.map(reply, body);
    }
    JsonNode data = body.path("data");
    if (handle.legacy()) {
      return data.isObject()
          ? new ProviderOutcome.Success<>(Optional.of(KlingTask.fromLegacy(data)))
          : KlingErrors.badResponse("a query without data", reply);
    }
    if (!data.isArray()) {
      return KlingErrors.badResponse("a task query without a data list", reply);
    }
    // GET /tasks answers 200 with an empty list for an id it does not know ([3P],
    // docs/providers/kling.md).
    for (JsonNode task : data) {
      if (task.path("id").asText("").equals(handle.taskId())) {
        return new ProviderOutcome.Success<>(Optional.of(KlingTask.fromPathModel(task)));
      }
    }
    return new ProviderOutcome.Success<>(Optional.empty());
  }

  /** Legacy says 404, or 400 code 1201 "Task not found by id/external id" ([3P]). */
  private static boolean unknownTask(HttpReply reply, JsonNode body) {
    int code = body.path("code").asInt(-1);
    String message = body.path("message").asText("").toLowerCase(Locale.ROOT);
    return reply.status() == 404 || (code == 1201 && message.contains("not found"));
  }

  private ProviderOutcome<RenderStatus> status(KlingHandle handle, KlingTask task) {
    String status = task.status();
    if (status == null) {
      return new ProviderOutcome.ProviderError<>(
          502, ProviderErrorCodes.BAD_RESPONSE, "kling reported an unknown task status", null);
    }
    RenderStatus result =
        switch (status) {
            // Kling reports no progress; these mark the two stages it does report.
          case "submitted" -> new RenderStatus.Running(0);
          case "processing" -> new RenderStatus.Running(50);
          case "succeeded" -> new RenderStatus.Succeeded(seconds(handle, task));
          default -> failure(task.message());
        };
    return new ProviderOutcome.Success<>(result);
  }

  private static double seconds(KlingHandle handle, KlingTask task) {
    Double reported = task.videos().isEmpty() ? null : task.videos().get(0).durationSeconds();
    return reported != null ? reported : handle.expectedSeconds();
  }

  /** Kling gives a reason, no code: a safety refusal must not be retried elsewhere as a glitch. */
  private static RenderStatus.Failed failure(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    boolean policy = POLICY_WORDS.stream().anyMatch(lower::contains);
    return new RenderStatus.Failed(
        policy ? ProviderErrorCodes.CONTENT_POLICY : ProviderErrorCodes.RENDER_FAILED,
        "kling task failed: " + (message.isBlank() ? "no reason given" : message));
  }

  private ProviderOutcome<KlingTask.Video> finishedVideo(KlingHandle handle) {
    ProviderOutcome<Optional<KlingTask>> queried = query(handle);
    if (!(queried instanceof ProviderOutcome.Success<Optional<KlingTask>> found)) {
      return retype(queried);
    }
    if (found.value().isEmpty()) {
      return new ProviderOutcome.ProviderError<>(
          404, ProviderErrorCodes.NOT_FOUND, "kling no longer knows task " + handle.taskId(), null);
    }
    KlingTask task = found.value().get();
    if ("failed".equals(task.status())) {
      RenderStatus.Failed failed = failure(task.message());
      return new ProviderOutcome.ProviderError<>(409, failed.code(), failed.message(), null);
    }
    if (!"succeeded".equals(task.status())) {
      return new ProviderOutcome.ProviderError<>(
          409,
          ProviderErrorCodes.INVALID_REQUEST,
          "kling task " + handle.taskId() + " has not finished (" + task.status() + ")",
          null);
    }
    if (task.videos().isEmpty()) {
      return new ProviderOutcome.ProviderError<>(
          502,
          ProviderErrorCodes.BAD_RESPONSE,
          "kling finished task " + handle.taskId() + " without a video",
          null);
    }
    return new ProviderOutcome.Success<>(task.videos().get(0));
  }

  /** A JWT is refused by the API-key API ([3P] 401/1002), so its tasks are out of reach. */
  private boolean pollable(KlingHandle handle) {
    return handle.legacy() || authorization.api() == KlingApi.PATH_MODEL;
  }

  private static <T> ProviderOutcome<T> foreignHandle(String handle) {
    return new ProviderOutcome.ProviderError<>(
        400,
        ProviderErrorCodes.INVALID_REQUEST,
        "not a handle this Kling credential can follow: "
            + (handle.length() > 80 ? handle.substring(0, 80) : handle),
        null);
  }

  private byte[] bytes(CompiledRequest compiled) {
    try {
      return json.writeValueAsBytes(compiled.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> ProviderOutcome<T> retype(ProviderOutcome<?> outcome) {
    return switch (outcome) {
      case ProviderOutcome.ProviderError<?> error ->
          new ProviderOutcome.ProviderError<>(
              error.httpStatus(), error.code(), error.message(), error.retryAfter());
      case ProviderOutcome.TransportFailure<?> failure ->
          new ProviderOutcome.TransportFailure<>(failure.message());
      case ProviderOutcome.Success<?> success -> (ProviderOutcome<T>) success;
    };
  }
}
