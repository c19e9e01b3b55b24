package dev.aivid.providers.veo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aivid.media.image.ImageFormat;
import dev.aivid.media.image.Images;
import dev.aivid.media.previz.PrevizRenderer;
import dev.aivid.media.previz.PrevizSpec;
import dev.aivid.providers.ProviderCredential;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Veo look-alike on 127.0.0.1 that enforces the wire contract of providers.md §4 for one backend:
 * the Gemini API ({@code x-goog-api-key}, {@code /v1beta/models/{m}:predictLongRunning}, {@code GET
 * /v1beta/{operation}}, file URIs) or Vertex AI ({@code Authorization: Bearer}, {@code
 * /v1/projects/…:predictLongRunning}, {@code :fetchPredictOperation}, results inline or in a fake
 * Cloud Storage under the same base URL). Errors use the google.rpc.Status envelope. Results are real
 * H.264 MP4s from the previz renderer at the size and length the request asks for.
 */
public final class FakeVeoServer implements AutoCloseable {
  public enum Mode {
    GEMINI,
    VERTEX
  }

  public static final String API_KEY = "fake-gemini-api-key";
  public static final String ACCESS_TOKEN = "fake-vertex-access-token";
  public static final String PROJECT = "aivid-test";
  public static final String LOCATION = "us-central1";
  public static final String BUCKET = "aivid-fake-bucket";
  public static final String STORAGE_URI = "gs://" + BUCKET + "/renders";

  private static final Set<String> MODELS =
      Set.of(
          "veo-2.0-generate-001",
          "veo-3.0-generate-001",
          "veo-3.0-fast-generate-001",
          "veo-3.1-generate-preview",
          "veo-3.1-fast-generate-preview",
          "veo-3.1-generate-001",
          "veo-3.1-fast-generate-001");
  private static final Set<String> COMMON_PARAMETERS =
      Set.of(
          "aspectRatio", "resolution", "durationSeconds", "sampleCount", "negativePrompt",
          "personGeneration", "enhancePrompt");
  // python-genai raises for these on the Gemini API (providers.md §4.3, ✗ column).
  private static final Set<String> VERTEX_ONLY_PARAMETERS =
      Set.of("seed", "fps", "generateAudio", "storageUri", "pubsubTopic", "compressionQuality", "resizeMode");
  private static final Pattern GEMINI_CREATE = Pattern.compile("/v1beta/models/([^/:]+):predictLongRunning");
  private static final Pattern GEMINI_OPERATION = Pattern.compile("/v1beta/(models/([^/:]+)/operations/([^/:]+))");
  private static final Pattern GEMINI_FILE = Pattern.compile("/v1beta/files/([^/:]+):download");
  private static final Pattern VERTEX_MODEL =
      Pattern.compile("/v1/(projects/([^/]+)/locations/([^/]+)/publishers/google/models/([^/:]+)):(predictLongRunning|fetchPredictOperation)");
  private static final Pattern VERTEX_OPERATION_NAME =
      Pattern.compile("projects/[^/]+/locations/[^/]+/publishers/google/models/[^/]+/operations/[^/]+");
  private static final Pattern STORAGE_OBJECT = Pattern.compile("/download/storage/v1/b/([^/]+)/o/([^/]+)");
  private static final int VIDEO_FRAMES_PER_SECOND = 6;
  private static final Map<String, byte[]> VIDEOS = new ConcurrentHashMap<>();

  private final Mode mode;
  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = new ObjectMapper();
  private final List<JsonNode> createRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger createCount = new AtomicInteger();
  private final AtomicInteger pollCount = new AtomicInteger();
  private final AtomicInteger downloadCount = new AtomicInteger();
  private final AtomicInteger requestCount = new AtomicInteger();
  private final AtomicInteger operationNumber = new AtomicInteger();
  private final Map<String, Operation> operations = new ConcurrentHashMap<>();
  private final Map<String, Operation> files = new ConcurrentHashMap<>();
  private final AtomicInteger failingCreates = new AtomicInteger();
  private final AtomicInteger failingPolls = new AtomicInteger();
  private final AtomicBoolean hangNextCreate = new AtomicBoolean();
  private final AtomicBoolean cutNextDownload = new AtomicBoolean();
  private final AtomicReference<@Nullable Outcome> nextOutcome = new AtomicReference<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile int createFailureStatus = 500;
  private volatile @Nullable String createFailureMessage;
  private volatile int pollFailureStatus = 503;
  private volatile int pollsToComplete = 2;
  private volatile int retryAfterSeconds = 2;
  private volatile boolean resultsExpired;

  private FakeVeoServer(Mode mode) throws IOException {
    this.mode = mode;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "fake-veo");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A fake Gemini API. */
  public static FakeVeoServer start() {
    return start(Mode.GEMINI);
  }

  public static FakeVeoServer start(Mode mode) {
    try {
      return new FakeVeoServer(mode);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Mode mode() {
    return mode;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A valid credential of this server's mode; Vertex results go to the fake Cloud Storage. */
  public ProviderCredential credential() {
    Map<String, String> fields = new HashMap<>();
    fields.put("base_url", baseUrl());
    if (mode == Mode.GEMINI) {
      fields.put("api_key", API_KEY);
    } else {
      fields.put("access_token", ACCESS_TOKEN);
      fields.put("project", PROJECT);
      fields.put("location", LOCATION);
      fields.put("storage_uri", STORAGE_URI);
    }
    return new ProviderCredential("veo", fields);
  }

  /** {@link #credential()} with one field replaced, or removed when {@code value} is null. */
  public ProviderCredential credentialWith(String field, @Nullable String value) {
    Map<String, String> fields = new HashMap<>(credential().fields());
    if (value == null) {
      fields.remove(field);
    } else {
      fields.put(field, value);
    }
    return new ProviderCredential("veo", fields);
  }

  public List<JsonNode> createRequests() {
    return List.copyOf(createRequests);
  }

  public int createCount() {
    return createCount.get();
  }

  public int pollCount() {
    return pollCount.get();
  }

  public int downloadCount() {
    return downloadCount.get();
  }

  /** Every request that reached the server, whatever it was. */
  public int requestCount() {
    return requestCount.get();
  }

  /** The next {@code count} creates answer {@code httpStatus} in the google.rpc.Status envelope. */
  public FakeVeoServer failNextCreates(int count, int httpStatus) {
    return failNextCreates(count, httpStatus, null);
  }

  public FakeVeoServer failNextCreates(int count, int httpStatus, @Nullable String message) {
    createFailureStatus = httpStatus;
    createFailureMessage = message;
    failingCreates.set(count);
    return this;
  }

  public FakeVeoServer failNextPolls(int count, int httpStatus) {
    pollFailureStatus = httpStatus;
    failingPolls.set(count);
    return this;
  }

  /** A 429 carries {@code Retry-After} (and google.rpc.RetryInfo) with this many seconds; default 2. */
  public FakeVeoServer retryAfterSeconds(int seconds) {
    retryAfterSeconds = seconds;
    return this;
  }

  /** Operations are done on this poll; default 2. */
  public FakeVeoServer completeAfterPolls(int polls) {
    pollsToComplete = polls;
    return this;
  }

  /** The next create waits until {@link #close()}, past any sensible client timeout. */
  public FakeVeoServer hangNextCreate() {
    hangNextCreate.set(true);
    return this;
  }

  /** The next result download declares its full Content-Length, sends half and closes. */
  public FakeVeoServer cutNextDownload() {
    cutNextDownload.set(true);
    return this;
  }

  /** Result URLs answer 404 from now on (Gemini files are kept about 2 days, providers.md §4.1). */
  public FakeVeoServer expireResultUrls() {
    resultsExpired = true;
    return this;
  }

  /** The next operation finishes with {@code error: {code: rpcCode, message}}. */
  public FakeVeoServer failNextOperation(int rpcCode, String message) {
    nextOutcome.set(new Outcome(rpcCode, message, null));
    return this;
  }

  /** The next operation finishes without a video: raiMediaFilteredCount 1 with this reason. */
  public FakeVeoServer filterNextOperation(String reason) {
    nextOutcome.set(new Outcome(0, null, reason));
    return this;
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requestCount.incrementAndGet();
    try (exchange) {
      route(exchange);
    } catch (RuntimeException e) {
      error(exchange, 500, "INTERNAL", "fake failure: " + e);
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    if (mode == Mode.GEMINI) {
      Matcher create = GEMINI_CREATE.matcher(path);
      Matcher operation = GEMINI_OPERATION.matcher(path);
      Matcher file = GEMINI_FILE.matcher(path);
      if (create.matches() && method.equals("POST")) {
        create(exchange, create.group(1), null);
      } else if (operation.matches() && method.equals("GET")) {
        poll(exchange, operation.group(1));
      } else if (file.matches() && method.equals("GET")) {
        download(exchange, files.get(file.group(1)));
      } else {
        notFound(exchange, path);
      }
      return;
    }
    Matcher model = VERTEX_MODEL.matcher(path);
    Matcher object = STORAGE_OBJECT.matcher(path);
    if (model.matches() && method.equals("POST") && model.group(5).equals("predictLongRunning")) {
      create(exchange, model.group(4), model.group(1));
    } else if (model.matches() && method.equals("POST")) {
      fetchPredictOperation(exchange, model.group(1));
    } else if (object.matches() && method.equals("GET")) {
      String name =
          URLDecoder.decode(object.group(1), StandardCharsets.UTF_8)
              + "/"
              + URLDecoder.decode(object.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
      download(exchange, files.get(name));
    } else {
      notFound(exchange, path);
    }
  }

  private void create(HttpExchange exchange, String model, @Nullable String vertexModelPath) throws IOException {
    createCount.incrementAndGet();
    byte[] raw = exchange.getRequestBody().readAllBytes();
    if (hangNextCreate.getAndSet(false)) {
      awaitRelease();
      error(exchange, 503, "UNAVAILABLE", "the fake was closed while this create hung");
      return;
    }
    if (!authorized(exchange)) {
      return;
    }
    JsonNode body;
    try {
      body = json.readTree(raw);
    } catch (IOException e) {
      error(exchange, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
      return;
    }
    createRequests.add(body == null ? json.nullNode() : body);
    if (failingCreates.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      scriptedFailure(exchange, createFailureStatus, createFailureMessage);
      return;
    }
    if (!MODELS.contains(model)) {
      error(exchange, 404, "NOT_FOUND", "models/" + model + " is not found for predictLongRunning");
      return;
    }
    if (!"application/json".equals(baseType(exchange.getRequestHeaders().getFirst("Content-Type")))) {
      error(exchange, 400, "INVALID_ARGUMENT", "Content-Type must be application/json");
      return;
    }
    String invalid = body == null || !body.isObject() ? "the request body must be a JSON object" : invalidBody((ObjectNode) body);
    if (invalid != null) {
      error(exchange, 400, "INVALID_ARGUMENT", invalid);
      return;
    }
    JsonNode parameters = body.path("parameters");
    boolean portrait = parameters.path("aspectRatio").asText("16:9").equals("9:16");
    int longSide = parameters.path("resolution").asText("720p").equals("1080p") ? 1920 : 1280;
    int shortSide = longSide == 1920 ? 1080 : 720;
    int number = operationNumber.incrementAndGet();
    String id = mode == Mode.GEMINI ? "op" + number + "x" + Integer.toHexString(number * 7919) : "0a1b2c3d-0000-4000-8000-" + String.format("%012d", number);
    String name = mode == Mode.GEMINI ? "models/" + model + "/operations/" + id : vertexModelPath + "/operations/" + id;
    String storageUri = parameters.path("storageUri").isTextual() ? parameters.path("storageUri").asText() : null;
    // Gemini: a file id under /v1beta/files; Vertex: "bucket/prefix/<n>/sample_0.mp4" when a storageUri was given.
    String fileKey =
        mode == Mode.GEMINI
            ? id
            : storageUri == null ? null : storageUri.substring("gs://".length()).replaceAll("/+$", "") + "/" + number + "/sample_0.mp4";
    Operation operation =
        new Operation(
            name,
            portrait ? shortSide : longSide,
            portrait ? longSide : shortSide,
            parameters.path("durationSeconds").asInt(8),
            fileKey,
            nextOutcome.getAndSet(null));
    operations.put(name, operation);
    if (fileKey != null) {
      files.put(fileKey, operation);
    }
    ObjectNode answer = json.createObjectNode().put("name", name);
    send(exchange, 200, answer);
  }

  private void poll(HttpExchange exchange, String name) throws IOException {
    pollCount.incrementAndGet();
    if (!authorized(exchange) || failedPoll(exchange)) {
      return;
    }
    Operation operation = operations.get(name);
    if (operation == null) {
      error(exchange, 404, "NOT_FOUND", "Operation " + name + " not found.");
      return;
    }
    send(exchange, 200, operationJson(operation));
  }

  private void fetchPredictOperation(HttpExchange exchange, String modelPath) throws IOException {
    pollCount.incrementAndGet();
    byte[] raw = exchange.getRequestBody().readAllBytes();
    if (!authorized(exchange) || failedPoll(exchange)) {
      return;
    }
    JsonNode body;
    try {
      body = json.readTree(raw);
    } catch (IOException e) {
      error(exchange, 400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
      return;
    }
    String name = body == null ? "" : body.path("operationName").asText("");
    if (body == null || body.size() != 1 || !VERTEX_OPERATION_NAME.matcher(name).matches()) {
      error(exchange, 400, "INVALID_ARGUMENT", "operationName must be projects/*/locations/*/publishers/google/models/*/operations/*");
      return;
    }
    if (!name.startsWith(modelPath + "/operations/")) {
      error(exchange, 400, "INVALID_ARGUMENT", "operationName does not belong to " + modelPath);
      return;
    }
    Operation operation = operations.get(name);
    if (operation == null) {
      error(exchange, 404, "NOT_FOUND", "Operation " + name + " not found.");
      return;
    }
    send(exchange, 200, operationJson(operation));
  }

  private ObjectNode operationJson(Operation operation) {
    ObjectNode answer = json.createObjectNode().put("name", operation.name);
    // A pending operation carries no "done" at all (google.longrunning.Operation omits false).
    if (operation.polls.incrementAndGet() < pollsToComplete) {
      return answer;
    }
    answer.put("done", true);
    Outcome outcome = operation.outcome;
    if (outcome != null && outcome.filterReason == null) {
      answer.putObject("error").put("code", outcome.rpcCode).put("message", outcome.message);
      return answer;
    }
    ObjectNode response = answer.putObject("response");
    if (mode == Mode.GEMINI) {
      response.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse");
      ObjectNode generated = response.putObject("generateVideoResponse");
      if (outcome != null) {
        generated.put("raiMediaFilteredCount", 1).putArray("raiMediaFilteredReasons").add(outcome.filterReason);
      } else {
        generated.putArray("generatedSamples").addObject().putObject("video")
            .put("uri", baseUrl() + "/v1beta/files/" + operation.fileKey + ":download?alt=media");
      }
      return answer;
    }
    response.put("@type", "type.googleapis.com/cloud.ai.large_models.vision.GenerateVideoResponse");
    if (outcome != null) {
      response.put("raiMediaFilteredCount", 1).putArray("raiMediaFilteredReasons").add(outcome.filterReason);
      return answer;
    }
    response.put("raiMediaFilteredCount", 0);
    ObjectNode video = response.putArray("videos").addObject();
    if (operation.fileKey != null) {
      video.put("gcsUri", "gs://" + operation.fileKey);
    } else {
      video.put("bytesBase64Encoded", Base64.getEncoder().encodeToString(video(operation)));
    }
    video.put("mimeType", "video/mp4");
    return answer;
  }

  private void download(HttpExchange exchange, @Nullable Operation operation) throws IOException {
    downloadCount.incrementAndGet();
    if (!authorized(exchange)) {
      return;
    }
    if (!"alt=media".equals(exchange.getRequestURI().getRawQuery())) {
      error(exchange, 400, "INVALID_ARGUMENT", "downloads need ?alt=media");
      return;
    }
    if (operation == null || resultsExpired) {
      error(exchange, 404, "NOT_FOUND", "No such object or file (it may have expired).");
      return;
    }
    byte[] video = video(operation);
    exchange.getResponseHeaders().set("Content-Type", "video/mp4");
    exchange.sendResponseHeaders(200, video.length);
    OutputStream out = exchange.getResponseBody();
    if (cutNextDownload.getAndSet(false)) {
      out.write(video, 0, video.length / 2);
      out.flush();
      // Closing the exchange short of Content-Length makes the JDK server drop the connection.
      exchange.close();
      return;
    }
    out.write(video);
  }

  private boolean authorized(HttpExchange exchange) throws IOException {
    if (mode == Mode.GEMINI) {
      String key = exchange.getRequestHeaders().getFirst("x-goog-api-key");
      if (key == null) {
        error(exchange, 403, "PERMISSION_DENIED",
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or"
                + " other form of API consumer identity to call this API.");
        return false;
      }
      if (!key.equals(API_KEY)) {
        ObjectNode envelope = envelope(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.");
        ((ObjectNode) envelope.get("error")).putArray("details").addObject()
            .put("@type", "type.googleapis.com/google.rpc.ErrorInfo")
            .put("reason", "API_KEY_INVALID")
            .put("domain", "googleapis.com");
        send(exchange, 400, envelope);
        return false;
      }
      return true;
    }
    if (!("Bearer " + ACCESS_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      error(exchange, 401, "UNAUTHENTICATED",
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid"
              + " authentication credential.");
      return false;
    }
    return true;
  }

  private boolean failedPoll(HttpExchange exchange) throws IOException {
    if (failingPolls.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      scriptedFailure(exchange, pollFailureStatus, null);
      return true;
    }
    return false;
  }

  private void scriptedFailure(HttpExchange exchange, int status, @Nullable String message) throws IOException {
    String rpcStatus = rpcStatus(status);
    ObjectNode envelope = envelope(status, rpcStatus, message != null ? message : "scripted " + rpcStatus);
    if (status == 429) {
      exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
      ((ObjectNode) envelope.get("error")).putArray("details").addObject()
          .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
          .put("retryDelay", retryAfterSeconds + "s");
    }
    send(exchange, status, envelope);
  }

  /** The checks python-genai and the API apply (providers.md §4.3-4.4); the first problem found, or null. */
  private @Nullable String invalidBody(ObjectNode body) {
    Set<String> topLevel = mode == Mode.GEMINI ? Set.of("instances", "parameters", "webhookConfig") : Set.of("instances", "parameters", "labels");
    String unknown = unknownField(body, topLevel, "");
    if (unknown != null) {
      return unknown;
    }
    JsonNode instances = body.path("instances");
    if (!instances.isArray() || instances.size() != 1 || !instances.get(0).isObject()) {
      return "instances must be an array of exactly one object";
    }
    ObjectNode instance = (ObjectNode) instances.get(0);
    Set<String> instanceFields =
        mode == Mode.GEMINI
            ? Set.of("prompt", "image", "lastFrame", "referenceImages", "video")
            : Set.of("prompt", "image", "lastFrame", "referenceImages", "video", "mask");
    if (mode == Mode.GEMINI && instance.has("mask")) {
      return "mask isn't supported by the Gemini API.";
    }
    unknown = unknownField(instance, instanceFields, "instances[0].");
    if (unknown != null) {
      return unknown;
    }
    if (!instance.path("prompt").isTextual() || instance.path("prompt").asText().isBlank()) {
      return "instances[0].prompt is required";
    }
    for (String frame : List.of("image", "lastFrame")) {
      if (instance.has(frame)) {
        String invalid = invalidImage(instance.get(frame), "instances[0]." + frame);
        if (invalid != null) {
          return invalid;
        }
      }
    }
    if (instance.has("referenceImages")) {
      if (instance.has("image") || instance.has("lastFrame") || instance.has("video")) {
        return "referenceImages cannot be combined with image, lastFrame or video";
      }
      JsonNode references = instance.get("referenceImages");
      if (!references.isArray() || references.isEmpty() || references.size() > 3) {
        return "referenceImages must hold 1 to 3 images";
      }
      for (int index = 0; index < references.size(); index++) {
        JsonNode reference = references.get(index);
        String where = "instances[0].referenceImages[" + index + "]";
        String invalid = unknownField(reference, Set.of("image", "referenceType"), where + ".");
        if (invalid == null) {
          invalid = invalidImage(reference.path("image"), where + ".image");
        }
        if (invalid == null && !Set.of("ASSET", "STYLE").contains(reference.path("referenceType").asText(""))) {
          invalid = where + ".referenceType must be ASSET or STYLE";
        }
        if (invalid != null) {
          return invalid;
        }
      }
    }
    JsonNode parameters = body.path("parameters");
    if (parameters.isMissingNode()) {
      return null;
    }
    if (!parameters.isObject()) {
      return "parameters must be an object";
    }
    for (Iterator<String> names = parameters.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (VERTEX_ONLY_PARAMETERS.contains(name)) {
        if (mode == Mode.GEMINI) {
          return "`" + name + "` isn't supported by the Gemini API.";
        }
      } else if (!COMMON_PARAMETERS.contains(name)) {
        return "Invalid JSON payload received. Unknown name \"" + name + "\" at 'parameters': Cannot find field.";
      }
    }
    return invalidParameters(parameters);
  }

  private static @Nullable String invalidParameters(JsonNode parameters) {
    if (parameters.has("aspectRatio") && !Set.of("16:9", "9:16").contains(parameters.get("aspectRatio").asText(""))) {
      return "aspectRatio must be 16:9 or 9:16";
    }
    if (parameters.has("resolution") && !Set.of("720p", "1080p").contains(parameters.get("resolution").asText(""))) {
      return "resolution must be 720p or 1080p";
    }
    JsonNode duration = parameters.path("durationSeconds");
    if (parameters.has("durationSeconds") && !(duration.isIntegralNumber() && Set.of(4, 6, 8).contains(duration.asInt()))) {
      return "durationSeconds must be 4, 6 or 8";
    }
    JsonNode samples = parameters.path("sampleCount");
    if (parameters.has("sampleCount") && !(samples.isIntegralNumber() && samples.asInt() >= 1 && samples.asInt() <= 4)) {
      return "sampleCount must be 1 to 4";
    }
    if (parameters.has("negativePrompt") && !parameters.get("negativePrompt").isTextual()) {
      return "negativePrompt must be a string";
    }
    if (parameters.has("personGeneration")
        && !Set.of("dont_allow", "allow_adult", "allow_all").contains(parameters.get("personGeneration").asText(""))) {
      return "personGeneration must be dont_allow, allow_adult or allow_all";
    }
    JsonNode seed = parameters.path("seed");
    if (parameters.has("seed") && !(seed.isIntegralNumber() && seed.asLong() >= 0 && seed.asLong() <= 0xFFFF_FFFFL)) {
      return "seed must be an unsigned 32-bit integer";
    }
    JsonNode fps = parameters.path("fps");
    if (parameters.has("fps") && !(fps.isIntegralNumber() && fps.asInt() >= 1 && fps.asInt() <= 60)) {
      return "fps must be a whole number of frames per second";
    }
    if (parameters.has("generateAudio") && !parameters.get("generateAudio").isBoolean()) {
      return "generateAudio must be a boolean";
    }
    if (parameters.has("storageUri") && !parameters.get("storageUri").asText("").startsWith("gs://")) {
      return "storageUri must be a gs:// URI";
    }
    return null;
  }

  private @Nullable String invalidImage(JsonNode image, String where) {
    if (!image.isObject()) {
      return where + " must be an object";
    }
    if (image.has("gcsUri")) {
      return mode == Mode.GEMINI ? where + ".gcsUri isn't supported by the Gemini API." : null;
    }
    String unknown = unknownField(image, Set.of("bytesBase64Encoded", "mimeType"), where + ".");
    if (unknown != null) {
      return unknown;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(image.path("bytesBase64Encoded").asText(""));
    } catch (IllegalArgumentException e) {
      return where + ".bytesBase64Encoded is not base64";
    }
    Optional<ImageFormat> format = Images.sniff(bytes);
    String mimeType = image.path("mimeType").asText("");
    if (!Set.of("image/png", "image/jpeg").contains(mimeType)) {
      return where + ".mimeType must be image/png or image/jpeg";
    }
    if (format.isEmpty() || !format.get().mimeType().equals(mimeType)) {
      return where + " is not a " + mimeType + " image";
    }
    return null;
  }

  private static @Nullable String unknownField(JsonNode node, Set<String> allowed, String where) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        return "Invalid JSON payload received. Unknown name \"" + name + "\" at '" + where + "': Cannot find field.";
      }
    }
    return null;
  }

  private byte[] video(Operation operation) {
    String key = operation.width + "x" + operation.height + "@" + operation.seconds;
    return VIDEOS.computeIfAbsent(key, unused -> render(operation.width, operation.height, operation.seconds));
  }

  private static byte[] render(int width, int height, int seconds) {
    try {
      Path directory = Files.createTempDirectory("fake-veo");
      Path output = directory.resolve("video.mp4");
      new PrevizRenderer()
          .render(new PrevizSpec(width, height, seconds, VIDEO_FRAMES_PER_SECOND, "fake veo", 7, null), output, (done, total) -> {});
      byte[] bytes = Files.readAllBytes(output);
      Files.deleteIfExists(output);
      Files.deleteIfExists(directory);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitRelease() {
    try {
      released.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void notFound(HttpExchange exchange, String path) throws IOException {
    error(exchange, 404, "NOT_FOUND", "The requested URL " + path + " was not found on this " + mode + " server.");
  }

  private void error(HttpExchange exchange, int status, String rpcStatus, String message) throws IOException {
    send(exchange, status, envelope(status, rpcStatus, message));
  }

  private ObjectNode envelope(int status, String rpcStatus, String message) {
    ObjectNode envelope = json.createObjectNode();
    envelope.putObject("error").put("code", status).put("message", message).put("status", rpcStatus);
    return envelope;
  }

  private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String rpcStatus(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ABORTED";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 500 -> "INTERNAL";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> "UNKNOWN";
    };
  }

  private static @Nullable String baseType(@Nullable String contentType) {
    return contentType == null ? null : contentType.split(";", 2)[0].strip();
  }

  private static final class Operation {
    final String name;
    final int width;
    final int height;
    final int seconds;
    final @Nullable String fileKey;
    final @Nullable Outcome outcome;
    final AtomicInteger polls = new AtomicInteger();

    Operation(String name, int width, int height, int seconds, @Nullable String fileKey, @Nullable Outcome outcome) {
      this.name = name;
      this.width = width;
      this.height = height;
      this.seconds = seconds;
      this.fileKey = fileKey;
      this.outcome = outcome;
    }
  }

  /** A scripted end: an operation error ({@code rpcCode}, {@code message}) or a filtered video. */
  private record Outcome(int rpcCode, @Nullable String message, @Nullable String filterReason) {}
}
