package dev.aivid.providers.veo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.RenderStatus;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A long-running operation as either backend answers it (providers.md §4.1-4.2): pending without
 * {@code done}; done with an {@code error}; done with videos, in {@code
 * response.generateVideoResponse.generatedSamples[].video} (Gemini API) or {@code response.videos[]}
 * (Vertex); or done with none because Google's filter removed them ({@code raiMediaFilteredCount}).
 */
sealed interface VeoOperation {
  record Pending() implements VeoOperation {}

  record Finished(RenderStatus.Failed failure) implements VeoOperation {}

  record Done(List<Video> videos) implements VeoOperation {}

  /** One result: a URL to download ({@code uri}, or a {@code gs://} object) or the bytes inline. */
  record Video(@Nullable String uri, @Nullable String base64) {}

  static VeoOperation read(JsonNode operation, VeoErrors.Redactor redactor) {
    if (!operation.path("done").asBoolean(false)) {
      return new Pending();
    }
    JsonNode error = operation.path("error");
    if (error.isObject()) {
      return new Finished(VeoErrors.fromOperationError(error, redactor));
    }
    JsonNode response = operation.path("response");
    JsonNode generated = response.path("generateVideoResponse");
    List<Video> videos = new ArrayList<>();
    for (JsonNode sample : generated.path("generatedSamples")) {
      JsonNode video = sample.path("video");
      add(videos, text(video, "uri"), text(video, "encodedVideo"));
    }
    for (JsonNode video : response.path("videos")) {
      add(videos, text(video, "gcsUri"), text(video, "bytesBase64Encoded"));
    }
    if (!videos.isEmpty()) {
      return new Done(videos);
    }
    JsonNode filtered = generated.has("raiMediaFilteredCount") ? generated : response;
    int filteredCount = filtered.path("raiMediaFilteredCount").asInt(0);
    if (filteredCount > 0) {
      List<String> reasons = new ArrayList<>();
      filtered.path("raiMediaFilteredReasons").forEach(reason -> reasons.add(reason.asText()));
      return new Finished(
          new RenderStatus.Failed(
              ProviderErrorCodes.CONTENT_POLICY,
              redactor.redact(
                  "veo filtered " + filteredCount + " video(s)"
                      + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons)))));
    }
    return new Finished(
        new RenderStatus.Failed(ProviderErrorCodes.RENDER_FAILED, "veo finished the operation without a video"));
  }

  private static void add(List<Video> videos, @Nullable String uri, @Nullable String base64) {
    if (uri != null || base64 != null) {
      videos.add(new Video(uri, base64));
    }
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }
}
