package dev.aivid.providers.seedance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A local Ark (BytePlus ModelArk, or Volcengine Ark when started for {@code cn-beijing}) that
 * enforces the Seedance task contract of providers.md §3: Bearer key, model ids of its region,
 * {@code content[]} types and roles, frame mode XOR reference mode, duration/ratio/resolution/seed
 * ranges, {@code framespersecond} 24, and Ark's {@code {"error":{code,message}}} envelope. Tasks
 * answer with unix-second timestamps, go {@code queued} → {@code running} → {@code succeeded}
 * over a configurable number of polls (default 2) and serve a real H.264 MP4 from a signed,
 * expiring URL that is never renewed. DELETE cancels a queued task, deletes the record of a
 * finished one, and refuses a running one.
 */
public final class FakeSeedanceServer implements AutoCloseable {
  public static final String API_KEY = "ark-fake-4f0c2a9e-seedance";
  public static final String ENDPOINT_ID = "ep-20260128120000-fakes";
  private static final String API_ROOT = "/api/v3";
  private static final String TASKS = API_ROOT + "/contents/generations/tasks";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ObjectMapper json = new ObjectMapper();
  private final SeedanceRegion region;
  private final InstantSource clock;
  private final Map<String, FakeTask> tasks = new ConcurrentHashMap<>();
  private final List<JsonNode> createRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger createCount = new AtomicInteger();
  private final AtomicInteger requestCount = new AtomicInteger();
  private final AtomicInteger downloadCount = new AtomicInteger();
  private final AtomicLong nextId = new AtomicLong(1);
  private final Deque<Integer> scriptedFailures = new ArrayDeque<>();
  private final Map<Integer, String> scriptedCodes = new HashMap<>();
  private final CountDownLatch hangRelease = new CountDownLatch(1);
  private final AtomicBoolean hangNextCreate = new AtomicBoolean();
  private final AtomicBoolean cutNextDownload = new AtomicBoolean();
  private volatile int pollsToComplete = 2;
  private volatile String @Nullable [] nextTaskFailure;
  private volatile boolean expireNextTask;
  private volatile long retryAfterSeconds = 1;
  private volatile int callbackCopies;
  private final CallbackSender callbacks = new CallbackSender();
  private final AtomicInteger queryCount = new AtomicInteger();

  private static final class FakeTask {
    final String id;
    final JsonNode request;
    final long createdAt;
    volatile long updatedAt;
    volatile String status = "queued";
    volatile int polls;
    volatile String @Nullable [] failure;
    volatile boolean expire;
    final String signature;
    volatile boolean urlExpired;

    FakeTask(String id, JsonNode request, long createdAt, String signature) {
      this.id = id;
      this.request = request;
      this.createdAt = createdAt;
      this.updatedAt = createdAt;
      this.signature = signature;
    }
  }

  private FakeSeedanceServer(SeedanceRegion region, InstantSource clock) throws IOException {
    this.region = region;
    this.clock = clock;
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "fake-seedance");
              thread.setDaemon(true);
              return thread;
            });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A BytePlus ModelArk fake (region ap-southeast, {@code dreamina-seedance-…} ids). */
  public static FakeSeedanceServer start() {
    return start(SeedanceRegion.AP_SOUTHEAST, InstantSource.system());
  }

  /** A Volcengine Ark fake (region cn-beijing, {@code doubao-seedance-…} ids). */
  public static FakeSeedanceServer startCn() {
    return start(SeedanceRegion.CN_BEIJING, InstantSource.system());
  }

  public static FakeSeedanceServer start(SeedanceRegion region, InstantSource clock) {
    try {
      return new FakeSeedanceServer(region, clock);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Seedance server", e);
    }
  }

  /** The API base, as a credential's {@code base_url}: {@code http://127.0.0.1:port/api/v3}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + API_ROOT;
  }

  public SeedanceRegion region() {
    return region;
  }

  /** A valid credential for this fake (its region named only for Volcengine, BytePlus being the default). */
  public ProviderCredential credential() {
    return credential(API_KEY);
  }

  public ProviderCredential credential(String apiKey) {
    Map<String, String> fields = new HashMap<>();
    fields.put("api_key", apiKey);
    fields.put("base_url", baseUrl());
    if (region == SeedanceRegion.CN_BEIJING) {
      fields.put("region", region.wireName());
    }
    return new ProviderCredential("seedance", fields);
  }

  public List<JsonNode> createRequests() {
    return List.copyOf(createRequests);
  }

  /** Creates received, rejected ones included. */
  public int createCount() {
    return createCount.get();
  }

  /** Every request that reached the fake, downloads included. */
  public int requestCount() {
    return requestCount.get();
  }

  public int downloadCount() {
    return downloadCount.get();
  }

  /** The task's status as the fake holds it (without counting a poll); null once deleted. */
  public @Nullable String taskStatus(String taskId) {
    FakeTask task = tasks.get(taskId);
    return task == null ? null : task.status;
  }

  /** The next {@code count} creates answer {@code httpStatus} with Ark's usual code for it. */
  public void failNextCreates(int count, int httpStatus) {
    failNextCreates(count, httpStatus, defaultCode(httpStatus));
  }

  /** The next {@code count} creates answer {@code httpStatus} with {@code code} (e.g. a moderation code). */
  public synchronized void failNextCreates(int count, int httpStatus, String code) {
    for (int i = 0; i < count; i++) {
      scriptedFailures.add(httpStatus);
    }
    scriptedCodes.put(httpStatus, code);
  }

  /** Retry-After sent with scripted 429s (default 1 s). */
  public void retryAfterSeconds(long seconds) {
    this.retryAfterSeconds = seconds;
  }

  /** The next create answers only when the fake closes: after the client has given up. */
  public void hangNextCreate() {
    hangNextCreate.set(true);
  }

  /** The next download declares its full Content-Length and closes after half the body. */
  public void cutNextDownload() {
    cutNextDownload.set(true);
  }

  /** Every result URL issued so far answers 403; Ark gives no fresh URL on a re-query. */
  public void expireResultUrls() {
    tasks.values().forEach(task -> task.urlExpired = true);
  }

  /** GETs a task needs before it succeeds (the first answers queued, the ones between running). */
  public void pollsToComplete(int polls) {
    if (polls < 1) {
      throw new IllegalArgumentException("polls must be at least 1");
    }
    this.pollsToComplete = polls;
  }

  /** The next created task ends {@code failed} with this error instead of succeeding. */
  public void failNextTask(String code, String message) {
    this.nextTaskFailure = new String[] {code, message};
  }

  /** The next created task ends {@code expired} (it ran past execution_expires_after). */
  public void expireNextTask() {
    this.expireNextTask = true;
  }

  /**
   * Tasks created with a {@code callback_url} from now on finish on their own right after the create
   * is answered, and the fake posts the finished task object to that URL (providers.md §3.2; the body
   * as a query returns it) {@code copies} times (0: off, the default).
   */
  public void callBackWhenDone(int copies) {
    callbackCopies = copies;
  }

  /** Every callback posted, with the receiver's answer. */
  public List<CallbackSender.Sent> sentCallbacks() {
    return callbacks.sent();
  }

  /** Task queries ({@code GET …/tasks/{id}}) received. */
  public int queryCount() {
    return queryCount.get();
  }

  @Override
  public void close() {
    hangRelease.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requestCount.incrementAndGet();
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.startsWith("/files/") && method.equals("GET")) {
        download(exchange, path.substring("/files/".length()));
        return;
      }
      if (!path.equals(TASKS) && !path.startsWith(TASKS + "/")) {
        error(exchange, 404, "NotFound", "no such API: " + method + " " + path);
        return;
      }
      boolean create = path.equals(TASKS) && method.equals("POST");
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (create) {
        createCount.incrementAndGet();
        recordCreate(body);
        if (hangNextCreate.compareAndSet(true, false)) {
          awaitRelease();
        }
        Integer failure = nextScriptedFailure();
        if (failure != null) {
          scriptedError(exchange, failure);
          return;
        }
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!("Bearer " + API_KEY).equals(authorization)) {
        error(
            exchange,
            401,
            "AuthenticationError",
            "the API key or AK/SK in the request is missing or invalid");
        return;
      }
      if (create) {
        create(exchange, body);
        return;
      }
      String id = path.substring(TASKS.length() + 1);
      switch (method) {
        case "GET" -> query(exchange, id);
        case "DELETE" -> delete(exchange, id);
        default -> error(exchange, 405, "MethodNotAllowed", method + " is not allowed here");
      }
    } catch (RuntimeException e) {
      error(exchange, 500, "InternalServiceError", "fake failure: " + e);
    }
  }

  private void recordCreate(byte[] body) {
    try {
      createRequests.add(json.readTree(body));
    } catch (IOException e) {
      createRequests.add(json.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8)));
    }
  }

  private void create(HttpExchange exchange, byte[] bytes) throws IOException {
    JsonNode body;
    try {
      body = json.readTree(bytes);
    } catch (IOException e) {
      error(exchange, 400, "InvalidParameter", "the request body is not valid JSON");
      return;
    }
    FakeSeedanceContract.Rejection rejection = FakeSeedanceContract.check(body, region, ENDPOINT_ID);
    if (rejection != null) {
      error(exchange, rejection.status(), rejection.code(), rejection.message());
      return;
    }
    String id = "cgt-20260128" + String.format("%06d", nextId.getAndIncrement());
    String signature = HexFormat.of().toHexDigits(id.hashCode() * 0x9E3779B97F4A7C15L);
    FakeTask task = new FakeTask(id, body, now(), signature);
    task.failure = nextTaskFailure;
    nextTaskFailure = null;
    task.expire = expireNextTask;
    expireNextTask = false;
    tasks.put(id, task);
    ObjectNode answer = json.createObjectNode().put("id", id);
    send(exchange, 200, answer);
    String callbackUrl = body.path("callback_url").asText(null);
    int copies = callbackCopies;
    if (callbackUrl != null && copies > 0) {
      executor.execute(() -> callBack(URI.create(callbackUrl), task, copies));
    }
  }

  private void callBack(URI url, FakeTask task, int copies) {
    byte[] payload;
    synchronized (this) {
      task.status = task.failure != null ? "failed" : "succeeded";
      task.updatedAt = now();
      try {
        payload = json.writeValueAsBytes(describe(task));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    for (int copy = 0; copy < copies; copy++) {
      callbacks.post(url, payload, Map.of());
    }
  }

  private void query(HttpExchange exchange, String id) throws IOException {
    queryCount.incrementAndGet();
    FakeTask task = tasks.get(id);
    if (task == null) {
      error(exchange, 404, "ResourceNotFound.Task", "the task " + id + " does not exist");
      return;
    }
    advance(task);
    send(exchange, 200, describe(task));
  }

  private synchronized void advance(FakeTask task) {
    if (!task.status.equals("queued") && !task.status.equals("running")) {
      return;
    }
    task.polls++;
    String next;
    if (task.polls >= pollsToComplete) {
      next = task.failure != null ? "failed" : task.expire ? "expired" : "succeeded";
    } else {
      next = task.polls == 1 ? "queued" : "running";
    }
    if (!next.equals(task.status)) {
      task.status = next;
      task.updatedAt = now();
    }
  }

  private ObjectNode describe(FakeTask task) {
    JsonNode request = task.request;
    String ratio = request.path("ratio").asText("16:9");
    String resolution = request.path("resolution").asText("720p");
    int duration = request.path("duration").asInt(5);
    ObjectNode answer = json.createObjectNode();
    answer.put("id", task.id);
    answer.put("model", request.path("model").asText());
    answer.put("status", task.status);
    if (task.status.equals("succeeded")) {
      String root = baseUrl().substring(0, baseUrl().length() - API_ROOT.length());
      String query = "?X-Tos-Expires=86400&X-Tos-Signature=" + task.signature;
      answer
          .putObject("content")
          .put("video_url", root + "/files/" + task.id + ".mp4" + query)
          .put("last_frame_url", root + "/files/" + task.id + "-last.png" + query);
      int[] size = FakeSeedanceVideos.size(resolution, ratio);
      long tokens = (long) size[0] * size[1] * 24 * duration / 1024;
      answer.putObject("usage").put("completion_tokens", tokens).put("total_tokens", tokens);
    } else {
      answer.putNull("content");
    }
    if (task.status.equals("failed") && task.failure != null) {
      answer.putObject("error").put("code", task.failure[0]).put("message", task.failure[1]);
    } else if (task.status.equals("expired")) {
      answer.putObject("error").put("code", "TaskExpired").put("message", "the task ran past execution_expires_after");
    } else {
      answer.putNull("error");
    }
    answer.put("created_at", task.createdAt);
    answer.put("updated_at", task.updatedAt);
    answer.put("seed", request.path("seed").asLong(-1) == -1 ? 12345 : request.path("seed").asLong());
    answer.put("resolution", resolution);
    answer.put("ratio", ratio.equals("adaptive") ? "16:9" : ratio);
    answer.put("duration", duration);
    answer.put("framespersecond", 24);
    answer.put("service_tier", request.path("service_tier").asText("default"));
    answer.put("execution_expires_after", request.path("execution_expires_after").asLong(172_800));
    answer.put("generate_audio", request.path("generate_audio").asBoolean(false));
    answer.put("draft", false);
    return answer;
  }

  private synchronized void delete(HttpExchange exchange, String id) throws IOException {
    FakeTask task = tasks.get(id);
    if (task == null) {
      error(exchange, 404, "ResourceNotFound.Task", "the task " + id + " does not exist");
      return;
    }
    switch (task.status) {
      case "queued" -> {
        task.status = "cancelled";
        task.updatedAt = now();
      }
      case "running" -> {
        // UNVERIFIED: Ark's exact status and code for this refusal are not in the stored sources.
        error(exchange, 400, "InvalidAction.TaskRunning", "a running task cannot be cancelled");
        return;
      }
      default -> tasks.remove(id);
    }
    send(exchange, 200, json.createObjectNode());
  }

  private void download(HttpExchange exchange, String file) throws IOException {
    downloadCount.incrementAndGet();
    String signature = queryParameter(exchange, "X-Tos-Signature");
    FakeTask task = file.endsWith(".mp4") ? tasks.get(file.substring(0, file.length() - 4)) : null;
    if (task == null || !task.status.equals("succeeded") || !task.signature.equals(signature)) {
      storageError(exchange, 404, "NoSuchKey", "The specified key does not exist.");
      return;
    }
    if (task.urlExpired) {
      storageError(exchange, 403, "AccessDenied", "Request has expired");
      return;
    }
    int[] size = FakeSeedanceVideos.size(
        task.request.path("resolution").asText("720p"), task.request.path("ratio").asText("16:9"));
    byte[] video =
        Files.readAllBytes(FakeSeedanceVideos.video(size[0], size[1], task.request.path("duration").asInt(5)));
    exchange.getResponseHeaders().set("Content-Type", "video/mp4");
    exchange.sendResponseHeaders(200, video.length);
    OutputStream out = exchange.getResponseBody();
    if (cutNextDownload.compareAndSet(true, false)) {
      out.write(video, 0, video.length / 2);
      out.flush();
      // Leaving the handler by an exception, short of the declared length, makes the JDK server
      // drop the connection mid-body (closing the stream ourselves would leave it open).
      throw new IOException("download cut on purpose");
    }
    out.write(video);
  }

  private static String queryParameter(HttpExchange exchange, String name) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return "";
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith(name + "=")) {
        return pair.substring(name.length() + 1);
      }
    }
    return "";
  }

  private synchronized @Nullable Integer nextScriptedFailure() {
    return scriptedFailures.pollFirst();
  }

  private void scriptedError(HttpExchange exchange, int status) throws IOException {
    String code;
    synchronized (this) {
      code = scriptedCodes.getOrDefault(status, defaultCode(status));
    }
    if (status == 429) {
      exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
    }
    error(exchange, status, code, "scripted failure " + status + " " + code);
  }

  private static String defaultCode(int status) {
    return switch (status) {
      case 400 -> "InvalidParameter";
      case 401 -> "AuthenticationError";
      case 403 -> "AccessDenied";
      case 404 -> "InvalidEndpointOrModel.NotFound";
      case 429 -> "RateLimitExceeded.EndpointRPMExceeded";
      case 500 -> "InternalServiceError";
      case 503 -> "ServiceUnavailable";
      default -> "Error" + status;
    };
  }

  private void awaitRelease() {
    try {
      hangRelease.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
    ObjectNode body = json.createObjectNode();
    body.putObject("error").put("code", code).put("message", message).put("param", "").put("type", typeOf(status));
    send(exchange, status, body);
  }

  private static String typeOf(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 429 -> "TooManyRequests";
      default -> status >= 500 ? "InternalServerError" : "Error";
    };
  }

  private static void storageError(HttpExchange exchange, int status, String code, String message) throws IOException {
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("X-Client-Request-Id", "fake-" + requestCount.get());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
