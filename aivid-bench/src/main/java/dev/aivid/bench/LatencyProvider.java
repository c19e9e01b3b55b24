package dev.aivid.bench;

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

/**
 * A provider speaking the OpenAI Videos wire format whose every render takes a fixed latency, the
 * bench's stand-in for a remote model. With {@code slots > 0} it renders at most that many at once
 * and queues the rest in arrival order, as providers do with an account's concurrency limit; a
 * render's clock starts when it gets a slot. Outputs are a tiny cached previz MP4 (4 fps).
 */
final class LatencyProvider implements AutoCloseable {
  static final String API_KEY = "sk-bench-latency-0123456789abcdef";
  private static final int FRAMES_PER_SECOND = 4;

  /** One render as the provider saw it, all times in epoch milliseconds. */
  record Render(String prompt, String seconds, String size, long createdMillis, long startedMillis, long doneMillis) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final long latencyMillis;
  private final int slots;
  private final PriorityQueue<Long> slotFreeMillis = new PriorityQueue<>();
  private final Path renderDirectory;
  private final Map<String, Render> renders = new ConcurrentHashMap<>();
  private final Map<String, Path> files = new ConcurrentHashMap<>();

  private LatencyProvider(long latencyMillis, int slots) throws IOException {
    this.latencyMillis = latencyMillis;
    this.slots = slots;
    for (int slot = 0; slot < slots; slot++) {
      slotFreeMillis.add(0L);
    }
    this.renderDirectory = Files.createTempDirectory("aivid-bench-provider-");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4_096);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code slots} 0 renders everything at once. */
  static LatencyProvider start(long latencyMillis, int slots) {
    try {
      return new LatencyProvider(latencyMillis, slots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  List<Render> renders() {
    return List.copyOf(renders.values());
  }

  void forget() {
    renders.clear();
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
        Render render = renders.get(parts[1]);
        respond(exchange, render == null ? 404 : 200, render == null ? error("not found") : video(parts[1], render));
      } else if (method.equals("GET") && parts.length == 3 && parts[2].equals("content")) {
        content(exchange, parts[1]);
      } else if (method.equals("DELETE") && parts.length == 2) {
        renders.remove(parts[1]);
        respond(exchange, 200, json.createObjectNode().put("id", parts[1]).put("deleted", true));
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
            body.path("seconds").asText("1"),
            body.path("size").asText("160x90"),
            now,
            started,
            started + latencyMillis);
    renders.put(id, render);
    respond(exchange, 200, video(id, render));
  }

  private void content(HttpExchange exchange, String id) throws IOException {
    Render render = renders.get(id);
    if (render == null || System.currentTimeMillis() < render.doneMillis()) {
      respond(exchange, 404, error("Video '" + id + "' has no content."));
      return;
    }
    byte[] mp4 = Files.readAllBytes(file(render));
    exchange.getResponseHeaders().set("Content-Type", "video/mp4");
    exchange.sendResponseHeaders(200, mp4.length);
    exchange.getResponseBody().write(mp4);
  }

  private ObjectNode video(String id, Render render) {
    long now = System.currentTimeMillis();
    boolean done = now >= render.doneMillis();
    boolean started = now >= render.startedMillis();
    ObjectNode node = json.createObjectNode();
    node.put("id", id);
    node.put("object", "video");
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
                      "bench provider",
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
