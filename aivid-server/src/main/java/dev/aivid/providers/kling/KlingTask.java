package dev.aivid.providers.kling;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A task as either API reports it, in one vocabulary. Legacy says {@code succeed} where the API-key
 * API says {@code succeeded} (providers.md §2.4, §2.5); both spellings are read on both.
 *
 * @param status {@code submitted}, {@code processing}, {@code succeeded} or {@code failed}; null
 *     for a value neither API documents
 */
record KlingTask(@Nullable String status, String message, List<Video> videos) {
  /**
   * @param id the generated video's id, which video-extend needs (not the task id)
   */
  record Video(@Nullable String id, String url, @Nullable Double durationSeconds) {}

  /** {@code data} of a legacy query: task_status, task_status_msg, task_result.videos[]. */
  static KlingTask fromLegacy(JsonNode data) {
    return new KlingTask(
        status(data.path("task_status").asText("")),
        data.path("task_status_msg").asText(""),
        videos(data.path("task_result").path("videos"), false));
  }

  /** One element of {@code data[]} of {@code GET /tasks}: status, message, outputs[]. */
  static KlingTask fromPathModel(JsonNode task) {
    return new KlingTask(
        status(task.path("status").asText("")),
        task.path("message").asText(""),
        videos(task.path("outputs"), true));
  }

  private static @Nullable String status(String wire) {
    return switch (wire.toLowerCase(Locale.ROOT)) {
      case "submitted" -> "submitted";
      case "processing" -> "processing";
      case "succeed", "succeeded" -> "succeeded";
      case "failed" -> "failed";
      default -> null;
    };
  }

  private static List<Video> videos(JsonNode array, boolean typed) {
    List<Video> videos = new ArrayList<>();
    for (JsonNode video : array) {
      if (typed && video.has("type") && !video.path("type").asText().equals("video")) {
        continue;
      }
      String url = video.path("url").asText("");
      if (url.isBlank()) {
        continue;
      }
      String id = video.path("id").asText("");
      videos.add(new Video(id.isBlank() ? null : id, url, seconds(video.path("duration"))));
    }
    return List.copyOf(videos);
  }

  /** Kling sends the duration as a string ("5.1") in its samples; a number is read too. */
  private static @Nullable Double seconds(JsonNode duration) {
    if (duration.isNumber()) {
      return duration.asDouble();
    }
    try {
      double value = Double.parseDouble(duration.asText(""));
      return Double.isFinite(value) && value > 0 ? value : null;
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }
}
