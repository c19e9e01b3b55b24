package dev.aivid.providers.kling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.callbacks.CallbackNotice;
import java.io.IOException;
import java.util.Optional;

/**
 * Kling's callback body (providers.md §2.4, the official callback protocol): the task as a query
 * returns it, {@code {task_id, task_status, task_status_msg, …, task_result}}; the path-model API's
 * tasks carry {@code id} and {@code status} instead, so both are read.
 */
final class KlingCallbackBody {
  private KlingCallbackBody() {}

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
    // Some relays wrap the task as the query does, in {code, message, data}.
    JsonNode task = root.path("data").isObject() ? root.path("data") : root;
    JsonNode id = task.has("task_id") ? task.path("task_id") : task.path("id");
    JsonNode status = task.has("task_status") ? task.path("task_status") : task.path("status");
    if (!(id.isTextual() || id.isIntegralNumber()) || !status.isTextual()) {
      return Optional.empty();
    }
    String renderId = id.asText();
    if (renderId.isBlank() || renderId.length() > 200) {
      return Optional.empty();
    }
    return Optional.of(new CallbackNotice(renderId, status.asText()));
  }
}
