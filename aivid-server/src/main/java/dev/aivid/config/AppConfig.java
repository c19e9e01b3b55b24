package dev.aivid.config;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Typed configuration, read once at startup from {@code AIVID_*} environment variables. Unknown
 * {@code AIVID_*} keys fail fast with the closest known key as a suggestion.
 */
public record AppConfig(
    int port,
    Path dataDirectory,
    @Nullable String databaseUrl,
    @Nullable String bootstrapApiKey,
    long maxUploadBytes,
    int workerCount,
    long jobLeaseMillis,
    boolean durableDatabase,
    boolean allowPrivateImageUrls,
    long bootstrapCreditsMicros,
    ProviderConfig providers,
    WebhookConfig webhooks,
    StorageConfig storage,
    JobLimits jobLimits) {

  public static final List<String> KNOWN_KEYS =
      List.of(
          "AIVID_PORT",
          "AIVID_DATA_DIR",
          "AIVID_DATABASE_URL",
          "AIVID_BOOTSTRAP_API_KEY",
          "AIVID_MAX_UPLOAD_BYTES",
          "AIVID_WORKERS",
          "AIVID_JOB_LEASE_MILLIS",
          "AIVID_ALLOW_PRIVATE_IMAGE_URLS",
          "AIVID_BOOTSTRAP_CREDITS",
          "AIVID_SECRET_KEY",
          "AIVID_RETIRED_MODEL_POLICY",
          "AIVID_CATALOG_FILE",
          "AIVID_ALLOW_PRIVATE_PROVIDER_URLS",
          "AIVID_ALLOW_PRIVATE_WEBHOOK_URLS",
          "AIVID_STORAGE",
          "AIVID_S3_ENDPOINT",
          "AIVID_S3_REGION",
          "AIVID_S3_BUCKET",
          "AIVID_S3_ACCESS_KEY_ID",
          "AIVID_S3_SECRET_ACCESS_KEY",
          "AIVID_S3_PATH_STYLE",
          // Provider callbacks (CallbackConfig).
          "AIVID_PUBLIC_BASE_URL",
          "AIVID_CALLBACK_POLL_MILLIS",
          "AIVID_MAX_CONCURRENT_PER_ORG",
          "AIVID_VIDEO_RETENTION_DAYS");

  public AppConfig {
    if (port < 0 || port > 65535) {
      throw new ConfigException("invalid_port", "AIVID_PORT must be 0..65535, got " + port);
    }
    if (maxUploadBytes < 1024) {
      throw new ConfigException(
          "invalid_max_upload_bytes", "AIVID_MAX_UPLOAD_BYTES must be at least 1024");
    }
    if (workerCount < 1 || workerCount > 64) {
      throw new ConfigException("invalid_workers", "AIVID_WORKERS must be 1..64");
    }
    if (jobLeaseMillis < 1000) {
      throw new ConfigException(
          "invalid_job_lease", "AIVID_JOB_LEASE_MILLIS must be at least 1000");
    }
    if (bootstrapApiKey != null && bootstrapApiKey.length() < 20) {
      throw new ConfigException(
          "invalid_bootstrap_api_key", "AIVID_BOOTSTRAP_API_KEY must be at least 20 characters");
    }
    if (bootstrapCreditsMicros < 0) {
      throw new ConfigException(
          "invalid_bootstrap_credits", "AIVID_BOOTSTRAP_CREDITS must be zero or more");
    }
    dataDirectory = dataDirectory.toAbsolutePath().normalize();
  }

  /** The configuration before the storage switch and job limits existed: local disk, default limits. */
  public AppConfig(
      int port,
      Path dataDirectory,
      @Nullable String databaseUrl,
      @Nullable String bootstrapApiKey,
      long maxUploadBytes,
      int workerCount,
      long jobLeaseMillis,
      boolean durableDatabase,
      boolean allowPrivateImageUrls,
      long bootstrapCreditsMicros,
      ProviderConfig providers,
      WebhookConfig webhooks) {
    this(
        port,
        dataDirectory,
        databaseUrl,
        bootstrapApiKey,
        maxUploadBytes,
        workerCount,
        jobLeaseMillis,
        durableDatabase,
        allowPrivateImageUrls,
        bootstrapCreditsMicros,
        providers,
        webhooks,
        StorageConfig.local(),
        JobLimits.defaults());
  }

  /** The configuration before webhook settings existed: webhooks to public addresses only. */
  public AppConfig(
      int port,
      Path dataDirectory,
      @Nullable String databaseUrl,
      @Nullable String bootstrapApiKey,
      long maxUploadBytes,
      int workerCount,
      long jobLeaseMillis,
      boolean durableDatabase,
      boolean allowPrivateImageUrls,
      long bootstrapCreditsMicros,
      ProviderConfig providers) {
    this(
        port,
        dataDirectory,
        databaseUrl,
        bootstrapApiKey,
        maxUploadBytes,
        workerCount,
        jobLeaseMillis,
        durableDatabase,
        allowPrivateImageUrls,
        bootstrapCreditsMicros,
        providers,
        WebhookConfig.defaults());
  }

  /** The configuration before provider settings existed: no provider credentials, reroute policy. */
  public AppConfig(
      int port,
      Path dataDirectory,
      @Nullable String databaseUrl,
      @Nullable String bootstrapApiKey,
      long maxUploadBytes,
      int workerCount,
      long jobLeaseMillis,
      boolean durableDatabase,
      boolean allowPrivateImageUrls,
      long bootstrapCreditsMicros) {
    this(
        port,
        dataDirectory,
        databaseUrl,
        bootstrapApiKey,
        maxUploadBytes,
        workerCount,
        jobLeaseMillis,
        durableDatabase,
        allowPrivateImageUrls,
        bootstrapCreditsMicros,
        ProviderConfig.defaults());
  }

  /** Secrets stay out of logs and stack traces: the bootstrap key is shown as set or not. */
  @Override
  public String toString() {
    return "AppConfig[port=" + port + ", dataDirectory=" + dataDirectory + ", databaseUrl="
        + (databaseUrl == null ? "embedded" : "set") + ", bootstrapApiKey=" + (bootstrapApiKey == null ? "generated" : "set")
        + ", maxUploadBytes=" + maxUploadBytes + ", workerCount=" + workerCount + ", jobLeaseMillis=" + jobLeaseMillis
        + ", durableDatabase=" + durableDatabase + ", allowPrivateImageUrls=" + allowPrivateImageUrls
        + ", bootstrapCreditsMicros=" + bootstrapCreditsMicros + ", providers=" + providers
        + ", webhooks=" + webhooks + ", storage=" + storage + ", jobLimits=" + jobLimits + "]";
  }

  public AppConfig withProviders(ProviderConfig newProviders) {
    return new AppConfig(
        port,
        dataDirectory,
        databaseUrl,
        bootstrapApiKey,
        maxUploadBytes,
        workerCount,
        jobLeaseMillis,
        durableDatabase,
        allowPrivateImageUrls,
        bootstrapCreditsMicros,
        newProviders,
        webhooks,
        storage,
        jobLimits);
  }

  public AppConfig withWebhooks(WebhookConfig newWebhooks) {
    return new AppConfig(
        port,
        dataDirectory,
        databaseUrl,
        bootstrapApiKey,
        maxUploadBytes,
        workerCount,
        jobLeaseMillis,
        durableDatabase,
        allowPrivateImageUrls,
        bootstrapCreditsMicros,
        providers,
        newWebhooks,
        storage,
        jobLimits);
  }

  public AppConfig withJobLimits(JobLimits newJobLimits) {
    return new AppConfig(
        port,
        dataDirectory,
        databaseUrl,
        bootstrapApiKey,
        maxUploadBytes,
        workerCount,
        jobLeaseMillis,
        durableDatabase,
        allowPrivateImageUrls,
        bootstrapCreditsMicros,
        providers,
        webhooks,
        storage,
        newJobLimits);
  }

  public AppConfig withStorage(StorageConfig newStorage) {
    return new AppConfig(
        port,
        dataDirectory,
        databaseUrl,
        bootstrapApiKey,
        maxUploadBytes,
        workerCount,
        jobLeaseMillis,
        durableDatabase,
        allowPrivateImageUrls,
        bootstrapCreditsMicros,
        providers,
        webhooks,
        newStorage,
        jobLimits);
  }

  public static AppConfig fromEnvironment(Map<String, String> environment) {
    for (String key : environment.keySet()) {
      if (key.startsWith("AIVID_")
          && !KNOWN_KEYS.contains(key)
          && !key.startsWith(ProviderConfig.CREDENTIAL_PREFIX)) {
        throw new ConfigException(
            "unknown_config_key",
            "Unknown configuration key " + key + "; did you mean " + closest(key) + "?");
      }
    }
    return new AppConfig(
        integer(environment, "AIVID_PORT", 8080),
        Path.of(environment.getOrDefault("AIVID_DATA_DIR", "./data")),
        blankToNull(environment.get("AIVID_DATABASE_URL")),
        blankToNull(environment.get("AIVID_BOOTSTRAP_API_KEY")),
        longValue(environment, "AIVID_MAX_UPLOAD_BYTES", 200L * 1024 * 1024),
        integer(environment, "AIVID_WORKERS", 16),
        longValue(environment, "AIVID_JOB_LEASE_MILLIS", 30_000),
        true,
        Boolean.parseBoolean(environment.getOrDefault("AIVID_ALLOW_PRIVATE_IMAGE_URLS", "false")),
        credits(environment.getOrDefault("AIVID_BOOTSTRAP_CREDITS", "1000")),
        ProviderConfig.fromEnvironment(environment),
        WebhookConfig.fromEnvironment(environment),
        StorageConfig.fromEnvironment(environment),
        JobLimits.fromEnvironment(environment));
  }

  private static long credits(String text) {
    try {
      java.math.BigDecimal value = new java.math.BigDecimal(text.trim());
      return value.movePointRight(6).setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new ConfigException(
          "invalid_number",
          "AIVID_BOOTSTRAP_CREDITS must be a decimal number of credits (up to 6 decimals), got '"
              + text
              + "'");
    }
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static int integer(Map<String, String> environment, String key, int fallback) {
    return Math.toIntExact(longValue(environment, key, fallback));
  }

  private static long longValue(Map<String, String> environment, String key, long fallback) {
    String raw = environment.get(key);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException("invalid_number", key + " must be an integer, got '" + raw + "'");
    }
  }

  static String closest(String key) {
    Optional<String> best =
        KNOWN_KEYS.stream().min(Comparator.comparingInt(known -> editDistance(known, key)));
    return best.orElseThrow();
  }

  private static int editDistance(String left, String right) {
    int[] previous = new int[right.length() + 1];
    int[] current = new int[right.length() + 1];
    for (int j = 0; j <= right.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= left.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= right.length(); j++) {
        int substitution = left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(
                Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[right.length()];
  }
}
