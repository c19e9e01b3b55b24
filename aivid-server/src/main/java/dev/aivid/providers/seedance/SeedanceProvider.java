package dev.aivid.providers.seedance;

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
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Seedance through Ark's task API (providers.md §3.1): {@code POST /contents/generations/tasks},
 * {@code GET …/tasks/{id}}, {@code DELETE …/tasks/{id}}. Stateless: everything a later call needs
 * is in the handle and the credential.
 *
 * <p>Cancelling: Ark's DELETE cancels a <em>queued</em> task and deletes the record of a finished
 * one; a running task cannot be stopped. {@link #cancel} therefore reads the task first and
 * answers {@code Success(true)} only when a queued task was cancelled. {@code Success(false)} means
 * nothing was cancelled: the task was unknown, already finished (its record is then deleted), or
 * running, in which case it runs on to the end and is billed; the caller stops polling it.
 */
public final class SeedanceProvider implements VideoProvider {
  public static final String NAME = "seedance";

  private final ProviderHttp http;
  private final ObjectMapper json;
  private final SeedanceConnection connection;
  private final SeedanceCompiler compiler;

  SeedanceProvider(ProviderHttp http, ObjectMapper json, SeedanceConnection connection) {
    this.http = http;
    this.json = json;
    this.connection = connection;
    this.compiler = new SeedanceCompiler(connection.region(), connection.endpointId());
  }

  @Override
  public CallbackStyle callbackStyle() {
    return CallbackStyle.CALLBACK_URL;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ControlVerdict> translate(RenderRequest request) {
    return compiler.compile(request).verdicts();
  }

  @Override
  public ProviderOutcome<String> submit(RenderRequest request) {
    CompiledRequest compiled = compiler.compile(request);
    HttpRequest create =
        authorized(connection.resolve(compiled.path()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(serialize(compiled.body())))
            .build();
    // Ark takes no idempotency key: a create that timed out may have started a task, so it is
    // not sent again here (ProviderHttp still retries 429 and 502-504, which were not accepted).
    return call(create, false, reply -> {
      String id = SeedanceErrors.text(reply.json(json).path("id"), "");
      try {
        return new ProviderOutcome.Success<>(new SeedanceHandle(id, request.seconds()).encode());
      } catch (IllegalArgumentException e) {
        return badResponse("create answered no usable task id: " + reply.excerpt());
      }
    });
  }

  @Override
  public ProviderOutcome<RenderStatus> poll(String handle) {
    Optional<SeedanceHandle> decoded = SeedanceHandle.decode(handle);
    if (decoded.isEmpty()) {
      return new ProviderOutcome.Success<>(new RenderStatus.Lost());
    }
    SeedanceHandle task = decoded.get();
    ProviderOutcome<HttpReply> sent = http.send(authorized(taskUri(task)).GET().build(), true);
    if (sent instanceof ProviderOutcome.Success<HttpReply>(HttpReply reply) && reply.status() == 404) {
      // Deleted, or older than the 7 days Ark keeps tasks: only a new render helps.
      return new ProviderOutcome.Success<>(new RenderStatus.Lost());
    }
    return then(sent, reply -> status(task, reply.json(json)));
  }

  private ProviderOutcome<RenderStatus> status(SeedanceHandle handle, JsonNode task) {
    String status = SeedanceErrors.text(task.path("status"), "");
    return switch (status) {
      case "queued" -> new ProviderOutcome.Success<>(new RenderStatus.Running(0));
      // Ark reports no progress; 50 says "rendering" without inventing a number.
      case "running" -> new ProviderOutcome.Success<>(new RenderStatus.Running(50));
      case "succeeded" -> {
        JsonNode duration = task.path("duration");
        double seconds =
            duration.isNumber() && duration.asDouble() > 0 ? duration.asDouble() : handle.requestedSeconds();
        yield new ProviderOutcome.Success<>(new RenderStatus.Succeeded(seconds));
      }
      case "failed" -> {
        String providerCode = SeedanceErrors.text(task.path("error").path("code"), "");
        String olderReason = SeedanceErrors.text(task.path("failure_reason"), "no reason given");
        String providerMessage = SeedanceErrors.text(task.path("error").path("message"), olderReason);
        yield new ProviderOutcome.Success<>(
            new RenderStatus.Failed(
                SeedanceErrors.taskFailureCode(providerCode),
                "seedance task failed" + (providerCode.isEmpty() ? "" : " (" + providerCode + ")") + ": "
                    + providerMessage));
      }
      case "cancelled" ->
          new ProviderOutcome.Success<>(new RenderStatus.Failed("cancelled", "seedance task was cancelled"));
      case "expired" ->
          new ProviderOutcome.Success<>(
              new RenderStatus.Failed(
                  ProviderErrorCodes.RENDER_EXPIRED,
                  "seedance task expired before it finished (execution_expires_after)"));
      default -> badResponse("unknown task status \"" + status + "\"");
    };
  }

  @Override
  public ProviderOutcome<Path> fetch(String handle, Path target) {
    Optional<SeedanceHandle> decoded = SeedanceHandle.decode(handle);
    if (decoded.isEmpty()) {
      return new ProviderOutcome.ProviderError<>(404, ProviderErrorCodes.NOT_FOUND, "not a seedance handle", null);
    }
    return call(authorized(taskUri(decoded.get())).GET().build(), true, reply -> download(reply.json(json), target));
  }

  private ProviderOutcome<Path> download(JsonNode task, Path target) {
    String status = SeedanceErrors.text(task.path("status"), "");
    if (!status.equals("succeeded")) {
      return switch (status) {
        case "queued", "running" ->
            new ProviderOutcome.ProviderError<>(
                409, ProviderErrorCodes.INVALID_REQUEST, "seedance task is " + status + ", not finished", null);
        case "expired" ->
            new ProviderOutcome.ProviderError<>(
                410, ProviderErrorCodes.RENDER_EXPIRED, "seedance task expired before it finished", null);
        default ->
            new ProviderOutcome.ProviderError<>(
                409, ProviderErrorCodes.RENDER_FAILED, "seedance task is " + status + "; there is no video", null);
      };
    }
    String videoUrl = SeedanceErrors.text(task.path("content").path("video_url"), "");
    URI uri;
    try {
      uri = URI.create(videoUrl);
    } catch (IllegalArgumentException e) {
      return badResponse("succeeded task has no usable content.video_url");
    }
    if (uri.getScheme() == null || uri.getHost() == null) {
      return badResponse("succeeded task has no usable content.video_url");
    }
    // A signed storage URL: the API key is never sent to it.
    ProviderOutcome<Path> downloaded = http.download(uri, Map.of(), target);
    if (downloaded instanceof ProviderOutcome.ProviderError<Path> error
        && error.code().equals(ProviderErrorCodes.RESULT_EXPIRED)) {
      return new ProviderOutcome.ProviderError<>(
          error.httpStatus(),
          error.code(),
          error.message() + "; Ark signs result URLs for a limited time and cannot renew them: render again",
          error.retryAfter());
    }
    return downloaded;
  }

  @Override
  public ProviderOutcome<Boolean> cancel(String handle) {
    Optional<SeedanceHandle> decoded = SeedanceHandle.decode(handle);
    if (decoded.isEmpty()) {
      return new ProviderOutcome.Success<>(false);
    }
    URI uri = taskUri(decoded.get());
    ProviderOutcome<HttpReply> read = http.send(authorized(uri).GET().build(), true);
    if (read instanceof ProviderOutcome.Success<HttpReply>(HttpReply reply) && reply.status() == 404) {
      return new ProviderOutcome.Success<>(false);
    }
    return then(read, reply -> {
      String status = SeedanceErrors.text(reply.json(json).path("status"), "");
      if (status.equals("running")) {
        return new ProviderOutcome.Success<>(false);
      }
      ProviderOutcome<HttpReply> deleted = http.send(authorized(uri).DELETE().build(), true);
      if (deleted instanceof ProviderOutcome.Success<HttpReply>(HttpReply answer)
          && (answer.status() == 400 || answer.status() == 404 || answer.status() == 409)) {
        // It started running (or was removed) between the read and the delete.
        return new ProviderOutcome.Success<>(false);
      }
      return then(deleted, answer -> new ProviderOutcome.Success<>(status.equals("queued")));
    });
  }

  private HttpRequest.Builder authorized(URI uri) {
    return http.request(uri)
        .header("Authorization", "Bearer " + connection.apiKey())
        .header("Accept", "application/json");
  }

  private URI taskUri(SeedanceHandle handle) {
    return connection.resolve(SeedanceCompiler.TASKS_PATH + "/" + handle.taskId());
  }

  private <T> ProviderOutcome<T> call(
      HttpRequest request, boolean repeatable, Function<HttpReply, ProviderOutcome<T>> onOk) {
    return then(http.send(request, repeatable), onOk);
  }

  /** Continues with a 2xx answer; maps an error answer; passes transport failures and open circuits on. */
  private <T> ProviderOutcome<T> then(
      ProviderOutcome<HttpReply> sent, Function<HttpReply, ProviderOutcome<T>> onOk) {
    return switch (sent) {
      case ProviderOutcome.Success<HttpReply>(HttpReply reply) ->
          reply.ok() ? onOk.apply(reply) : SeedanceErrors.fromReply(reply, json);
      case ProviderOutcome.ProviderError<HttpReply> error ->
          new ProviderOutcome.ProviderError<>(error.httpStatus(), error.code(), error.message(), error.retryAfter());
      case ProviderOutcome.TransportFailure<HttpReply> failure ->
          new ProviderOutcome.TransportFailure<>(failure.message());
    };
  }

  private static <T> ProviderOutcome<T> badResponse(String message) {
    return new ProviderOutcome.ProviderError<>(502, ProviderErrorCodes.BAD_RESPONSE, "seedance " + message, null);
  }

  private byte[] serialize(JsonNode body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
