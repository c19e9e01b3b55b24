package dev.aivid.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A small JDK HttpClient wrapper for API tests. */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final @Nullable String apiKey;

  public Http(String baseUrl, @Nullable String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response postJson(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response post(String path, String contentType, HttpRequest.BodyPublisher body) {
    return send(request(path).header("Content-Type", contentType).POST(body));
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    if (apiKey != null) {
      builder.header("Authorization", "Bearer " + apiKey);
    }
    return builder;
  }

  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<byte[]> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Response(int status, byte[] body, HttpResponse<byte[]> raw) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + new String(body), e);
      }
    }

    public String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    public @Nullable String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }
}
