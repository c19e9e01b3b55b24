package dev.aivid.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.callbacks.CallbackNotice;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * An OpenAI webhook event about a video (providers.md §1.4): {@code {id: "evt_…", object: "event",
 * created_at, type: "video.completed" | "video.failed", data: {id: "video_…"}}}. Other event types
 * are not about renders AIVid follows.
 */
final class OpenAiWebhookEvent {
  static final Set<String> VIDEO_EVENTS = Set.of("video.completed", "video.failed");

  private OpenAiWebhookEvent() {}

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
    JsonNode type = root.path("type");
    JsonNode videoId = root.path("data").path("id");
    if (!type.isTextual() || !VIDEO_EVENTS.contains(type.asText()) || !videoId.isTextual()) {
      return Optional.empty();
    }
    if (!VideoHandle.isVideoId(videoId.asText())) {
      return Optional.empty();
    }
    return Optional.of(new CallbackNotice(videoId.asText(), type.asText()));
  }
}
