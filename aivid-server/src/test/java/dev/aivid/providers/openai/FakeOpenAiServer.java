package dev.aivid.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aivid.media.MediaException;
import dev.aivid.media.image.ImageInfo;
import dev.aivid.media.image.Images;
import dev.aivid.media.previz.PrevizRenderer;
import dev.aivid.media.previz.PrevizSpec;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.support.CallbackSender;
import dev.aivid.webhooks.internal.WebhookSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI Videos API (providers.md §1) and refuses
 * anything the contract does not allow: a missing or wrong bearer key, unknown body fields (as
 * OpenAI does), {@code seconds} that is not one of the strings "4", "8", "12", a {@code size}
 * outside the four sizes, an {@code input_reference} without exactly one of {@code
 * image_url}/{@code file_id}, or whose image is not PNG/JPEG/WebP of exactly {@code size}. Errors
 * use OpenAI's envelope {@code {error:{message,type,param,code}}}; video objects use only the
 * status words {@code queued|in_progress|completed|failed} and unix-second timestamps.
 *
 * <p>A video completes after {@link #completeAfterPolls} retrievals (default 2) and serves a real
 * H.264 MP4 from the previz engine at its size and duration (4 fps to stay quick; cached by size
 * and seconds). Only the JSON body of {@code POST /videos} is implemented, not multipart.
 */
public final class FakeOpenAiServer implements AutoCloseable {
  public static final String API_KEY = "sk-fake-openai-test-key-0123456789";
  public static final Set<String> SECONDS = Set.of("4", "8", "12");
  public static final Set<String> SIZES = Set.of("720x1280", "1280x720", "1024x1792", "1792x1024");
  private static final Set<String> CREATE_FIELDS =
      Set.of("model", "prompt", "seconds", "size", "input_reference");
  private static final Set<String> VARIANTS = Set.of("video", "thumbnail", "spritesheet");
  private static final int FRAMES_PER_SECOND = 4;
  private static final long ASSET_LIFETIME_SECONDS = 3600;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final InstantSource clock;
  private final Path renderDirectory;
  private final CountDownLatch release = new CountDownLatch(1);
  private final Map<String, FakeVideo> videos = new ConcurrentHashMap<>();
  private final Map<String, Path> renders = new ConcurrentHashMap<>();
  private final List<JsonNode> createRequests = new CopyOnWriteArrayList<>();
  private final List<String> deletedIds = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> contentRequestHeaders = new CopyOnWriteArrayList<>();
  private final AtomicInteger createCount = new AtomicInteger();
  private final AtomicInteger retrieveCount = new AtomicInteger();
  private final Deque<Failure> createFailures = new ArrayDeque<>();
  private final Deque<Failure> retrieveFailures = new ArrayDeque<>();
  private final Deque<Failure> renderFailures = new ArrayDeque<>();
  private final Set<String> models = ConcurrentHashMap.newKeySet();
  private final Set<String> retiredModels = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean hangNextCreate = new AtomicBoolean();
  private final AtomicBoolean cutNextDownload = new AtomicBoolean();
  private final AtomicBoolean resultsExpired = new AtomicBoolean();
  private volatile int pollsToComplete = 2;
  private volatile int retryAfterSeconds = 1;
  private volatile @Nullable URI webhookEndpoint;
  private volatile @Nullable String webhookSecret;
  private volatile int webhookCopies = 1;
  private final CallbackSender webhooks = new CallbackSender();

  private record Failure(int status, @Nullable String code, String message) {}

  private static final class FakeVideo {
    final String id;
    final String model;
    final String prompt;
    final String seconds;
    final String size;
    final long createdAt;
    final @Nullable Failure failure;
    int polls;
    @Nullable Long completedAt;

    FakeVideo(
        String id,
        String model,
        String prompt,
        String seconds,
        String size,
        long createdAt,
        @Nullable Failure failure) {
      this.id = id;
      this.model = model;
      this.prompt = prompt;
      this.seconds = seconds;
      this.size = size;
      this.createdAt = createdAt;
      this.failure = failure;
    }
  }

  private FakeOpenAiServer(InstantSource clock) throws IOException {
    this.clock = clock;
    this.renderDirectory = Files.createTempDirectory("fake-openai-");
    models.addAll(List.of("sora-2", "sora-2-pro", "local/previz"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeOpenAiServer start() {
    return start(InstantSource.system());
  }

  /** A server whose timestamps and expiry come from {@code clock}. */
  public static FakeOpenAiServer start(InstantSource clock) {
    try {
      return new FakeOpenAiServer(clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>/v1}: the value of a credential's {@code base_url}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /**
   * Like a project whose dashboard names a webhook endpoint (providers.md §1.4): every video created
   * from now on finishes on its own right after the create is answered, and the fake posts a
   * {@code video.completed} (or {@code video.failed}) event to {@code endpoint}, signed per Standard
   * Webhooks with {@code secret} ({@code whsec_…}).
   */
  public void sendWebhooks(URI endpoint, String secret) {
    webhookSecret = secret;
    webhookEndpoint = endpoint;
  }

  /** Each webhook is posted this many times (default 1), as an at-least-once sender may. */
  public void webhookCopies(int copies) {
    webhookCopies = copies;
  }

  /** Every webhook posted, with the receiver's answer. */
  public List<CallbackSender.Sent> sentWebhooks() {
    return webhooks.sent();
  }

  public ProviderCredential credential() {
    return new ProviderCredential("openai", Map.of("api_key", API_KEY, "base_url", baseUrl()));
  }

  /** Every {@code POST /videos} body received, rejected ones included, in order. */
  public List<JsonNode> createRequests() {
    return List.copyOf(createRequests);
  }

  public int createCount() {
    return createCount.get();
  }

  public int retrieveCount() {
    return retrieveCount.get();
  }

  public List<String> deletedIds() {
    return List.copyOf(deletedIds);
  }

  /** The headers of every {@code GET /videos/{id}/content}, lower-case names. */
  public List<Map<String, String>> contentRequestHeaders() {
    return List.copyOf(contentRequestHeaders);
  }

  /** The next {@code count} creates answer {@code httpStatus} with this status's usual code. */
  public void failNextCreates(int count, int httpStatus) {
    failNextCreates(count, httpStatus, defaultCode(httpStatus));
  }

  public void failNextCreates(int count, int httpStatus, @Nullable String code) {
    synchronized (createFailures) {
      for (int i = 0; i < count; i++) {
        createFailures.add(new Failure(httpStatus, code, "scripted failure " + httpStatus));
      }
    }
  }

  /** The next {@code count} retrievals ({@code GET /videos/{id}}) answer {@code httpStatus}. */
  public void failNextRetrievals(int count, int httpStatus) {
    synchronized (retrieveFailures) {
      for (int i = 0; i < count; i++) {
        retrieveFailures.add(
            new Failure(httpStatus, defaultCode(httpStatus), "scripted failure " + httpStatus));
      }
    }
  }

  /** The next video created ends {@code failed} with {@code error: {code, message}}. */
  public void failNextRender(String code, String message) {
    synchronized (renderFailures) {
      renderFailures.add(new Failure(200, code, message));
    }
  }

  /** Creates for this model answer 410 {@code model_retired}, as AIVid does for Sora 2. */
  public void retireModel(String model) {
    retiredModels.add(model);
  }

  public void completeAfterPolls(int polls) {
    if (polls < 1) {
      throw new IllegalArgumentException("polls must be at least 1");
    }
    pollsToComplete = polls;
  }

  /** The Retry-After seconds sent with scripted 429s (default 1). */
  public void retryAfterSeconds(int seconds) {
    retryAfterSeconds = seconds;
  }

  /** The next create is held until {@link #close}, so the client's timeout fires first. */
  public void hangNextCreate() {
    hangNextCreate.set(true);
  }

  /** The next content download declares its full Content-Length, sends half and hangs up. */
  public void cutNextDownload() {
    cutNextDownload.set(true);
  }

  /**
   * From now on every video's assets are past {@code expires_at}: content answers 404 and the video
   * object shows the expiry in the past (OpenAI keeps assets about an hour, §1.3).
   */
  public void expireResultUrls() {
    resultsExpired.set(true);
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.list(renderDirectory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(renderDirectory);
    } catch (IOException ignored) {
      // A temp directory left behind is harmless.
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!path.startsWith("/v1/videos")) {
        error(
            exchange,
            404,
            "invalid_request_error",
            null,
            null,
            "Invalid URL (" + method + " " + path + ")");
        return;
      }
      String rest = path.substring("/v1/videos".length());
      if (method.equals("POST") && rest.isEmpty()) {
        create(exchange);
        return;
      }
      if (!authorized(exchange)) {
        return;
      }
      String[] parts = rest.split("/");
      if (parts.length == 2 && method.equals("GET")) {
        retrieve(exchange, parts[1]);
      } else if (parts.length == 3 && parts[2].equals("content") && method.equals("GET")) {
        content(exchange, parts[1]);
      } else if (parts.length == 2 && method.equals("DELETE")) {
        delete(exchange, parts[1]);
      } else {
        error(
            exchange,
            404,
            "invalid_request_error",
            null,
            null,
            "Invalid URL (" + method + " " + path + ")");
      }
    }
  }

  private boolean authorized(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      error(
          exchange,
          401,
          "invalid_request_error",
          null,
          null,
          "You didn't provide an API key. You need to provide your API key in an Authorization"
              + " header using Bearer auth.");
      return false;
    }
    if (!authorization.equals("Bearer " + API_KEY)) {
      error(
          exchange,
          401,
          "invalid_request_error",
          null,
          "invalid_api_key",
          "Incorrect API key provided.");
      return false;
    }
    return true;
  }

  private void create(HttpExchange exchange) throws IOException {
    createCount.incrementAndGet();
    byte[] raw = exchange.getRequestBody().readAllBytes();
    JsonNode body;
    try {
      body = json.readTree(raw);
    } catch (IOException e) {
      body = null;
    }
    createRequests.add(
        body == null ? TextNode.valueOf(new String(raw, StandardCharsets.UTF_8)) : body);
    if (!authorized(exchange)) {
      return;
    }
    if (hangNextCreate.getAndSet(false)) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    Failure scripted;
    synchronized (createFailures) {
      scripted = createFailures.poll();
    }
    if (scripted != null) {
      if (scripted.status() == 429) {
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfterSeconds));
      }
      error(
          exchange,
          scripted.status(),
          typeOf(scripted.status()),
          null,
          scripted.code(),
          scripted.message());
      return;
    }
    String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    if (!contentType.startsWith("application/json")) {
      error(
          exchange,
          400,
          "invalid_request_error",
          null,
          null,
          "The fake speaks the JSON body of POST /videos only, got Content-Type " + contentType);
      return;
    }
    if (body == null || !body.isObject()) {
      error(
          exchange,
          400,
          "invalid_request_error",
          null,
          null,
          "We could not parse the JSON body of your request.");
      return;
    }
    Rejection rejection = validateCreate((ObjectNode) body);
    if (rejection != null) {
      error(
          exchange,
          400,
          "invalid_request_error",
          rejection.param(),
          rejection.code(),
          rejection.message());
      return;
    }
    String model = body.path("model").asText("sora-2");
    if (retiredModels.contains(model)) {
      error(
          exchange,
          410,
          "invalid_request_error",
          "model",
          "model_retired",
          "Model '"
              + model
              + "' was retired on 2026-09-24 (OpenAI shut the Sora 2 Videos API down).");
      return;
    }
    if (!models.contains(model)) {
      error(
          exchange,
          400,
          "invalid_request_error",
          "model",
          "invalid_value",
          "Invalid value for 'model': '" + model + "'.");
      return;
    }
    Failure renderFailure;
    synchronized (renderFailures) {
      renderFailure = renderFailures.poll();
    }
    FakeVideo video =
        new FakeVideo(
            "video_" + HexFormat.of().formatHex(uuidBytes()),
            model,
            body.path("prompt").asText(),
            body.path("seconds").asText("4"),
            body.path("size").asText("720x1280"),
            clock.instant().getEpochSecond(),
            renderFailure);
    videos.put(video.id, video);
    exchange.getResponseHeaders().set("openai-poll-after-ms", "1000");
    respond(exchange, 200, videoJson(video));
    URI endpoint = webhookEndpoint;
    String secret = webhookSecret;
    if (endpoint != null && secret != null) {
      int copies = webhookCopies;
      executor.execute(() -> sendWebhook(endpoint, secret, video, copies));
    }
  }

  private void sendWebhook(URI endpoint, String secret, FakeVideo video, int copies) {
    synchronized (video) {
      video.polls = Math.max(video.polls, pollsToComplete);
      if (video.completedAt == null) {
        video.completedAt = clock.instant().getEpochSecond();
      }
    }
    ObjectNode event = json.createObjectNode();
    event.put("id", "evt_" + HexFormat.of().formatHex(uuidBytes()));
    event.put("object", "event");
    event.put("created_at", clock.instant().getEpochSecond());
    event.put("type", video.failure != null ? "video.failed" : "video.completed");
    event.putObject("data").put("id", video.id);
    byte[] body;
    try {
      body = json.writeValueAsBytes(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String messageId = event.path("id").asText();
    long timestamp = clock.instant().getEpochSecond();
    Map<String, String> headers =
        Map.of(
            "webhook-id", messageId,
            "webhook-timestamp", Long.toString(timestamp),
            "webhook-signature",
                WebhookSignature.sign(WebhookSignature.key(secret), messageId, timestamp, body));
    for (int copy = 0; copy < copies; copy++) {
      webhooks.post(endpoint, body, headers);
    }
  }

  private record Rejection(String param, String code, String message) {}

  /** Why the body breaks §1.2, or null when it keeps it. */
  private static @Nullable Rejection validateCreate(ObjectNode body) {
    for (var names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!CREATE_FIELDS.contains(name)) {
        return new Rejection(name, "unknown_parameter", "Unknown parameter: '" + name + "'.");
      }
    }
    JsonNode prompt = body.path("prompt");
    if (!prompt.isTextual() || prompt.asText().isBlank()) {
      return new Rejection(
          "prompt", "missing_required_parameter", "Missing required parameter: 'prompt'.");
    }
    JsonNode model = body.get("model");
    if (model != null && !model.isTextual()) {
      return new Rejection("model", "invalid_type", "Invalid type for 'model': expected a string.");
    }
    JsonNode seconds = body.get("seconds");
    if (seconds != null && !seconds.isTextual()) {
      return new Rejection(
          "seconds",
          "invalid_type",
          "Invalid type for 'seconds': expected one of '4', '8', '12' as a string.");
    }
    if (seconds != null && !SECONDS.contains(seconds.asText())) {
      return new Rejection(
          "seconds", "invalid_value", "Invalid value for 'seconds': '" + seconds.asText() + "'.");
    }
    JsonNode size = body.get("size");
    if (size != null && !(size.isTextual() && SIZES.contains(size.asText()))) {
      return new Rejection("size", "invalid_value", "Invalid value for 'size': " + size + ".");
    }
    JsonNode reference = body.get("input_reference");
    if (reference == null) {
      return null;
    }
    if (!reference.isObject()) {
      return new Rejection(
          "input_reference",
          "invalid_type",
          "Invalid type for 'input_reference': expected an object.");
    }
    boolean hasImageUrl = reference.hasNonNull("image_url");
    boolean hasFileId = reference.hasNonNull("file_id");
    if (hasImageUrl == hasFileId || reference.size() != 1) {
      return new Rejection(
          "input_reference",
          "invalid_value",
          "input_reference must have exactly one of 'image_url' or 'file_id'.");
    }
    if (hasFileId) {
      return new Rejection(
          "input_reference.file_id", "invalid_value", "No such file: the fake has no Files API.");
    }
    JsonNode imageUrl = reference.get("image_url");
    if (!imageUrl.isTextual()) {
      return new Rejection(
          "input_reference.image_url",
          "invalid_type",
          "Invalid type for 'input_reference.image_url'.");
    }
    String url = imageUrl.asText();
    if (url.startsWith("https://") || url.startsWith("http://")) {
      return null; // The fake fetches nothing; a URL is taken on trust.
    }
    return checkDataUri(url, size == null ? "720x1280" : size.asText());
  }

  private static @Nullable Rejection checkDataUri(String url, String size) {
    String param = "input_reference.image_url";
    int comma = url.indexOf(',');
    if (!url.startsWith("data:") || comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
      return new Rejection(param, "invalid_value", "image_url must be a URL or a base64 data URL.");
    }
    String mediaType = url.substring("data:".length(), url.indexOf(';'));
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(url.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      return new Rejection(param, "invalid_value", "image_url is not valid base64.");
    }
    ImageInfo info;
    try {
      info = Images.probe(bytes);
    } catch (MediaException e) {
      return new Rejection(
          param,
          "invalid_image_format",
          "input_reference must be image/jpeg, image/png or image/webp.");
    }
    if (!info.format().mimeType().equals(mediaType)) {
      return new Rejection(
          param,
          "invalid_image_format",
          "The data URL says " + mediaType + " but holds " + info.format().mimeType() + ".");
    }
    if (!(info.width() + "x" + info.height()).equals(size)) {
      return new Rejection(
          param, "invalid_value", "Inpaint image must match the requested width and height");
    }
    return null;
  }

  private void retrieve(HttpExchange exchange, String id) throws IOException {
    retrieveCount.incrementAndGet();
    Failure scripted;
    synchronized (retrieveFailures) {
      scripted = retrieveFailures.poll();
    }
    if (scripted != null) {
      error(
          exchange,
          scripted.status(),
          typeOf(scripted.status()),
          null,
          scripted.code(),
          scripted.message());
      return;
    }
    FakeVideo video = videos.get(id);
    if (video == null) {
      notFound(exchange, id);
      return;
    }
    synchronized (video) {
      video.polls++;
      if (video.polls >= pollsToComplete && video.completedAt == null) {
        video.completedAt = clock.instant().getEpochSecond();
      }
    }
    respond(exchange, 200, videoJson(video));
  }

  private void content(HttpExchange exchange, String id) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(",", values)));
    contentRequestHeaders.add(headers);
    String variant = query(exchange, "variant");
    if (variant == null) {
      variant = "video";
    }
    if (!VARIANTS.contains(variant)) {
      error(
          exchange,
          400,
          "invalid_request_error",
          "variant",
          "invalid_value",
          "Invalid value for 'variant': '" + variant + "'.");
      return;
    }
    FakeVideo video = videos.get(id);
    if (video == null) {
      notFound(exchange, id);
      return;
    }
    if (video.completedAt == null || video.failure != null) {
      error(
          exchange,
          400,
          "invalid_request_error",
          null,
          "video_not_ready",
          "Video '" + id + "' has no content yet.");
      return;
    }
    if (resultsExpired.get()) {
      error(
          exchange,
          404,
          "invalid_request_error",
          null,
          "video_expired",
          "The content of video '" + id + "' has expired.");
      return;
    }
    if (!variant.equals("video")) {
      error(
          exchange,
          404,
          "invalid_request_error",
          "variant",
          null,
          "The fake renders no " + variant + ".");
      return;
    }
    byte[] mp4 = Files.readAllBytes(render(video));
    exchange.getResponseHeaders().set("Content-Type", "video/mp4");
    exchange.sendResponseHeaders(200, mp4.length);
    OutputStream out = exchange.getResponseBody();
    if (cutNextDownload.getAndSet(false)) {
      out.write(mp4, 0, mp4.length / 2);
      out.flush();
      // Closing with bytes missing makes the JDK server drop the connection mid-body.
      return;
    }
    out.write(mp4);
  }

  private void delete(HttpExchange exchange, String id) throws IOException {
    FakeVideo video = videos.remove(id);
    if (video == null) {
      notFound(exchange, id);
      return;
    }
    deletedIds.add(id);
    ObjectNode deleted = json.createObjectNode();
    deleted.put("id", id);
    deleted.put("object", "video.deleted");
    deleted.put("deleted", true);
    respond(exchange, 200, deleted);
  }

  private ObjectNode videoJson(FakeVideo video) {
    ObjectNode node = json.createObjectNode();
    int polls;
    Long completedAt;
    synchronized (video) {
      polls = video.polls;
      completedAt = video.completedAt;
    }
    String status =
        polls == 0
            ? "queued"
            : completedAt == null ? "in_progress" : video.failure != null ? "failed" : "completed";
    node.put("id", video.id);
    node.put("object", "video");
    node.put("model", video.model);
    node.put("status", status);
    node.put("progress", completedAt != null ? 100 : Math.min(99, 100 * polls / pollsToComplete));
    node.put("created_at", video.createdAt);
    if (completedAt != null && video.failure == null) {
      node.put("completed_at", completedAt);
      node.put(
          "expires_at",
          resultsExpired.get()
              ? clock.instant().getEpochSecond() - 1
              : completedAt + ASSET_LIFETIME_SECONDS);
    } else {
      node.putNull("completed_at");
      node.putNull("expires_at");
    }
    node.put("seconds", video.seconds);
    node.put("size", video.size);
    node.put("prompt", video.prompt);
    node.putNull("remixed_from_video_id");
    if (status.equals("failed")) {
      ObjectNode error = node.putObject("error");
      error.put("code", video.failure.code());
      error.put("message", video.failure.message());
    } else {
      node.putNull("error");
    }
    return node;
  }

  private Path render(FakeVideo video) {
    String key = video.size + "x" + video.seconds;
    return renders.computeIfAbsent(
        key,
        ignored -> {
          String[] dimensions = video.size.split("x");
          Path output = renderDirectory.resolve(key + ".mp4");
          new PrevizRenderer()
              .render(
                  new PrevizSpec(
                      Integer.parseInt(dimensions[0]),
                      Integer.parseInt(dimensions[1]),
                      Integer.parseInt(video.seconds),
                      FRAMES_PER_SECOND,
                      "fake openai",
                      1,
                      null),
                  output,
                  (done, total) -> {});
          return output;
        });
  }

  private void notFound(HttpExchange exchange, String id) throws IOException {
    error(
        exchange,
        404,
        "invalid_request_error",
        null,
        "video_not_found",
        "Video '" + id + "' not found.");
  }

  private void error(
      HttpExchange exchange,
      int status,
      String type,
      @Nullable String param,
      @Nullable String code,
      String message)
      throws IOException {
    ObjectNode body = json.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    respond(exchange, status, body);
  }

  private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static @Nullable String query(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        return equals < 0
            ? ""
            : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static String typeOf(int status) {
    return switch (status) {
      case 429 -> "requests";
      case 402 -> "insufficient_quota";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  private static @Nullable String defaultCode(int status) {
    return switch (status) {
      case 400 -> "invalid_value";
      case 401 -> "invalid_api_key";
      case 402 -> "insufficient_credits";
      case 403 -> "unsupported_country_region_territory";
      case 404 -> "not_found";
      case 410 -> "model_retired";
      case 422 -> "unprocessable_entity";
      case 429 -> "rate_limit_exceeded";
      default -> null;
    };
  }

  private static byte[] uuidBytes() {
    UUID uuid = UUID.randomUUID();
    return java.nio.ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }
}
