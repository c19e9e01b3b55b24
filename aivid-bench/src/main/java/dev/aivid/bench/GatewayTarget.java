package dev.aivid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.App;
import dev.aivid.config.AppConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The real gateway, started in this process on a throwaway data directory, holding one completed
 * video whose {@code GET /v1/videos/{id}} response is what both targets serve.
 */
final class GatewayTarget implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RENDER_TIMEOUT = Duration.ofMinutes(3);

  private final App app;
  private final Path dataDirectory;
  private final String videoId;
  private final byte[] videoResponseBytes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private GatewayTarget(App app, Path dataDirectory, String videoId, byte[] videoResponseBytes) {
    this.app = app;
    this.dataDirectory = dataDirectory;
    this.videoId = videoId;
    this.videoResponseBytes = videoResponseBytes;
  }

  static GatewayTarget start(String apiKey) throws IOException, InterruptedException {
    Path dataDirectory = Files.createTempDirectory("aivid-bench-");
    App app;
    try {
      app =
          App.start(
              new AppConfig(
                  0, dataDirectory, null, apiKey, 50L * 1024 * 1024, 4, 30_000, true, false,
                  1_000_000_000L));
    } catch (RuntimeException e) {
      deleteRecursively(dataDirectory);
      throw e;
    }
    try (HttpClient client = OpenLoopDriver.newClient()) {
      URI base = URI.create("http://127.0.0.1:" + app.port());
      String videoId = createVideo(client, base, apiKey);
      byte[] bytes = awaitCompleted(client, base.resolve("/v1/videos/" + videoId), apiKey);
      return new GatewayTarget(app, dataDirectory, videoId, bytes);
    } catch (IOException | InterruptedException | RuntimeException e) {
      app.close();
      deleteRecursively(dataDirectory);
      throw e;
    }
  }

  private static String createVideo(HttpClient client, URI base, String apiKey)
      throws IOException, InterruptedException {
    HttpRequest create =
        HttpRequest.newBuilder(base.resolve("/v1/videos"))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"prompt\":\"bench\",\"seconds\":\"1\",\"size\":\"64x64\"}"))
            .timeout(Duration.ofSeconds(30))
            .build();
    HttpResponse<String> response = client.send(create, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "POST /v1/videos answered " + response.statusCode() + ": " + response.body());
    }
    JsonNode id = JSON.readTree(response.body()).get("id");
    if (id == null || !id.isTextual()) {
      throw new IllegalStateException("POST /v1/videos returned no id: " + response.body());
    }
    return id.asText();
  }

  private static byte[] awaitCompleted(HttpClient client, URI videoUri, String apiKey)
      throws IOException, InterruptedException {
    HttpRequest get = authorizedGet(videoUri, apiKey);
    long deadlineNanos = System.nanoTime() + RENDER_TIMEOUT.toNanos();
    while (true) {
      HttpResponse<byte[]> response = client.send(get, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + videoUri.getPath() + " answered " + response.statusCode());
      }
      JsonNode status = JSON.readTree(response.body()).get("status");
      String text = status == null ? "" : status.asText();
      if (text.equals("completed")) {
        return response.body();
      }
      if (text.equals("failed")) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        throw new IllegalStateException("The benchmark video failed to render: " + body);
      }
      if (System.nanoTime() > deadlineNanos) {
        throw new IllegalStateException(
            "The benchmark video was still '" + text + "' after " + RENDER_TIMEOUT);
      }
      Thread.sleep(200);
    }
  }

  static HttpRequest authorizedGet(URI uri, String apiKey) {
    return HttpRequest.newBuilder(uri)
        .header("Authorization", "Bearer " + apiKey)
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
  }

  String videoId() {
    return videoId;
  }

  byte[] videoResponseBytes() {
    return videoResponseBytes.clone();
  }

  String name() {
    return "gateway";
  }

  URI videoUri() {
    return URI.create("http://127.0.0.1:" + app.port() + "/v1/videos/" + videoId);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    app.close();
    deleteRecursively(dataDirectory);
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless; the numbers are what matter.
    }
  }
}
