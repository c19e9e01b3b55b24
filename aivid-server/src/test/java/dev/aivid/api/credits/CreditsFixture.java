package dev.aivid.api.credits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.account.CreatedApiKey;
import dev.aivid.account.Organization;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Shared steps of the credits API tests: balances in micro-credits, creates, waits. */
final class CreditsFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** local/previz, 2 s at 320x180 (≤ 854x480): 0.05 credits/s. */
  static final String SMALL_VIDEO = "{\"prompt\":\"a red kite\",\"seconds\":\"2\",\"size\":\"320x180\"}";

  static final long SMALL_VIDEO_MICROS = 100_000;
  /** local/previz, 1 s at 64x64: the cheapest render, 0.05 credits. */
  static final String TINY_VIDEO = "{\"prompt\":\"a dot\",\"seconds\":\"1\",\"size\":\"64x64\"}";

  static final long TINY_VIDEO_MICROS = 50_000;

  private CreditsFixture() {}

  /** The pool's amounts from {@code GET /v1/credits}, parsed from their decimal strings. */
  record Balance(long available, long pending, long posted, long credited, JsonNode json) {
    static Balance of(JsonNode node) {
      return new Balance(
          micros(node.path("available")),
          micros(node.path("pending")),
          micros(node.path("posted")),
          micros(node.path("credited")),
          node);
    }

    /** The balance without its timestamp, for comparing two reads of the same ledger state. */
    JsonNode withoutTimestamp() {
      com.fasterxml.jackson.databind.node.ObjectNode copy =
          ((com.fasterxml.jackson.databind.node.ObjectNode) json).deepCopy();
      copy.remove("as_of");
      return copy;
    }
  }

  static Balance balance(Http http) {
    Http.Response response = http.get("/v1/credits");
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return Balance.of(response.json());
  }

  /** Parses a decimal credit string such as "0.1" into micro-credits, failing on anything else. */
  static long micros(JsonNode node) {
    assertThat(node.isTextual()).as("amount %s is a decimal string", node).isTrue();
    return new BigDecimal(node.asText()).movePointRight(6).longValueExact();
  }

  static long micros(String text) {
    return new BigDecimal(text).movePointRight(6).longValueExact();
  }

  static Http.Response create(Http http, String body) {
    return http.postJson("/v1/videos", body);
  }

  static String createId(Http http, String body) {
    Http.Response response = create(http, body);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json().path("id").asText();
  }

  static Http.Response postWithKey(Http http, String path, String idempotencyKey, String body) {
    return http.send(
        http.request(path)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static Http.Response put(Http http, String path, String body) {
    return http.send(
        http.request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  static JsonNode awaitStatus(Http http, String id, String status, Duration timeout) {
    return Await.until(
        () -> http.get("/v1/videos/" + id).json(),
        video -> {
          String now = video.path("status").asText();
          if (!now.equals(status) && now.equals("failed")) {
            throw new AssertionError("Video " + id + " failed: " + video);
          }
          return now.equals(status);
        },
        timeout);
  }

  static Http.Response awaitCompleted(Http http, String id, Duration timeout) {
    awaitStatus(http, id, "completed", timeout);
    Http.Response response = http.get("/v1/videos/" + id);
    assertThat(response.status()).isEqualTo(200);
    return response;
  }

  /** Every transfer of the organisation matching the query, following the cursor to the end. */
  static List<JsonNode> transfers(Http http, @Nullable String query) {
    List<JsonNode> all = new ArrayList<>();
    String after = null;
    while (true) {
      StringBuilder path = new StringBuilder("/v1/credits/ledger?limit=100");
      if (query != null) {
        path.append('&').append(query);
      }
      if (after != null) {
        path.append("&after=").append(after);
      }
      Http.Response response = http.get(path.toString());
      assertThat(response.status()).as(response.text()).isEqualTo(200);
      JsonNode page = response.json();
      page.path("data").forEach(all::add);
      if (!page.path("has_more").asBoolean()) {
        return all;
      }
      after = page.path("last_id").asText();
    }
  }

  static List<String> kinds(List<JsonNode> transfers) {
    return transfers.stream().map(transfer -> transfer.path("kind").asText()).toList();
  }

  /** An organisation of its own, funded with exactly {@code micros} (none when zero). */
  static Funded fundedOrganization(App app, long micros, ApiKeyRole role) {
    Organization organization =
        app.accounts().createOrganization("credits-" + UUID.randomUUID());
    CreatedApiKey key = app.accounts().createKey(organization, "funded", role);
    if (micros > 0) {
      app.ledger().grant(organization.id(), micros, "exact test funding", null);
    }
    return new Funded(organization, key.secret(), new Http("http://localhost:" + app.port(), key.secret()));
  }

  record Funded(Organization organization, String apiKey, Http http) {}

  /** Creates a key through the API and returns {@code {id, key}}. */
  static JsonNode createKey(Http admin, String name, String role) {
    Http.Response response =
        admin.postJson("/v1/keys", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    return response.json();
  }

  /** A response read off a raw socket; header names are lower case. */
  record RawResponse(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }
  }

  /**
   * An HTTP/1.1 connection opened (and accepted by the server) ahead of time. A burst sent over
   * such connections reaches the server all at once without depending on the TCP accept queue.
   */
  static final class RawConnection implements AutoCloseable {
    private final Socket socket;

    RawConnection(int port) {
      try {
        socket = new Socket("localhost", port);
        socket.setSoTimeout(120_000);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Sends one POST with a JSON body; {@code extraHeaders} are raw header lines, CRLF-ended. */
    RawResponse post(String path, String apiKey, String json, byte[] extraHeaders) {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      request.writeBytes(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + apiKey
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(extraHeaders);
      request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(body);
      try {
        socket.getOutputStream().write(request.toByteArray());
        socket.getOutputStream().flush();
        return parse(socket.getInputStream().readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static RawResponse parse(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        throw new AssertionError("Not an HTTP response: " + text);
      }
      String[] lines = text.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      byte[] rest = Arrays.copyOfRange(bytes, end + 4, bytes.length);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        rest = dechunk(rest);
      }
      return new RawResponse(status, headers, new String(rest, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int position = 0;
      while (true) {
        int lineEnd = position;
        while (chunked[lineEnd] != '\r') {
          lineEnd++;
        }
        String sizeText = new String(chunked, position, lineEnd - position, StandardCharsets.US_ASCII);
        int size = Integer.parseInt(sizeText.split(";")[0].trim(), 16);
        if (size == 0) {
          return out.toByteArray();
        }
        out.write(chunked, lineEnd + 2, size);
        position = lineEnd + 2 + size + 2;
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already closed by the server after "Connection: close".
      }
    }
  }
}
