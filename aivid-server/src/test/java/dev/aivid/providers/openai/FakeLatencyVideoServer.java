package dev.aivid.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aivid.media.previz.PrevizRenderer;
import dev.aivid.media.previz.PrevizSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenAI Videos wire format at scale: every render takes a fixed latency, any size and
 * duration is accepted, and the output is a tiny cached previz MP4 (4 fps). With {@code slots > 0}
 * it renders at most that many at once and queues the rest in arrival order, as providers do with
 * an account's concurrency limit; a render's clock starts when it gets a slot. It counts creates
 * and content downloads per prompt, so a test whose prompts are unique per job sees how often each
 * job was rendered. {@link FakeOpenAiServer} is the contract-enforcing fake; this one is for many
 * nodes and many jobs, served on virtual threads, and is also {@code ./aivid bench scale}'s
 * provider (aivid-bench uses this module's test jar).
 */
public final class FakeLatencyVideoServer implements AutoCloseable {
  public static final String API_KEY = "sk-fake-latency-0123456789abcdef";
  private static final int FRAMES_PER_SECOND = 4;

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final long latencyMillis;
  private final int slots;
  /** When each slot is free next, in epoch milliseconds. */
  private final PriorityQueue<Long> slotFreeMillis = new PriorityQueue<>();
  private final Path renderDirectory;
  private final Map<String, Render> renders = new ConcurrentHashMap<>();
  private final Map<String, Path> files = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> createsByPrompt = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> downloadsByPrompt = new ConcurrentHashMap<>();

  /** One render as the provider saw it, all times in epoch milliseconds. */
  public record Render(
      String prompt, String model, String seconds, String size, long createdMillis, long startedMillis, long doneMillis) {}

  private FakeLatencyVideoServer(long latencyMillis, int slots) throws IOException {
    this.latencyMillis = latencyMillis;
    this.slots = slots;
    for (int slot = 0; slot < slots; slot++) {
      slotFreeMillis.add(0L);
    }
    this.renderDirectory = Files.createTempDirectory("fake-latency-");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4_096);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeLatencyVideoServer start(long latencyMillis) {
    return start(latencyMillis, 0);
  }

  /** {@code slots} 0 renders everything at once. */
  public static FakeLatencyVideoServer start(long latencyMillis, int slots) {
    try {
      return new FakeLatencyVideoServer(latencyMillis, slots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public Map<String, String> credentialFields() {
    return Map.of("api_key", API_KEY, "base_url", baseUrl());
  }

  public List<Render> renders() {
    return List.copyOf(renders.values());
  }

  /** Forgets every render and count so far (after a warm-up, say). */
  public void forget() {
    renders.clear();
    createsByPrompt.clear();
    downloadsByPrompt.clear();
  }

  /** How many renders were created for each prompt. */
  public Map<String, Integer> createsByPrompt() {
    return snapshot(createsByPrompt);
  }

  /** How many times each prompt's output was downloaded. */
  public Map<String, Integer> downloadsByPrompt() {
    return snapshot(downloadsByPrompt);
  }

  private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
    Map<String, Integer> copy = new java.util.HashMap<>();
    counts.forEach((prompt, count) -> copy.put(prompt, count.get()));
    return Map.copyOf(copy);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    try (var listing = Files.list(renderDirectory)) {
      for (Path file : listing.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(renderDirectory);
    } catch (IOException ignored) {
      // A temp directory left behind is harmless.
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        respond(exchange, 401, error("Incorrect API key provided."));
        return;
      }
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String[] parts = path.substring(Math.min(path.length(), "/v1/videos".length())).split("/");
      if (!path.startsWith("/v1/videos")) {
        respond(exchange, 404, error("Invalid URL"));
      } else if (method.equals("POST") && parts.length <= 1) {
        create(exchange);
      } else if (method.equals("GET") && parts.length == 2) {
        retrieve(exchange, parts[1]);
      } else if (method.equals("GET") && parts.length == 3 && parts[2].equals("content")) {
        content(exchange, parts[1]);
      } else if (method.equals("DELETE") && parts.length == 2) {
        renders.remove(parts[1]);
        ObjectNode deleted = json.createObjectNode().put("id", parts[1]).put("deleted", true);
        respond(exchange, 200, deleted);
      } else {
        respond(exchange, 404, error("Invalid URL"));
      }
    }
  }

  private void create(HttpExchange exchange) throws IOException {
    JsonNode body = json.readTree(exchange.getRequestBody());
    byte[] random = new byte[16];
    ThreadLocalRandom.current().nextBytes(random);
    String id = "video_" + HexFormat.of().formatHex(random);
    long now = System.currentTimeMillis();
    long started = now;
    if (slots > 0) {
      synchronized (slotFreeMillis) {
        started = Math.max(now, slotFreeMillis.remove());
        slotFreeMillis.add(started + latencyMillis);
      }
    }
    Render render =
        new Render(
            body.path("prompt").asText(),
            body.path("model").asText(),
            body.path("seconds").asText("4"),
            body.path("size").asText("1280x720"),
            now,
            started,
            started + latencyMillis);
    renders.put(id, render);
    createsByPrompt.computeIfAbsent(render.prompt(), ignored -> new AtomicInteger()).incrementAndGet();
    respond(exchange, 200, video(id, render));
  }

  private void retrieve(HttpExchange exchange, String id) throws IOException {
    Render render = renders.get(id);
    if (render == null) {
      respond(exchange, 404, error("Video '" + id + "' not found."));
      return;
    }
    respond(exchange, 200, video(id, render));
  }

  private void content(HttpExchange exchange, String id) throws IOException {
    Render render = renders.get(id);
    if (render == null || !done(render)) {
      respond(exchange, 404, error("Video '" + id + "' has no content."));
      return;
    }
    downloadsByPrompt.computeIfAbsent(render.prompt(), ignored -> new AtomicInteger()).incrementAndGet();
    byte[] mp4 = Files.readAllBytes(file(render));
    exchange.getResponseHeaders().set("Content-Type", "video/mp4");
    exchange.sendResponseHeaders(200, mp4.length);
    exchange.getResponseBody().write(mp4);
  }

  private static boolean done(Render render) {
    return System.currentTimeMillis() >= render.doneMillis();
  }

  private ObjectNode video(String id, Render render) {
    long now = System.currentTimeMillis();
    boolean done = now >= render.doneMillis();
    boolean started = now >= render.startedMillis();
    ObjectNode node = json.createObjectNode();
    node.put("id", id);
    node.put("object", "video");
    node.put("model", render.model());
    node.put("status", done ? "completed" : started ? "in_progress" : "queued");
    node.put(
        "progress",
        done ? 100 : started ? (int) Math.min(99, 100 * (now - render.startedMillis()) / Math.max(1, latencyMillis)) : 0);
    node.put("seconds", render.seconds());
    node.put("size", render.size());
    node.putNull("error");
    return node;
  }

  private Path file(Render render) {
    String key = render.size() + "x" + render.seconds();
    return files.computeIfAbsent(
        key,
        ignored -> {
          String[] dimensions = render.size().split("x");
          Path output = renderDirectory.resolve(key + ".mp4");
          new PrevizRenderer()
              .render(
                  new PrevizSpec(
                      Integer.parseInt(dimensions[0]),
                      Integer.parseInt(dimensions[1]),
                      Integer.parseInt(render.seconds()),
                      FRAMES_PER_SECOND,
                      "fake latency",
                      1,
                      null),
                  output,
                  (done, total) -> {});
          return output;
        });
  }

  private ObjectNode error(String message) {
    ObjectNode body = json.createObjectNode();
    body.putObject("error").put("message", message).put("type", "invalid_request_error");
    return body;
  }

  private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
