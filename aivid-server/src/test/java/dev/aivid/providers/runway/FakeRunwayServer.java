package dev.aivid.providers.runway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aivid.media.previz.PrevizRenderer;
import dev.aivid.media.previz.PrevizSpec;
import dev.aivid.providers.ProviderCredential;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A Runway API on 127.0.0.1 that enforces the contract of research/providers.md §5: {@code
 * Authorization: Bearer} and {@code X-Runway-Version: 2024-11-06} on every API call, the Gen-4.5
 * create fields (model, promptText in UTF-16 units, ratio per endpoint, integer duration 2-10,
 * promptImage forms, seed range, no unknown keys), the task vocabulary with ISO-8601 {@code
 * createdAt}, {@code {"error": "…"}} bodies, and signed result URLs that expire.
 *
 * <p>A task answers PENDING (THROTTLED when scripted) on its first query, RUNNING with a progress
 * fraction until {@link #completeAfterPolls} queries have been answered, then SUCCEEDED (or the
 * scripted FAILED). Results are real H.264 MP4s rendered by the previz engine at the ratio's size
 * and the requested duration, cached per size and duration.
 *
 * <p>Choices where Runway's text is unknown: a missing or different {@code X-Runway-Version} is a
 * 400 with {@code "error": "Missing or unsupported X-Runway-Version header; supported:
 * 2024-11-06"}; an expired signed URL answers 403 and a purged result 404, as a CloudFront origin
 * does.
 */
public final class FakeRunwayServer implements AutoCloseable {
  public static final String API_KEY = "key_runway_fake_5f3c1e";
  public static final String VERSION = "2024-11-06";
  public static final int DEFAULT_RETRY_AFTER_SECONDS = 1;
  public static final int MAX_PROMPT_UTF16_UNITS = 1000;
  public static final long MAX_DATA_URI_CHARACTERS = 5_000_000;
  private static final int RENDER_FRAMES_PER_SECOND = 8;
  private static final Pattern TASK_PATH = Pattern.compile("/v1/tasks/([^/]+)");
  private static final Pattern RESULT_PATH = Pattern.compile("/results/([^/]+)/video\\.mp4");

  private final ObjectMapper json = new ObjectMapper();
  private final InstantSource clock;
  private final HttpServer server;
  private final ExecutorService executor;
  private final CountDownLatch hangRelease = new CountDownLatch(1);
  private final Path videoDirectory;
  private final PrevizRenderer renderer = new PrevizRenderer();
  private final Map<String, Path> videos = new ConcurrentHashMap<>();

  private final Object lock = new Object();
  private final Map<String, Task> tasks = new LinkedHashMap<>();
  private final Map<String, String> removedTasks = new HashMap<>();
  private final List<JsonNode> createRequests = new ArrayList<>();
  private final List<String> downloadAuthorizations = new ArrayList<>();
  private int createCount;
  private int downloadCount;
  private int failuresLeft;
  private int failureStatus;
  private int retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS;
  private boolean hangNextCreate;
  private boolean cutNextDownload;
  private boolean resultsPurged;
  private int issuedUrlsToExpire;
  private boolean throttleNextTask;
  private String @Nullable [] nextTaskFailure;
  private int pollsBeforeSuccess = 2;

  private FakeRunwayServer(InstantSource clock) throws IOException {
    this.clock = clock;
    this.videoDirectory = Files.createTempDirectory("fake-runway");
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeRunwayServer start() {
    return start(InstantSource.system());
  }

  public static FakeRunwayServer start(InstantSource clock) {
    try {
      return new FakeRunwayServer(clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A valid credential pointing at this server. */
  public ProviderCredential credential() {
    return credentialWithKey(API_KEY);
  }

  public ProviderCredential credentialWithKey(String apiKey) {
    return new ProviderCredential("runway", Map.of("api_key", apiKey, "base_url", baseUrl()));
  }

  /** Every create body received, scripted failures included, in order. */
  public List<JsonNode> createRequests() {
    synchronized (lock) {
      return List.copyOf(createRequests);
    }
  }

  public int createCount() {
    synchronized (lock) {
      return createCount;
    }
  }

  /** Result downloads attempted, whatever they answered. */
  public int downloadCount() {
    synchronized (lock) {
      return downloadCount;
    }
  }

  /** The Authorization header of each result download ("" when absent): the CDN needs none. */
  public List<String> downloadAuthorizations() {
    synchronized (lock) {
      return List.copyOf(downloadAuthorizations);
    }
  }

  /** The next {@code count} creates answer {@code httpStatus} (429 with Retry-After). */
  public void failNextCreates(int count, int httpStatus) {
    failNextCreates(count, httpStatus, DEFAULT_RETRY_AFTER_SECONDS);
  }

  public void failNextCreates(int count, int httpStatus, int retryAfterSeconds) {
    synchronized (lock) {
      this.failuresLeft = count;
      this.failureStatus = httpStatus;
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  /** The next create answers only after {@link #close()} (or {@link #releaseHungCreate()}). */
  public void hangNextCreate() {
    synchronized (lock) {
      hangNextCreate = true;
    }
  }

  public void releaseHungCreate() {
    hangRelease.countDown();
  }

  /** The next result download declares its full Content-Length, then closes mid-body. */
  public void cutNextDownload() {
    synchronized (lock) {
      cutNextDownload = true;
    }
  }

  /** Result URLs issued so far answer 403; the next task query issues a fresh signed URL. */
  public void expireResultUrls() {
    synchronized (lock) {
      tasks.values().forEach(task -> task.urlExpired = true);
    }
  }

  /**
   * The URLs the next {@code count} task queries issue are already expired when downloaded (403),
   * as when the 24-48 h run out between the query and the download; each later query issues a fresh
   * one.
   */
  public void expireNextIssuedResultUrls(int count) {
    synchronized (lock) {
      issuedUrlsToExpire = count;
    }
  }

  /** Every result URL, fresh or not, answers 404 from now on: the file is gone. */
  public void purgeResults() {
    synchronized (lock) {
      resultsPurged = true;
    }
  }

  /** How many task queries answer before the task finishes (default 2). */
  public void completeAfterPolls(int polls) {
    if (polls < 0) {
      throw new IllegalArgumentException("polls must be ≥ 0");
    }
    synchronized (lock) {
      pollsBeforeSuccess = polls;
    }
  }

  /** The next task created ends FAILED with this failureCode instead of SUCCEEDED. */
  public void failNextTask(String failureCode, String failure) {
    synchronized (lock) {
      nextTaskFailure = new String[] {failureCode, failure};
    }
  }

  /**
   * The next task created is queued behind the tier's concurrency: its first query says THROTTLED.
   */
  public void throttleNextTask() {
    synchronized (lock) {
      throttleNextTask = true;
    }
  }

  /**
   * The fake's own view of a task: its last reported status, {@code CANCELLED} or {@code DELETED}
   * after a DELETE, null when it never existed.
   */
  public @Nullable String taskState(String taskId) {
    synchronized (lock) {
      Task task = tasks.get(taskId);
      return task != null ? task.status : removedTasks.get(taskId);
    }
  }

  @Override
  public void close() {
    hangRelease.countDown();
    server.stop(0);
    executor.shutdownNow();
    try (Stream<Path> files = Files.walk(videoDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException ignored) {
      // A temp directory left behind is harmless in a test.
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      Matcher result = RESULT_PATH.matcher(path);
      if (result.matches()) {
        download(exchange, result.group(1));
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!authorized(exchange)) {
        return;
      }
      String method = exchange.getRequestMethod();
      if (path.equals("/v1/image_to_video") || path.equals("/v1/text_to_video")) {
        if (!method.equals("POST")) {
          error(exchange, 405, "Method not allowed");
          return;
        }
        create(exchange, path.substring("/v1/".length()), body);
        return;
      }
      Matcher task = TASK_PATH.matcher(path);
      if (task.matches()) {
        switch (method) {
          case "GET" -> query(exchange, task.group(1));
          case "DELETE" -> delete(exchange, task.group(1));
          default -> error(exchange, 405, "Method not allowed");
        }
        return;
      }
      error(exchange, 404, "Not found");
    } catch (IOException e) {
      // The client went away (a timeout, a cut download): nothing to answer.
    }
  }

  private boolean authorized(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization == null || !authorization.equals("Bearer " + API_KEY)) {
      error(
          exchange, 401, "Invalid API key. Check the Authorization header: Bearer <your API key>.");
      return false;
    }
    String version = exchange.getRequestHeaders().getFirst("X-Runway-Version");
    if (!VERSION.equals(version)) {
      error(exchange, 400, "Missing or unsupported X-Runway-Version header; supported: " + VERSION);
      return false;
    }
    return true;
  }

  private void create(HttpExchange exchange, String endpoint, byte[] bytes) throws IOException {
    JsonNode body;
    try {
      body = json.readTree(bytes);
    } catch (IOException e) {
      body = null;
    }
    boolean hang;
    int status;
    int retryAfter;
    synchronized (lock) {
      createCount++;
      if (body != null) {
        createRequests.add(body);
      }
      hang = hangNextCreate;
      hangNextCreate = false;
      status = failuresLeft > 0 ? failureStatus : 0;
      if (failuresLeft > 0) {
        failuresLeft--;
      }
      retryAfter = retryAfterSeconds;
    }
    if (hang) {
      try {
        hangRelease.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (status != 0) {
      if (status == 429) {
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(retryAfter));
      }
      error(exchange, status, scriptedMessage(status));
      return;
    }
    if (body == null || !body.isObject()) {
      error(exchange, 400, "Request body must be a JSON object");
      return;
    }
    String problem = FakeRunwayValidation.problem(endpoint, (ObjectNode) body);
    if (problem != null) {
      error(exchange, 400, problem);
      return;
    }
    String ratio = body.get("ratio").asText();
    Task task =
        new Task(
            UUID.randomUUID().toString(),
            Integer.parseInt(ratio.substring(0, ratio.indexOf(':'))),
            Integer.parseInt(ratio.substring(ratio.indexOf(':') + 1)),
            body.get("duration").asInt(),
            DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    synchronized (lock) {
      task.throttled = throttleNextTask;
      throttleNextTask = false;
      task.failure = nextTaskFailure;
      nextTaskFailure = null;
      tasks.put(task.id, task);
    }
    ObjectNode answer = json.createObjectNode().put("id", task.id);
    send(exchange, 200, json.writeValueAsBytes(answer));
  }

  private void query(HttpExchange exchange, String taskId) throws IOException {
    ObjectNode answer = json.createObjectNode();
    synchronized (lock) {
      Task task = tasks.get(taskId);
      if (task == null) {
        error(exchange, 404, "Task not found");
        return;
      }
      task.polls++;
      if (task.polls > pollsBeforeSuccess && !isTerminal(task.status)) {
        task.status = task.failure != null ? "FAILED" : "SUCCEEDED";
      } else if (!isTerminal(task.status)) {
        task.status = task.polls == 1 ? (task.throttled ? "THROTTLED" : "PENDING") : "RUNNING";
      }
      answer.put("id", task.id).put("status", task.status).put("createdAt", task.createdAt);
      switch (task.status) {
        case "RUNNING" -> answer.put("progress", (task.polls - 1) / (double) pollsBeforeSuccess);
        case "FAILED" -> answer.put("failure", task.failure[1]).put("failureCode", task.failure[0]);
        case "SUCCEEDED" -> {
          if (task.urlExpired) {
            task.token = UUID.randomUUID().toString().replace("-", "");
            task.urlExpired = false;
          }
          ArrayNode output = answer.putArray("output");
          output.add(baseUrl() + "/results/" + task.id + "/video.mp4?_jwt=" + task.token);
          if (issuedUrlsToExpire > 0) {
            issuedUrlsToExpire--;
            task.urlExpired = true;
          }
        }
        default -> {}
      }
    }
    send(exchange, 200, json.writeValueAsBytes(answer));
  }

  private void delete(HttpExchange exchange, String taskId) throws IOException {
    synchronized (lock) {
      Task task = tasks.remove(taskId);
      if (task == null) {
        error(exchange, 404, "Task not found");
        return;
      }
      // Pending, throttled and running tasks are cancelled, others deleted; neither can be fetched
      // again.
      removedTasks.put(taskId, isTerminal(task.status) ? "DELETED" : "CANCELLED");
    }
    exchange.sendResponseHeaders(204, -1);
  }

  private void download(HttpExchange exchange, String taskId) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    Task task;
    boolean cut;
    synchronized (lock) {
      downloadCount++;
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      downloadAuthorizations.add(authorization == null ? "" : authorization);
      task = tasks.get(taskId);
      if (task == null || resultsPurged || !"SUCCEEDED".equals(task.status)) {
        sendText(exchange, 404, "<Error><Code>NoSuchKey</Code></Error>");
        return;
      }
      if (task.urlExpired || query == null || !query.equals("_jwt=" + task.token)) {
        sendText(
            exchange,
            403,
            "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
        return;
      }
      cut = cutNextDownload;
      cutNextDownload = false;
    }
    byte[] video = Files.readAllBytes(video(task.width, task.height, task.seconds));
    exchange.getResponseHeaders().set("Content-Type", "video/mp4");
    exchange.sendResponseHeaders(200, video.length);
    OutputStream out = exchange.getResponseBody();
    if (cut) {
      out.write(video, 0, video.length / 2);
      out.flush();
      // Closing the exchange short of its Content-Length drops the connection mid-body.
      return;
    }
    out.write(video);
  }

  private Path video(int width, int height, int seconds) {
    return videos.computeIfAbsent(
        width + "x" + height + "@" + seconds,
        key -> {
          Path file = videoDirectory.resolve(key + ".mp4");
          renderer.render(
              new PrevizSpec(
                  width, height, seconds, RENDER_FRAMES_PER_SECOND, "fake runway", 7, null),
              file,
              (done, total) -> {});
          return file;
        });
  }

  private static boolean isTerminal(String status) {
    return status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED");
  }

  private static String scriptedMessage(int status) {
    return switch (status) {
      case 400 -> "Invalid request";
      case 401 -> "Invalid API key";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      case 429 -> "Too many requests. Please retry later.";
      case 502, 503, 504 -> "Service temporarily unavailable";
      default -> "Error " + status;
    };
  }

  private void error(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, json.writeValueAsBytes(json.createObjectNode().put("error", message)));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static void sendText(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static final class Task {
    final String id;
    final int width;
    final int height;
    final int seconds;
    final String createdAt;
    int polls;
    String status = "PENDING";
    String token = UUID.randomUUID().toString().replace("-", "");
    boolean urlExpired;
    boolean throttled;
    String @Nullable [] failure;

    Task(String id, int width, int height, int seconds, String createdAt) {
      this.id = id;
      this.width = width;
      this.height = height;
      this.seconds = seconds;
      this.createdAt = createdAt;
    }
  }
}
