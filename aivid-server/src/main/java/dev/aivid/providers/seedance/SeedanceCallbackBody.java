package dev.aivid.providers.seedance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.callbacks.CallbackNotice;
import java.io.IOException;
import java.util.Optional;

/**
 * ModelArk's callback body: the task object as a query returns it, {@code {id, model, status,
 * content, …}} (providers.md §3.2-3.3; the exact callback body is a third-party account, so only
 * the id and status are read, and the status is checked by polling).
 */
final class SeedanceCallbackBody {
  private SeedanceCallbackBody() {}

  static Optional<CallbackNotice> read(ObjectMapper json, byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null || !root.isObject()) {
      return Optional.empty();
    }
    JsonNode id = root.path("id");
    JsonNode status = root.path("status");
    if (!id.isTextual() || !status.isTextual()) {
      return Optional.empty();
    }
    String renderId = id.asText();
    if (renderId.isBlank() || renderId.length() > 200) {
      return Optional.empty();
    }
    return Optional.of(new CallbackNotice(renderId, status.asText()));
  }
}
