package dev.aivid.providers.veo;

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
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Veo for one credential. Stateless: the handle names the backend, the seconds asked for and the
 * operation, so any adapter with the same credential can poll, fetch or cancel it.
 */
public final class VeoProvider implements VideoProvider {
  private static final String GEMINI_HOST = "https://generativelanguage.googleapis.com";
  private static final String STORAGE_HOST = "https://storage.googleapis.com";

  private final ProviderHttp http;
  private final ObjectMapper json;
  private final VeoBackend backend;
  private final VeoCompiler compiler;
  private final String apiHost;
  private final String storageHost;
  private final String authHeader;
  private final String authValue;
  private final String secret;

  VeoProvider(
      ProviderHttp http,
      ObjectMapper json,
      VeoBackend backend,
      String apiHost,
      String storageHost,
      String authHeader,
      String authValue,
      String secret) {
    this.http = http;
    this.json = json;
    this.backend = backend;
    this.compiler = new VeoCompiler(backend);
    this.apiHost = apiHost;
    this.storageHost = storageHost;
    this.authHeader = authHeader;
    this.authValue = authValue;
    this.secret = secret;
  }

  /** The Gemini API with an API key; {@code baseUrl} replaces Google's host (tests, proxies). */
  static VeoProvider gemini(ProviderHttp http, ObjectMapper json, String apiKey, String baseUrl) {
    String host = baseUrl.isEmpty() ? GEMINI_HOST : baseUrl;
    return new VeoProvider(
        http, json, new VeoBackend.GeminiApi(), host, baseUrl.isEmpty() ? STORAGE_HOST : baseUrl, "x-goog-api-key", apiKey, apiKey);
  }

  /** Vertex AI with an OAuth access token; {@code baseUrl} replaces both the Vertex and the storage host. */
  static VeoProvider vertex(ProviderHttp http, ObjectMapper json, VeoBackend.VertexAi backend, String accessToken, String baseUrl) {
    return new VeoProvider(
        http,
        json,
        backend,
        baseUrl.isEmpty() ? backend.defaultHost() : baseUrl,
        baseUrl.isEmpty() ? STORAGE_HOST : baseUrl,
        "Authorization",
        "Bearer " + accessToken,
        accessToken);
  }

  @Override
  public String name() {
    return VeoProviderFactory.NAME;
  }

  @Override
  public List<ControlVerdict> translate(RenderRequest request) {
    return compiler.compile(request).verdicts();
  }

  @Override
  public ProviderOutcome<String> submit(RenderRequest request) {
    CompiledRequest compiled;
    byte[] body;
    try {
      compiled = compiler.compile(request);
      body = json.writeValueAsBytes(compiled.body());
    } catch (RuntimeException | JsonProcessingException e) {
      return new ProviderOutcome.ProviderError<>(
          400, ProviderErrorCodes.INVALID_REQUEST, "veo request could not be compiled: " + e.getMessage(), null);
    }
    HttpRequest create =
        http.request(URI.create(apiHost + compiled.path()))
            .header("Content-Type", "application/json")
            .header(authHeader, authValue)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    // Not repeatable: Google does not dedupe predictLongRunning, so a create that timed out may have started a render.
    return switch (http.send(create, false)) {
      case ProviderOutcome.Success<HttpReply> success -> created(success.value(), request.seconds());
      case ProviderOutcome.ProviderError<HttpReply> error -> relabel(error);
      case ProviderOutcome.TransportFailure<HttpReply> failure -> new ProviderOutcome.TransportFailure<>(failure.message());
    };
  }

  private ProviderOutcome<String> created(HttpReply reply, int requestedSeconds) {
    JsonNode answer = reply.json(json);
    if (!reply.ok()) {
      return VeoErrors.fromReply(reply, answer, "create", this::redact);
    }
    String name = answer.path("name").asText("");
    if (!VeoHandle.validName(backend.wireName(), name)) {
      return badResponse("veo create answered no operation name of the " + backend.wireName() + " form: " + reply.excerpt());
    }
    return new ProviderOutcome.Success<>(
        new VeoHandle(backend.wireName(), VeoCompiler.durationSeconds(requestedSeconds), name).toString());
  }

  @Override
  public ProviderOutcome<RenderStatus> poll(String handle) {
    Optional<VeoHandle> parsed = VeoHandle.parse(handle);
    if (parsed.isEmpty()) {
      return foreignHandle(handle);
    }
    return switch (operation(parsed.get())) {
      case ProviderOutcome.Success<HttpReply> success -> status(success.value(), parsed.get());
      case ProviderOutcome.ProviderError<HttpReply> error -> relabel(error);
      case ProviderOutcome.TransportFailure<HttpReply> failure -> new ProviderOutcome.TransportFailure<>(failure.message());
    };
  }

  private ProviderOutcome<RenderStatus> status(HttpReply reply, VeoHandle handle) {
    if (reply.status() == 404) {
      // Google forgets operations after a while; the render has to be submitted again.
      return new ProviderOutcome.Success<>(new RenderStatus.Lost());
    }
    JsonNode answer = reply.json(json);
    if (!reply.ok()) {
      return VeoErrors.fromReply(reply, answer, "poll", this::redact);
    }
    if (!answer.isObject()) {
      return badResponse("veo poll answered no operation: " + reply.excerpt());
    }
    return new ProviderOutcome.Success<>(
        switch (VeoOperation.read(answer, this::redact)) {
          // Veo reports no progress.
          case VeoOperation.Pending pending -> new RenderStatus.Running(0);
          case VeoOperation.Finished finished -> finished.failure();
          // Veo does not report the length; it renders the durationSeconds it was given.
          case VeoOperation.Done done -> new RenderStatus.Succeeded(handle.seconds());
        });
  }

  @Override
  public ProviderOutcome<Path> fetch(String handle, Path target) {
    Optional<VeoHandle> parsed = VeoHandle.parse(handle);
    if (parsed.isEmpty()) {
      return foreignHandle(handle);
    }
    HttpReply reply;
    switch (operation(parsed.get())) {
      case ProviderOutcome.Success<HttpReply> success -> reply = success.value();
      case ProviderOutcome.ProviderError<HttpReply> error -> {
        return relabel(error);
      }
      case ProviderOutcome.TransportFailure<HttpReply> failure -> {
        return new ProviderOutcome.TransportFailure<>(failure.message());
      }
    }
    JsonNode answer = reply.json(json);
    if (!reply.ok()) {
      return VeoErrors.fromReply(reply, answer, "poll", this::redact);
    }
    return switch (VeoOperation.read(answer, this::redact)) {
      case VeoOperation.Pending pending ->
          new ProviderOutcome.ProviderError<>(409, ProviderErrorCodes.BAD_RESPONSE, "veo operation is not done yet", null);
      case VeoOperation.Finished finished ->
          new ProviderOutcome.ProviderError<>(422, finished.failure().code(), finished.failure().message(), null);
      case VeoOperation.Done done -> save(done.videos().getFirst(), target);
    };
  }

  private ProviderOutcome<Path> save(VeoOperation.Video video, Path target) {
    if (video.base64() != null) {
      return writeInline(video.base64(), target);
    }
    String uri = Objects.requireNonNull(video.uri());
    URI location;
    try {
      location = URI.create(uri.startsWith("gs://") ? storageUrl(uri) : uri);
    } catch (IllegalArgumentException malformed) {
      return badResponse("veo answered an unusable video location");
    }
    if (location.getScheme() == null || !location.getScheme().startsWith("http")) {
      return badResponse("veo answered an unusable video location");
    }
    return http.download(location, downloadHeaders(location), target);
  }

  /**
   * The credential goes only to Google's own hosts: the Gemini API's file URI on the API host, a
   * {@code gs://} object through the storage host. A URL anywhere else is fetched without it.
   */
  private Map<String, String> downloadHeaders(URI location) {
    boolean ownHost =
        sameOrigin(location, URI.create(backend instanceof VeoBackend.GeminiApi ? apiHost : storageHost));
    return ownHost ? Map.of(authHeader, authValue) : Map.of();
  }

  /** {@code gs://bucket/object} through the Cloud Storage JSON API (AIVid's choice; the object name percent-encoded whole). */
  private String storageUrl(String gcsUri) {
    String path = gcsUri.substring("gs://".length());
    int slash = path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw new IllegalArgumentException("gs:// URI without an object");
    }
    String bucket = path.substring(0, slash);
    String object = path.substring(slash + 1);
    return storageHost
        + "/download/storage/v1/b/"
        + URLEncoder.encode(bucket, StandardCharsets.UTF_8)
        + "/o/"
        + URLEncoder.encode(object, StandardCharsets.UTF_8).replace("+", "%20")
        + "?alt=media";
  }

  private static ProviderOutcome<Path> writeInline(String base64, Path target) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException notBase64) {
      return badResponse("veo answered video bytes that are not base64");
    }
    try {
      Files.write(target, bytes);
      return new ProviderOutcome.Success<>(target);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(target);
      } catch (IOException ignored) {
        // A partial file left behind is swept with the tmp directory at startup.
      }
      return new ProviderOutcome.TransportFailure<>("veo video could not be written: " + e.getClass().getSimpleName());
    }
  }

  /** No documented way to cancel a Veo operation (providers.md §4: UNVERIFIED), so nothing is sent. */
  @Override
  public ProviderOutcome<Boolean> cancel(String handle) {
    return new ProviderOutcome.Success<>(false);
  }

  /** Gemini: GET /v1beta/{name}. Vertex: POST …/models/{m}:fetchPredictOperation {operationName}. */
  private ProviderOutcome<HttpReply> operation(VeoHandle handle) {
    if (!handle.backend().equals(backend.wireName())) {
      return new ProviderOutcome.ProviderError<>(
          400,
          ProviderErrorCodes.INVALID_REQUEST,
          "veo handle was made through the " + handle.backend() + " backend; this credential is for " + backend.wireName(),
          null);
    }
    HttpRequest request =
        switch (backend) {
          case VeoBackend.GeminiApi gemini ->
              http.request(URI.create(apiHost + "/v1beta/" + handle.operationName()))
                  .header(authHeader, authValue)
                  .GET()
                  .build();
          case VeoBackend.VertexAi vertex ->
              http.request(URI.create(apiHost + "/v1/" + handle.vertexModelPath() + ":fetchPredictOperation"))
                  .header("Content-Type", "application/json")
                  .header(authHeader, authValue)
                  .POST(HttpRequest.BodyPublishers.ofString(
                      json.createObjectNode().put("operationName", handle.operationName()).toString()))
                  .build();
        };
    // Reading an operation changes nothing, so it is safe to repeat.
    return http.send(request, true);
  }

  private static boolean sameOrigin(URI one, URI other) {
    return Objects.equals(one.getScheme(), other.getScheme())
        && Objects.equals(one.getHost(), other.getHost())
        && one.getPort() == other.getPort();
  }

  private static <T> ProviderOutcome<T> foreignHandle(String handle) {
    return new ProviderOutcome.ProviderError<>(
        400, ProviderErrorCodes.INVALID_REQUEST, "not a veo handle: " + handle, null);
  }

  private static <T> ProviderOutcome<T> badResponse(String message) {
    return new ProviderOutcome.ProviderError<>(502, ProviderErrorCodes.BAD_RESPONSE, message, null);
  }

  private static <T> ProviderOutcome<T> relabel(ProviderOutcome.ProviderError<?> error) {
    return new ProviderOutcome.ProviderError<>(error.httpStatus(), error.code(), error.message(), error.retryAfter());
  }

  private String redact(String text) {
    return secret.isEmpty() ? text : text.replace(secret, "***");
  }
}
