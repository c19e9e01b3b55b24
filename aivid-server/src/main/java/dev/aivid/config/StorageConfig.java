package dev.aivid.config;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Where blob bytes live: {@code AIVID_STORAGE=local} (the data directory) or {@code s3}. */
public sealed interface StorageConfig {
  Set<String> KEYS =
      Set.of(
          "AIVID_STORAGE",
          "AIVID_S3_ENDPOINT",
          "AIVID_S3_REGION",
          "AIVID_S3_BUCKET",
          "AIVID_S3_ACCESS_KEY_ID",
          "AIVID_S3_SECRET_ACCESS_KEY",
          "AIVID_S3_PATH_STYLE");

  static StorageConfig local() {
    return new Local();
  }

  /** Blobs under {@code <data directory>/blobs} of this node. */
  record Local() implements StorageConfig {}

  /**
   * Blobs in one S3 bucket shared by every node; the data directory keeps only scratch files and a
   * cache of objects read as files.
   *
   * @param endpoint {@code AIVID_S3_ENDPOINT}: an S3-compatible store (MinIO, s3proxy, …); AWS when
   *     absent
   * @param pathStyle {@code AIVID_S3_PATH_STYLE}: {@code host/bucket/key} addressing, which most
   *     S3-compatible stores need
   */
  record S3(
      @Nullable URI endpoint,
      String region,
      String bucket,
      String accessKeyId,
      String secretAccessKey,
      boolean pathStyle)
      implements StorageConfig {
    public S3 {
      if (endpoint != null
          && (endpoint.getHost() == null || !Set.of("http", "https").contains(String.valueOf(endpoint.getScheme())))) {
        throw new ConfigException(
            "invalid_s3_endpoint", "AIVID_S3_ENDPOINT must be an http(s) URL, got '" + endpoint + "'");
      }
      require("AIVID_S3_REGION", region);
      require("AIVID_S3_BUCKET", bucket);
      require("AIVID_S3_ACCESS_KEY_ID", accessKeyId);
      require("AIVID_S3_SECRET_ACCESS_KEY", secretAccessKey);
    }

    /** The secret stays out of logs and stack traces. */
    @Override
    public String toString() {
      return "S3[endpoint=" + (endpoint == null ? "aws" : endpoint) + ", region=" + region
          + ", bucket=" + bucket + ", accessKeyId=set, secretAccessKey=set, pathStyle=" + pathStyle + "]";
    }

    private static void require(String key, String value) {
      if (value.isBlank()) {
        throw new ConfigException("missing_s3_setting", key + " is required when AIVID_STORAGE=s3");
      }
    }
  }

  static StorageConfig fromEnvironment(Map<String, String> environment) {
    String kind = environment.getOrDefault("AIVID_STORAGE", "local").trim();
    return switch (kind) {
      case "", "local" -> new Local();
      case "s3" ->
          new S3(
              endpoint(environment.get("AIVID_S3_ENDPOINT")),
              environment.getOrDefault("AIVID_S3_REGION", "").trim(),
              environment.getOrDefault("AIVID_S3_BUCKET", "").trim(),
              environment.getOrDefault("AIVID_S3_ACCESS_KEY_ID", "").trim(),
              environment.getOrDefault("AIVID_S3_SECRET_ACCESS_KEY", "").trim(),
              bool(environment, "AIVID_S3_PATH_STYLE"));
      default ->
          throw new ConfigException(
              "invalid_storage", "AIVID_STORAGE must be local or s3, got '" + kind + "'");
    };
  }

  private static @Nullable URI endpoint(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return new URI(text.trim());
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(
          "invalid_s3_endpoint", "AIVID_S3_ENDPOINT must be an http(s) URL, got '" + text + "'");
    }
  }

  private static boolean bool(Map<String, String> environment, String key) {
    String text = environment.getOrDefault(key, "false").trim();
    return switch (text) {
      case "", "false" -> false;
      case "true" -> true;
      default -> throw new ConfigException("invalid_boolean", key + " must be true or false, got '" + text + "'");
    };
  }
}
