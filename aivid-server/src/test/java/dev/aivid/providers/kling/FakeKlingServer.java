package dev.aivid.providers.kling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.support.CallbackSender;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A local Kling that speaks both of its API designs over real HTTP and enforces their contract
 * (providers.md §2): the JWT's HS256 signature, {@code iss}, {@code exp} and {@code nbf} against
 * its own clock; the API key; fields, enums and ranges; the status vocabularies ({@code succeed} vs
 * {@code succeeded}); millisecond timestamps; the {@code {code, message, request_id, data}}
 * envelope and the §2.6 error codes. Results are real H.264 MP4s at the size the request implies. A
 * task finishes after a configurable number of queries (default 2).
 */
public final class FakeKlingServer implements AutoCloseable {
  public static final String ACCESS_KEY = "fake-access-key";
  public static final String SECRET_KEY = "fake-secret-key-for-hs256";
  public static final String API_KEY = "fake-kling-api-key";

  private static final Pattern LEGACY_CREATE =
      Pattern.compile("/v1/videos/(text2video|image2video|multi-image2video|video-extend)");
  private static final Pattern LEGACY_QUERY =
      Pattern.compile("/v1/videos/(text2video|image2video|multi-image2video|video-extend)/([^/]+)");
  private static final Pattern PATH_MODEL_CREATE =
      Pattern.compile("/(text-to-video|image-to-video)/([^/]+)");
  private static final Pattern RESULT = Pattern.compile("/results/([0-9a-f-]+)\\.mp4");
  private static final int MAX_QUERY_IDS = 20;

  private volatile int wrongSeconds;
  private final ObjectMapper json = new ObjectMapper();
  private final InstantSource clock;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Map<String, FakeTask> tasks = new ConcurrentHashMap<>();
  private final Map<String, FakeTask> videos = new ConcurrentHashMap<>();
  private final Map<String, FakeTask> resultTokens = new ConcurrentHashMap<>();
  private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();
  private final Set<String> externalTaskIds = ConcurrentHashMap.newKeySet();
  private final List<JsonNode> createRequests = new CopyOnWriteArrayList<>();
  private final List<String> createPaths = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicLong nextTaskId = new AtomicLong(860_000_000_000_000_001L);
  private final AtomicInteger queries = new AtomicInteger();
  private final AtomicInteger downloads = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicBoolean hangNextCreate = new AtomicBoolean();
  private final AtomicBoolean cutNextDownload = new AtomicBoolean();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile int failureStatus;
  private volatile int failureCode;
  private volatile int pollsToComplete = 2;
  private volatile @Nullable String failNextTasksWith;
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicReference<@Nullable String> failOneTaskWith =
      new java.util.concurrent.atomic.AtomicReference<>();
  private volatile boolean reissueExpiredUrls;
  private volatile boolean looksFromPrompts;
  private volatile @Nullable String refusedPrompt;
  private final AtomicInteger refusedPromptLeft = new AtomicInteger();
  private final Map<String, String> looks = new ConcurrentHashMap<>();
  private volatile int callbackCopies;
  private final CallbackSender callbacks = new CallbackSender();

  private FakeKlingServer(InstantSource clock) throws IOException {
    this.clock = clock;
    this.executor =
        Executors.newFixedThreadPool(
            8,
            runnable -> {
              Thread thread = new Thread(runnable, "fake-kling");
              thread.setDaemon(true);
              return thread;
            });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A fake on the system clock, as an adapter in production would sign with. */
  public static FakeKlingServer start() {
    return start(InstantSource.system());
  }

  /** A fake whose token checks use {@code clock}: move it to expire or pre-date tokens. */
  public static FakeKlingServer start(InstantSource clock) {
    try {
      return new FakeKlingServer(clock);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Kling server", e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Access key and secret key (the legacy API, JWT per request), pointing at this fake. */
  public ProviderCredential credential() {
    return new ProviderCredential(
        "kling", Map.of("access_key", ACCESS_KEY, "secret_key", SECRET_KEY, "base_url", baseUrl()));
  }

  /** An API key (the path-model API), pointing at this fake. */
  public ProviderCredential apiKeyCredential() {
    return new ProviderCredential("kling", Map.of("api_key", API_KEY, "base_url", baseUrl()));
  }

  /** The id of the task that generated the video, or null for an unknown video id. */
  public @Nullable String taskOfVideo(String videoId) {
    FakeTask task = videos.get(videoId);
    return task == null ? null : task.id;
  }

  /** Every create body received (text2video, …, video-extend, text-to-video…), faulted ones too. */
  public List<JsonNode> createRequests() {
    return List.copyOf(createRequests);
  }

  /** The path of each create, in the order of {@link #createRequests()}. */
  public List<String> createPaths() {
    return List.copyOf(createPaths);
  }

  public int createCount() {
    return createRequests.size();
  }

  public int queryCount() {
    return queries.get();
  }

  public int downloadCount() {
    return downloads.get();
  }

  /** Every Authorization header received, in order. */
  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /**
   * The next {@code count} creates answer {@code httpStatus} with its usual Kling code (429 → 1303
   * with {@code Retry-After: 1}, 500 → 5000, 503 → 5001, 504 → 5002, 401 → 1002, 403 → 1103, 404 →
   * 1203, other 4xx → 1201).
   */
  public void failNextCreates(int count, int httpStatus) {
    failNextCreates(count, httpStatus, defaultCode(httpStatus));
  }

  /** The next {@code count} creates answer {@code httpStatus} with Kling code {@code code}. */
  public void failNextCreates(int count, int httpStatus, int code) {
    failureStatus = httpStatus;
    failureCode = code;
    failuresLeft.set(count);
  }

  /**
   * The next {@code count} creates whose prompt is {@code prompt} answer 503 (Kling 5001), whatever
   * else is created meanwhile: a fault aimed at one render among concurrent ones.
   */
  public void refuseCreatesOf(String prompt, int count) {
    refusedPrompt = prompt;
    refusedPromptLeft.set(count);
  }

  /** The next create is held until {@link #close()}: the client times out first. */
  public void hangNextCreate() {
    hangNextCreate.set(true);
  }

  /** The next download declares its full Content-Length, sends half and closes the connection. */
  public void cutNextDownload() {
    cutNextDownload.set(true);
  }

  /** Every result URL handed out so far answers 403 from now on, like an expired signed URL. */
  public void expireResultUrls() {
    expiredTokens.addAll(resultTokens.keySet());
  }

  /** A query of a task whose URL expired hands out a freshly signed one (Kling: UNVERIFIED). */
  public void reissueExpiredUrls() {
    reissueExpiredUrls = true;
  }

  /**
   * Tasks created with a {@code callback_url} from now on finish on their own right after the create
   * is answered, and the fake posts the finished task to that URL, as Kling's callback protocol does
   * (providers.md §2.4: the task as a query returns it), {@code copies} times (0: off, the default).
   */
  public void callBackWhenDone(int copies) {
    callbackCopies = copies;
  }

  /** Every callback posted, with the receiver's answer. */
  public List<CallbackSender.Sent> sentCallbacks() {
    return callbacks.sent();
  }

  /** How many queries a task takes to finish (it is {@code processing} before). */
  public void completeAfterPolls(int polls) {
    if (polls < 1) {
      throw new IllegalArgumentException("a task needs at least one query to finish");
    }
    pollsToComplete = polls;
  }

  /** Tasks created from now on end {@code failed} with this task_status_msg. */
  /**
   * The most tasks this server had in flight at once: a task is in flight from its creation until
   * a query first reports it finished (succeeded or failed).
   */
  public int maxInFlight() {
    return maxInFlight.get();
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** Starts a new measurement of {@link #maxInFlight()} from the tasks in flight now. */
  public void resetMaxInFlight() {
    maxInFlight.set(inFlight.get());
  }

  /** Only the next task created fails (with {@code message}); later ones succeed. */
  public void failOneTask(String message) {
    failOneTaskWith.set(message);
  }

  public void failNextTasks(String message) {
    failNextTasksWith = message;
  }

  /**
   * From now on each result looks like its prompt (backdrop seeded by it, its words burnt in), and an
   * extension like the video it extends, so the shots of a cut can be told apart. Off by default:
   * one render per size and length then serves every test.
   */
  public void looksFromPrompts() {
    looksFromPrompts = true;
  }

  /** From now on every result lasts {@code seconds}, whatever was ordered (0: as ordered). */
  public void deliverWrongDuration(int seconds) {
    wrongSeconds = seconds;
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    try {
      route(exchange);
    } catch (FakeKlingContract.Rejection rejection) {
      answerQuietly(exchange, rejection.httpStatus, rejection.code, rejection.getMessage());
    } catch (IOException gone) {
      // The client went away (a timeout test); nothing left to answer.
    } catch (RuntimeException bug) {
      // A bug in the fake must fail the test loudly, not pass as a provider outage.
      answerQuietly(exchange, 500, 5000, "fake Kling bug: " + bug);
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Matcher matcher;
    if (method.equals("GET") && (matcher = RESULT.matcher(path)).matches()) {
      download(exchange, matcher.group(1));
    } else if (method.equals("POST") && (matcher = LEGACY_CREATE.matcher(path)).matches()) {
      create(exchange, KlingStyle.LEGACY, matcher.group(1), null);
    } else if (method.equals("GET") && (matcher = LEGACY_QUERY.matcher(path)).matches()) {
      legacyQuery(exchange, matcher.group(1), matcher.group(2));
    } else if (method.equals("POST") && (matcher = PATH_MODEL_CREATE.matcher(path)).matches()) {
      create(exchange, KlingStyle.PATH_MODEL, matcher.group(1), matcher.group(2));
    } else if (method.equals("GET") && path.equals("/tasks")) {
      pathModelQuery(exchange);
    } else {
      error(exchange, 404, 1202, "invalid request method or path");
    }
  }

  private void answerQuietly(HttpExchange exchange, int status, int code, String message) {
    try {
      error(exchange, status, code, message);
    } catch (IOException | RuntimeException gone) {
      // Headers already sent, or the client left.
    }
  }

  private enum KlingStyle {
    LEGACY,
    PATH_MODEL
  }

  private void create(
      HttpExchange exchange, KlingStyle style, String product, @Nullable String model)
      throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    JsonNode body;
    try {
      body = json.readTree(raw);
    } catch (IOException e) {
      body = null;
    }
    createRequests.add(body == null ? NullNode.getInstance() : body);
    createPaths.add(exchange.getRequestURI().getPath());
    authenticate(exchange, style);
    if (hangNextCreate.getAndSet(false)) {
      awaitRelease();
    }
    if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      error(exchange, failureStatus, failureCode, messageFor(failureCode));
      return;
    }
    String refused = refusedPrompt;
    if (refused != null
        && body != null
        && refused.equals(body.path("prompt").asText(null))
        && refusedPromptLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      error(exchange, 503, defaultCode(503), messageFor(defaultCode(503)));
      return;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null || !contentType.startsWith("application/json") || body == null) {
      throw new FakeKlingContract.Rejection(
          400, 1200, "the body must be JSON (Content-Type: application/json)");
    }
    FakeTask task;
    if (style == KlingStyle.PATH_MODEL) {
      FakeKlingContract.Spec spec = FakeKlingContract.pathModelCreate(product, model, body);
      task = newTask("task", spec, null);
    } else if (product.equals("video-extend")) {
      String videoId = FakeKlingContract.extendVideoId(body);
      FakeTask source = videos.get(videoId);
      if (source == null) {
        // The generated video's id, not the task id (§2.2); Kling answers 1201 for an unknown id.
        throw FakeKlingContract.invalid("video not found by video_id " + videoId);
      }
      FakeKlingContract.Spec spec =
          new FakeKlingContract.Spec(
              source.spec.width(), source.spec.height(), source.spec.seconds() + 5, null);
      task = newTask(product, spec, source);
      looks.put(task.id, looks.getOrDefault(source.id, ""));
    } else {
      FakeKlingContract.Spec spec = FakeKlingContract.legacyCreate(product, body);
      task = newTask(product, spec, null);
      looks.put(task.id, body.path("prompt").asText(""));
    }
    ObjectNode data = json.createObjectNode();
    if (style == KlingStyle.PATH_MODEL) {
      data.put("id", task.id);
      data.put("status", "submitted");
      data.put("create_time", task.createdMillis);
      data.put("update_time", task.createdMillis);
      if (task.spec.externalTaskId() != null) {
        data.put("external_id", task.spec.externalTaskId());
      }
    } else {
      data.put("task_id", task.id);
      data.put("task_status", "submitted");
      ObjectNode info = data.putObject("task_info");
      if (task.spec.externalTaskId() != null) {
        info.put("external_task_id", task.spec.externalTaskId());
      }
      data.put("created_at", task.createdMillis);
      data.put("updated_at", task.createdMillis);
    }
    success(exchange, data);
    String callbackUrl =
        style == KlingStyle.PATH_MODEL
            ? body.path("options").path("callback_url").asText(null)
            : body.path("callback_url").asText(null);
    int copies = callbackCopies;
    if (callbackUrl != null && copies > 0) {
      FakeTask finished = task;
      executor.execute(() -> callBack(URI.create(callbackUrl), finished, style, copies));
    }
  }

  private void callBack(URI url, FakeTask task, KlingStyle style, int copies) {
    FakeTask.Snapshot snapshot = task.finishNow(clock.millis());
    ObjectNode body = style == KlingStyle.PATH_MODEL ? pathModelTask(snapshot) : legacyTask(snapshot);
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    for (int copy = 0; copy < copies; copy++) {
      callbacks.post(url, payload, Map.of());
    }
  }

  private FakeTask newTask(String kind, FakeKlingContract.Spec spec, @Nullable FakeTask parent) {
    String external = spec.externalTaskId();
    if (external != null && !externalTaskIds.add(external)) {
      throw FakeKlingContract.invalid("external_task_id " + external + " already exists");
    }
    FakeTask task =
        new FakeTask(
            Long.toString(nextTaskId.getAndIncrement()),
            kind,
            spec,
            clock.millis(),
            failNextTasksWith != null ? failNextTasksWith : failOneTaskWith.getAndSet(null),
            parent);
    tasks.put(task.id, task);
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    return task;
  }

  private FakeTask.Snapshot observed(FakeTask.Snapshot snapshot) {
    if (snapshot.endedNow()) {
      inFlight.decrementAndGet();
    }
    return snapshot;
  }

  private void legacyQuery(HttpExchange exchange, String kind, String taskId) throws IOException {
    authenticate(exchange, KlingStyle.LEGACY);
    queries.incrementAndGet();
    FakeTask task = tasks.get(taskId);
    if (task == null || !task.kind.equals(kind)) {
      // [3P] (providers.md §2 sources): legacy not-found is 1201 "Task not found by id/external
      // id".
      throw FakeKlingContract.invalid("Task not found by id/external id");
    }
    success(exchange, legacyTask(observed(task.advance(pollsToComplete, clock.millis()))));
  }

  private void pathModelQuery(HttpExchange exchange) throws IOException {
    authenticate(exchange, KlingStyle.PATH_MODEL);
    queries.incrementAndGet();
    Map<String, String> parameters = parameters(exchange.getRequestURI().getRawQuery());
    boolean byId = parameters.containsKey("task_ids");
    boolean byExternal = parameters.containsKey("external_task_ids");
    if (byId == byExternal) {
      throw FakeKlingContract.invalid("give exactly one of task_ids and external_task_ids");
    }
    String[] ids = parameters.get(byId ? "task_ids" : "external_task_ids").split(",");
    if (ids.length > MAX_QUERY_IDS) {
      throw FakeKlingContract.invalid("at most " + MAX_QUERY_IDS + " ids per query");
    }
    ArrayNode data = json.createArrayNode();
    for (String id : ids) {
      for (FakeTask task : tasks.values()) {
        boolean match = byId ? task.id.equals(id) : id.equals(task.spec.externalTaskId());
        if (match) {
          data.add(pathModelTask(observed(task.advance(pollsToComplete, clock.millis()))));
        }
      }
    }
    // An unknown id is simply absent: 200 with an empty list ([3P]).
    success(exchange, data);
  }

  private ObjectNode legacyTask(FakeTask.Snapshot task) {
    ObjectNode data = json.createObjectNode();
    data.put("task_id", task.task().id);
    data.put("task_status", task.status().equals("succeeded") ? "succeed" : task.status());
    data.put("task_status_msg", task.message());
    ObjectNode info = data.putObject("task_info");
    if (task.task().spec.externalTaskId() != null) {
      info.put("external_task_id", task.task().spec.externalTaskId());
    }
    if (task.task().parent != null) {
      ObjectNode parent = info.putObject("parent_video");
      parent.put("id", task.task().parent.videoId);
      parent.put("url", url(task.task().parent));
      parent.put("duration", Integer.toString(task.task().parent.spec.seconds()));
    }
    data.put("created_at", task.task().createdMillis);
    data.put("updated_at", task.updatedMillis());
    if (task.status().equals("succeeded")) {
      data.put("final_unit_deduction", "1");
      ArrayNode videosNode = data.putObject("task_result").putArray("videos");
      ObjectNode video = videosNode.addObject();
      video.put("id", task.task().videoId);
      video.put("url", resultUrl(task.task()));
      video.put("duration", Integer.toString(task.task().spec.seconds()));
      videos.put(task.task().videoId, task.task());
    }
    return data;
  }

  private ObjectNode pathModelTask(FakeTask.Snapshot task) {
    ObjectNode data = json.createObjectNode();
    data.put("id", task.task().id);
    data.put("status", task.status());
    data.put("message", task.message());
    data.put("create_time", task.task().createdMillis);
    data.put("update_time", task.updatedMillis());
    if (task.task().spec.externalTaskId() != null) {
      data.put("external_id", task.task().spec.externalTaskId());
    }
    ArrayNode outputs = data.putArray("outputs");
    if (task.status().equals("succeeded")) {
      ObjectNode video = outputs.addObject();
      video.put("type", "video");
      video.put("id", task.task().videoId);
      video.put("url", resultUrl(task.task()));
      video.put("duration", Integer.toString(task.task().spec.seconds()));
      ObjectNode billing = data.putArray("billing").addObject();
      billing.put("charge_type", "unit");
      billing.put("amount", "1");
      billing.put("package_type", "video");
      videos.put(task.task().videoId, task.task());
    }
    return data;
  }

  /** The task's current result URL; an expired one is replaced only when re-signing is on. */
  private String resultUrl(FakeTask task) {
    synchronized (task) {
      if (task.resultToken == null
          || (reissueExpiredUrls && expiredTokens.contains(task.resultToken))) {
        task.resultToken = UUID.randomUUID().toString();
        resultTokens.put(task.resultToken, task);
      }
      return url(task);
    }
  }

  private String url(FakeTask task) {
    return baseUrl() + "/results/" + task.resultToken + ".mp4";
  }

  private void download(HttpExchange exchange, String token) throws IOException {
    downloads.incrementAndGet();
    FakeTask task = resultTokens.get(token);
    if (task == null) {
      send(
          exchange,
          404,
          "application/xml",
          "<Error><Code>NoSuchKey</Code></Error>".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (expiredTokens.contains(token)) {
      send(
          exchange,
          403,
          "application/xml",
          "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    int deliveredSeconds = wrongSeconds > 0 ? wrongSeconds : task.spec.seconds();
    byte[] video =
        FakeKlingVideos.mp4(
            task.spec.width(), task.spec.height(), deliveredSeconds, looksFromPrompts ? looks.getOrDefault(task.id, "") : "");
    exchange.getResponseHeaders().set("Content-Type", "video/mp4");
    exchange.sendResponseHeaders(200, video.length);
    OutputStream out = exchange.getResponseBody();
    if (cutNextDownload.getAndSet(false)) {
      out.write(video, 0, video.length / 2);
      out.flush();
      // Closing short of Content-Length makes the server drop the connection mid-body.
      return;
    }
    out.write(video);
  }

  /**
   * §2.1: the legacy API takes the JWT (HS256, iss = access key, exp/nbf checked against this
   * fake's clock) or the API key; the path-model API takes the API key only ([3P]: 1002 "does not
   * support AK/SK").
   */
  private void authenticate(HttpExchange exchange, KlingStyle style) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(header == null ? "" : header);
    if (header == null || header.isBlank()) {
      throw new FakeKlingContract.Rejection(401, 1001, "Authorization is empty");
    }
    if (!header.startsWith("Bearer ")) {
      throw new FakeKlingContract.Rejection(401, 1002, "Authorization is invalid");
    }
    String token = header.substring("Bearer ".length()).strip();
    if (token.equals(API_KEY)) {
      return;
    }
    if (style == KlingStyle.PATH_MODEL) {
      throw new FakeKlingContract.Rejection(
          401,
          1002,
          token.chars().filter(c -> c == '.').count() == 2
              ? "The current API does not support AK/SK"
              : "Authorization is invalid");
    }
    verifyJwt(token);
  }

  private void verifyJwt(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      throw new FakeKlingContract.Rejection(401, 1002, "Authorization is invalid");
    }
    JsonNode header = decodeJson(parts[0]);
    JsonNode payload = decodeJson(parts[1]);
    if (!header.path("alg").asText().equals("HS256")
        || !header.path("typ").asText().equals("JWT")) {
      throw new FakeKlingContract.Rejection(
          401, 1002, "Authorization is invalid: alg HS256, typ JWT expected");
    }
    byte[] expected = hmac(parts[0] + "." + parts[1]);
    byte[] actual;
    try {
      actual = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      actual = new byte[0];
    }
    if (!MessageDigest.isEqual(expected, actual)
        || !payload.path("iss").asText().equals(ACCESS_KEY)) {
      throw new FakeKlingContract.Rejection(401, 1002, "Authorization is invalid");
    }
    if (!payload.path("exp").canConvertToLong() || !payload.path("nbf").canConvertToLong()) {
      throw new FakeKlingContract.Rejection(
          401, 1002, "Authorization is invalid: exp and nbf are required");
    }
    long now = clock.instant().getEpochSecond();
    if (now < payload.path("nbf").asLong()) {
      throw new FakeKlingContract.Rejection(401, 1003, "Authorization is not yet valid");
    }
    if (now >= payload.path("exp").asLong()) {
      throw new FakeKlingContract.Rejection(401, 1004, "Authorization has expired");
    }
  }

  private JsonNode decodeJson(String part) {
    try {
      return json.readTree(Base64.getUrlDecoder().decode(part));
    } catch (IOException | IllegalArgumentException e) {
      throw new FakeKlingContract.Rejection(401, 1002, "Authorization is invalid");
    }
  }

  private static byte[] hmac(String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitRelease() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void success(HttpExchange exchange, JsonNode data) throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("code", 0);
    body.put("message", "SUCCEED");
    body.put("request_id", UUID.randomUUID().toString());
    body.set("data", data);
    send(exchange, 200, "application/json", json.writeValueAsBytes(body));
  }

  /** §2.6: {code, message, request_id}; a 429 says when to come back. */
  private void error(HttpExchange exchange, int status, int code, String message)
      throws IOException {
    ObjectNode body = json.createObjectNode();
    body.put("code", code);
    body.put("message", message);
    body.put("request_id", UUID.randomUUID().toString());
    if (status == 429) {
      exchange.getResponseHeaders().set("Retry-After", "1");
    }
    send(exchange, status, "application/json", json.writeValueAsBytes(body));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static int defaultCode(int httpStatus) {
    return switch (httpStatus) {
      case 401 -> 1002;
      case 403 -> 1103;
      case 404 -> 1203;
      case 429 -> 1303;
      case 500 -> 5000;
      case 503 -> 5001;
      case 504 -> 5002;
      default -> httpStatus >= 500 ? 5000 : 1201;
    };
  }

  /** The §2.6 meanings, worded as Kling's messages are. */
  static String messageFor(int code) {
    return switch (code) {
      case 1000 -> "Authorization failed";
      case 1001 -> "Authorization is empty";
      case 1002 -> "Authorization is invalid";
      case 1003 -> "Authorization is not yet valid";
      case 1004 -> "Authorization has expired";
      case 1100 -> "Account exception";
      case 1101 -> "Account in arrears";
      case 1102 -> "Resource pack depleted or expired";
      case 1103 -> "No permission for this API or model";
      case 1200 -> "Invalid request parameters";
      case 1201 -> "Invalid parameter value";
      case 1202 -> "Invalid request method";
      case 1203 -> "Requested resource not found";
      case 1300 -> "Triggered the platform policy";
      case 1301 -> "Triggered the content safety policy";
      case 1302 -> "Request rate too fast";
      case 1303 -> "parallel task over resource pack limit";
      case 1304 -> "Triggered the IP whitelist policy";
      case 5000 -> "Server internal error";
      case 5001 -> "Server temporarily unavailable (maintenance)";
      case 5002 -> "Server internal timeout (backlog)";
      default -> "error";
    };
  }

  private static Map<String, String> parameters(@Nullable String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        parameters.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  /**
   * One task and how far it has got; finished by queries, like a provider that works while polled.
   */
  private static final class FakeTask {
    final String id;
    final String kind;
    final FakeKlingContract.Spec spec;
    final long createdMillis;
    final @Nullable String failure;
    final @Nullable FakeTask parent;
    final String videoId = UUID.randomUUID().toString();
    int queries;
    long updatedMillis;
    @Nullable String resultToken;

    FakeTask(
        String id,
        String kind,
        FakeKlingContract.Spec spec,
        long createdMillis,
        @Nullable String failure,
        @Nullable FakeTask parent) {
      this.id = id;
      this.kind = kind;
      this.spec = spec;
      this.createdMillis = createdMillis;
      this.updatedMillis = createdMillis;
      this.failure = failure;
      this.parent = parent;
    }

    boolean ended;

    record Snapshot(FakeTask task, String status, String message, long updatedMillis, boolean endedNow) {}

    boolean finishedEarly;

    /** Finished without being queried (a task that calls back): later queries see it finished. */
    synchronized Snapshot finishNow(long nowMillis) {
      finishedEarly = true;
      updatedMillis = Math.max(nowMillis, createdMillis);
      String status = failure != null ? "failed" : "succeeded";
      // The in-flight count drops when a query observes the end (advance), not on the callback.
      return new Snapshot(this, status, failure != null ? failure : "", updatedMillis, false);
    }

    synchronized Snapshot advance(int pollsToComplete, long nowMillis) {
      queries++;
      String before = status(pollsToComplete, queries - 1);
      String after = status(pollsToComplete, queries);
      if (!before.equals(after)) {
        updatedMillis = Math.max(nowMillis, createdMillis);
      }
      String message = after.equals("failed") && failure != null ? failure : "";
      boolean endedNow = !ended && (after.equals("failed") || after.equals("succeeded"));
      ended |= endedNow;
      return new Snapshot(this, after, message, updatedMillis, endedNow);
    }

    private String status(int pollsToComplete, int seen) {
      if (finishedEarly || seen >= pollsToComplete) {
        return failure != null ? "failed" : "succeeded";
      }
      return seen == 0 ? "submitted" : "processing";
    }
  }

  @Override
  public String toString() {
    List<String> ids = new ArrayList<>(tasks.keySet());
    return "FakeKlingServer[" + baseUrl() + ", tasks=" + ids + "]";
  }
}
