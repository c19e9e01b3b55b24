package dev.aivid.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** How a fake provider posts its callbacks: JSON over real HTTP, each answer recorded. */
public final class CallbackSender {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();

  /** One callback and what the receiver answered ({@code status} -1: not delivered). */
  public record Sent(URI url, byte[] body, Map<String, String> headers, int status, String answer) {
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  public Sent post(URI url, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    Sent result;
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      result = new Sent(url, body, Map.copyOf(headers), response.statusCode(), response.body());
    } catch (IOException e) {
      result = new Sent(url, body, Map.copyOf(headers), -1, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = new Sent(url, body, Map.copyOf(headers), -1, "interrupted");
    }
    sent.add(result);
    return result;
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }
}
