package dev.aivid.providers.veo;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which of Google's two front doors a credential opens. Holds no secret, so the compiler can see
 * it: the two backends take different fields (python-genai raises for seed, fps and generateAudio
 * on the Gemini API).
 */
public sealed interface VeoBackend {
  /** {@code gemini} or {@code vertex}: the first part of a handle. */
  String wireName();

  /** The create endpoint, relative to the API root ({@code /v1beta} or {@code /v1} included). */
  String createPath(String model);

  /** The Gemini API ("mldev"): {@code x-goog-api-key}, {@code /v1beta}. */
  record GeminiApi() implements VeoBackend {
    @Override
    public String wireName() {
      return "gemini";
    }

    @Override
    public String createPath(String model) {
      return "/v1beta/models/" + model + ":predictLongRunning";
    }
  }

  /**
   * Vertex AI: OAuth bearer token, regional host, {@code /v1/projects/…}.
   *
   * @param storageUri a {@code gs://bucket/prefix} for results; without it Vertex answers the video
   *     inline as base64 in the operation
   */
  record VertexAi(String project, String location, @Nullable String storageUri) implements VeoBackend {
    private static final Pattern PROJECT = Pattern.compile("[a-z0-9][a-z0-9.:-]{0,99}");
    private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]{0,49}");

    public VertexAi {
      if (!PROJECT.matcher(project).matches()) {
        throw new IllegalArgumentException("project must be a Google Cloud project id");
      }
      if (!LOCATION.matcher(location).matches()) {
        throw new IllegalArgumentException("location must be a Google Cloud region such as us-central1");
      }
      if (storageUri != null && !storageUri.startsWith("gs://")) {
        throw new IllegalArgumentException("storage_uri must be a gs:// URI");
      }
    }

    @Override
    public String wireName() {
      return "vertex";
    }

    @Override
    public String createPath(String model) {
      return modelPath(model) + ":predictLongRunning";
    }

    public String modelPath(String model) {
      return "/v1/projects/" + project + "/locations/" + location + "/publishers/google/models/" + model;
    }

    /** The regional host; {@code global} has none in its name. */
    public String defaultHost() {
      return location.equals("global")
          ? "https://aiplatform.googleapis.com"
          : "https://" + location + "-aiplatform.googleapis.com";
    }
  }
}
