package dev.aivid.providers.runway;

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
import dev.aivid.providers.http.HttpReply;
import dev.aivid.providers.http.ProviderHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runway Gen-4.5 for one API key. Stateless: the handle ({@code image_to_video:5:<task id>}) is all
 * another node needs to poll, fetch or cancel the render.
 */
public final class RunwayProvider implements VideoProvider {
  public static final String NAME = "runway";
  public static final String API_VERSION = "2024-11-06";

  private final ProviderHttp http;
  private final ObjectMapper json;
  private final RunwayCompiler compiler;
  private final String apiKey;
  private final String baseUrl;

  RunwayProvider(ProviderHttp http, ObjectMapper json, String apiKey, String baseUrl) {
    this.http = http;
    this.json = json;
    this.compiler = new RunwayCompiler(json);
    this.apiKey = apiKey;
    this.baseUrl = baseUrl;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ControlVerdict> translate(RenderRequest request) {
    return compiler.verdicts(request);
  }

  @Override
  public ProviderOutcome<String> submit(RenderRequest request) {
    CompiledRequest compiled;
    byte[] body;
    try {
      compiled = compiler.compile(request);
      body = json.writeValueAsBytes(compiled.body());
    } catch (RunwayRequestRejected e) {
      return new ProviderOutcome.ProviderError<>(
          400, ProviderErrorCodes.INVALID_REQUEST, e.getMessage(), null);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an ObjectNode always serialises", e);
    }
    HttpRequest create =
        authorized(compiled.path())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    // Runway has no idempotency key (§5.2), so a create that timed out is not sent again.
    ProviderOutcome<HttpReply> sent = http.send(create, false);
    if (!(sent instanceof ProviderOutcome.Success<HttpReply>(HttpReply reply))) {
      return failure(sent);
    }
    if (!reply.ok()) {
      return RunwayErrors.fromReply(reply, json, "create");
    }
    String taskId = reply.json(json).path("id").asText("");
    if (!RunwayHandle.isTaskId(taskId)) {
      return badResponse(
          "create answered " + reply.status() + " without a task id: " + reply.excerpt());
    }
    String endpoint = compiled.path().substring("/v1/".length());
    return new ProviderOutcome.Success<>(
        new RunwayHandle(endpoint, request.seconds(), taskId).format());
  }

  @Override
  public ProviderOutcome<RenderStatus> poll(String handle) {
    Optional<RunwayHandle> parsed = RunwayHandle.parse(handle);
    if (parsed.isEmpty()) {
      return notAHandle(handle);
    }
    ProviderOutcome<HttpReply> sent = getTask(parsed.get());
    if (!(sent instanceof ProviderOutcome.Success<HttpReply>(HttpReply reply))) {
      return failure(sent);
    }
    if (reply.status() == 404) {
      // Deleted, cancelled through the API, or past retention: Runway cannot fetch it again (§5.1).
      return new ProviderOutcome.Success<>(new RenderStatus.Lost());
    }
    if (!reply.ok()) {
      return RunwayErrors.fromReply(reply, json, "task query");
    }
    JsonNode task = reply.json(json);
    String status = task.path("status").asText("");
    RenderStatus renderStatus =
        switch (status) {
          // THROTTLED: accepted, queued behind the tier's concurrency limit (§5.4); not an error.
          case "PENDING", "THROTTLED" -> new RenderStatus.Running(0);
          case "RUNNING" -> new RenderStatus.Running(percent(task.path("progress")));
          // The task object reports no duration, so the requested seconds stand.
          case "SUCCEEDED" -> new RenderStatus.Succeeded(parsed.get().seconds());
          case "FAILED" -> failed(task);
          case "CANCELLED" ->
              new RenderStatus.Failed(
                  ProviderErrorCodes.RENDER_FAILED, "Runway task was cancelled");
          default -> null;
        };
    if (renderStatus == null) {
      return badResponse("task has an unknown status: " + reply.excerpt());
    }
    return new ProviderOutcome.Success<>(renderStatus);
  }

  @Override
  public ProviderOutcome<Path> fetch(String handle, Path target) {
    Optional<RunwayHandle> parsed = RunwayHandle.parse(handle);
    if (parsed.isEmpty()) {
      return notAHandle(handle);
    }
    ProviderOutcome<URI> first = resultUri(parsed.get());
    if (!(first instanceof ProviderOutcome.Success<URI>(URI uri))) {
      return failure(first);
    }
    // The CDN URL is signed: no API key goes with it.
    ProviderOutcome<Path> downloaded = http.download(uri, Map.of(), target);
    if (!isExpired(downloaded)) {
      return downloaded;
    }
    // Output URLs expire within 24-48 h; "fetch the task again to get fresh URLs" (§5.3). Once.
    ProviderOutcome<URI> fresh = resultUri(parsed.get());
    if (!(fresh instanceof ProviderOutcome.Success<URI>(URI freshUri))) {
      return failure(fresh);
    }
    ProviderOutcome<Path> retried = http.download(freshUri, Map.of(), target);
    if (retried instanceof ProviderOutcome.ProviderError<Path> error && isExpired(retried)) {
      return new ProviderOutcome.ProviderError<>(
          error.httpStatus(),
          ProviderErrorCodes.RESULT_EXPIRED,
          error.message() + "; the fresh URL from a second task query failed too",
          null);
    }
    return retried;
  }

  @Override
  public ProviderOutcome<Boolean> cancel(String handle) {
    Optional<RunwayHandle> parsed = RunwayHandle.parse(handle);
    if (parsed.isEmpty()) {
      return new ProviderOutcome.Success<>(false);
    }
    // Cancels a pending, throttled or running task and deletes any other (§5.1).
    HttpRequest delete = authorized("/v1/tasks/" + parsed.get().taskId()).DELETE().build();
    ProviderOutcome<HttpReply> sent = http.send(delete, true);
    if (!(sent instanceof ProviderOutcome.Success<HttpReply>(HttpReply reply))) {
      return failure(sent);
    }
    if (reply.status() == 404) {
      return new ProviderOutcome.Success<>(false);
    }
    if (!reply.ok()) {
      return RunwayErrors.fromReply(reply, json, "cancel");
    }
    return new ProviderOutcome.Success<>(true);
  }

  private ProviderOutcome<URI> resultUri(RunwayHandle handle) {
    ProviderOutcome<HttpReply> sent = getTask(handle);
    if (!(sent instanceof ProviderOutcome.Success<HttpReply>(HttpReply reply))) {
      return failure(sent);
    }
    if (reply.status() == 404) {
      return new ProviderOutcome.ProviderError<>(
          404,
          ProviderErrorCodes.NOT_FOUND,
          "Runway no longer has task " + handle.taskId() + " (deleted or past retention)",
          null);
    }
    if (!reply.ok()) {
      return RunwayErrors.fromReply(reply, json, "task query");
    }
    JsonNode task = reply.json(json);
    String status = task.path("status").asText("");
    if (status.equals("FAILED")) {
      RenderStatus.Failed failed = failed(task);
      return new ProviderOutcome.ProviderError<>(409, failed.code(), failed.message(), null);
    }
    if (!status.equals("SUCCEEDED")) {
      return new ProviderOutcome.ProviderError<>(
          409,
          ProviderErrorCodes.INVALID_REQUEST,
          "Runway task "
              + handle.taskId()
              + " is "
              + (status.isEmpty() ? "of unknown status" : status)
              + ", not SUCCEEDED: no result to fetch",
          null);
    }
    String url = task.path("output").path(0).asText("");
    try {
      URI uri = URI.create(url);
      if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return new ProviderOutcome.Success<>(uri);
      }
    } catch (IllegalArgumentException notAUri) {
      // Reported below with the rest of the unreadable answers.
    }
    return badResponse("SUCCEEDED task has no usable output URL: " + reply.excerpt());
  }

  private ProviderOutcome<HttpReply> getTask(RunwayHandle handle) {
    return http.send(authorized("/v1/tasks/" + handle.taskId()).GET().build(), true);
  }

  private HttpRequest.Builder authorized(String path) {
    return http.request(URI.create(baseUrl + path))
        .header("Authorization", "Bearer " + apiKey)
        .header("X-Runway-Version", API_VERSION)
        .header("Accept", "application/json");
  }

  private static RenderStatus.Failed failed(JsonNode task) {
    String runwayCode = task.path("failureCode").asText("");
    return new RenderStatus.Failed(
        RunwayErrors.failureCode(runwayCode),
        RunwayErrors.failureMessage(runwayCode, task.path("failure").asText("")));
  }

  /** Runway's progress is a float in 0..1; a task that still runs reports at most 99 %. */
  private static int percent(JsonNode progress) {
    if (!progress.isNumber()) {
      return 0;
    }
    return (int) Math.max(0, Math.min(99, Math.floor(progress.asDouble() * 100)));
  }

  private static boolean isExpired(ProviderOutcome<Path> outcome) {
    return outcome instanceof ProviderOutcome.ProviderError<Path> error
        && error.code().equals(ProviderErrorCodes.RESULT_EXPIRED);
  }

  private static <T> ProviderOutcome<T> failure(ProviderOutcome<?> outcome) {
    return switch (outcome) {
      case ProviderOutcome.ProviderError<?> error ->
          new ProviderOutcome.ProviderError<>(
              error.httpStatus(), error.code(), error.message(), error.retryAfter());
      case ProviderOutcome.TransportFailure<?> transport ->
          new ProviderOutcome.TransportFailure<>(transport.message());
      case ProviderOutcome.Success<?> success ->
          throw new IllegalArgumentException("not a failure: " + success);
    };
  }

  private static <T> ProviderOutcome<T> badResponse(String message) {
    return new ProviderOutcome.ProviderError<>(
        502, ProviderErrorCodes.BAD_RESPONSE, "Runway " + message, null);
  }

  private static <T> ProviderOutcome<T> notAHandle(String handle) {
    return new ProviderOutcome.ProviderError<>(
        400, ProviderErrorCodes.INVALID_REQUEST, "'" + handle + "' is not a Runway handle", null);
  }
}
