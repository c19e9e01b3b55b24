package dev.aivid.providers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** An answer from a provider, whatever its status; the adapter decides what it means. */
public record HttpReply(int status, HttpHeaders headers, byte[] body, @Nullable Duration retryAfter) {
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON; a missing node when it is not JSON (an HTML error page, an empty body). */
  public JsonNode json(ObjectMapper mapper) {
    if (body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = mapper.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  /** The first 300 characters of the body, for error messages (bodies never hold our secrets). */
  public String excerpt() {
    String text = text().strip();
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
