package dev.aivid.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much work the cluster starts at once, enforced by the job queue across every node on the
 * database.
 *
 * @param maxConcurrentPerOrganization {@code AIVID_MAX_CONCURRENT_PER_ORG}: renders one
 *     organisation may have running (submitted, downloading, or being submitted) at once
 * @param maxConcurrentPerProvider {@code AIVID_PROVIDER_<NAME>_MAX_CONCURRENT}: renders running at
 *     one provider at once, by provider (lower case)
 * @param defaultMaxConcurrentPerProvider for a provider not named: {@code
 *     AIVID_PROVIDER_MAX_CONCURRENT_DEFAULT}; the in-process {@code local} engine is not limited
 *     unless named (each node's worker pool bounds it)
 * @param requestsPerSecond {@code AIVID_PROVIDER_<NAME>_REQUESTS_PER_SECOND}: render submissions
 *     per second to one provider, cluster-wide (a token bucket with one second of burst); unlimited
 *     when not named
 * @param videoRetentionDays {@code AIVID_VIDEO_RETENTION_DAYS}: how long a completed video's output
 *     is kept (its {@code expires_at}); afterwards one node's sweep deletes the video and releases
 *     its blobs. 0 keeps outputs until they are deleted.
 */
public record JobLimits(
    int maxConcurrentPerOrganization,
    Map<String, Integer> maxConcurrentPerProvider,
    int defaultMaxConcurrentPerProvider,
    Map<String, Double> requestsPerSecond,
    int videoRetentionDays) {
  public static final int DEFAULT_PER_ORGANIZATION = 16;
  public static final int DEFAULT_PER_PROVIDER = 8;
  public static final int MAX_RETENTION_DAYS = 36_500;
  static final String MAX_CONCURRENT_SUFFIX = "_MAX_CONCURRENT";
  static final String REQUESTS_PER_SECOND_SUFFIX = "_REQUESTS_PER_SECOND";
  private static final String LOCAL = "local";

  public JobLimits {
    if (maxConcurrentPerOrganization < 1) {
      throw new ConfigException("invalid_concurrency", "AIVID_MAX_CONCURRENT_PER_ORG must be at least 1");
    }
    if (defaultMaxConcurrentPerProvider < 1) {
      throw new ConfigException("invalid_concurrency", "AIVID_PROVIDER_MAX_CONCURRENT_DEFAULT must be at least 1");
    }
    maxConcurrentPerProvider.forEach(
        (provider, limit) -> {
          if (limit < 1) {
            throw new ConfigException(
                "invalid_concurrency", "AIVID_PROVIDER_" + provider.toUpperCase(Locale.ROOT) + "_MAX_CONCURRENT must be at least 1");
          }
        });
    requestsPerSecond.forEach(
        (provider, rate) -> {
          if (!(rate > 0) || rate > 100_000) {
            throw new ConfigException(
                "invalid_rate", "AIVID_PROVIDER_" + provider.toUpperCase(Locale.ROOT) + "_REQUESTS_PER_SECOND must be above 0");
          }
        });
    if (videoRetentionDays < 0 || videoRetentionDays > MAX_RETENTION_DAYS) {
      throw new ConfigException(
          "invalid_retention", "AIVID_VIDEO_RETENTION_DAYS must be 0 (keep) to " + MAX_RETENTION_DAYS + " days");
    }
    maxConcurrentPerProvider = Map.copyOf(new TreeMap<>(maxConcurrentPerProvider));
    requestsPerSecond = Map.copyOf(new TreeMap<>(requestsPerSecond));
  }

  /** The limits before retention was configurable: outputs kept until deleted. */
  public JobLimits(
      int maxConcurrentPerOrganization,
      Map<String, Integer> maxConcurrentPerProvider,
      int defaultMaxConcurrentPerProvider,
      Map<String, Double> requestsPerSecond) {
    this(maxConcurrentPerOrganization, maxConcurrentPerProvider, defaultMaxConcurrentPerProvider, requestsPerSecond, 0);
  }

  public static JobLimits defaults() {
    return new JobLimits(DEFAULT_PER_ORGANIZATION, Map.of(), DEFAULT_PER_PROVIDER, Map.of(), 0);
  }

  public JobLimits withVideoRetentionDays(int days) {
    return new JobLimits(
        maxConcurrentPerOrganization, maxConcurrentPerProvider, defaultMaxConcurrentPerProvider, requestsPerSecond, days);
  }

  /** The limit for a provider; {@link Integer#MAX_VALUE} for the local engine unless named. */
  public int maxConcurrent(String provider) {
    Integer named = maxConcurrentPerProvider.get(provider);
    if (named != null) {
      return named;
    }
    return provider.equals(LOCAL) ? Integer.MAX_VALUE : defaultMaxConcurrentPerProvider;
  }

  public JobLimits withMaxConcurrentPerOrganization(int limit) {
    return new JobLimits(limit, maxConcurrentPerProvider, defaultMaxConcurrentPerProvider, requestsPerSecond, videoRetentionDays);
  }

  public JobLimits withMaxConcurrent(String provider, int limit) {
    Map<String, Integer> copy = new LinkedHashMap<>(maxConcurrentPerProvider);
    copy.put(provider, limit);
    return new JobLimits(maxConcurrentPerOrganization, copy, defaultMaxConcurrentPerProvider, requestsPerSecond, videoRetentionDays);
  }

  public JobLimits withRequestsPerSecond(String provider, double rate) {
    Map<String, Double> copy = new LinkedHashMap<>(requestsPerSecond);
    copy.put(provider, rate);
    return new JobLimits(maxConcurrentPerOrganization, maxConcurrentPerProvider, defaultMaxConcurrentPerProvider, copy, videoRetentionDays);
  }

  /** Whether {@code key} is a limit key rather than a provider credential field. */
  static boolean isLimitKey(String key) {
    return key.startsWith(ProviderConfig.CREDENTIAL_PREFIX)
        && (key.endsWith(MAX_CONCURRENT_SUFFIX) || key.endsWith(REQUESTS_PER_SECOND_SUFFIX) || key.equals("AIVID_PROVIDER_MAX_CONCURRENT_DEFAULT"));
  }

  static JobLimits fromEnvironment(Map<String, String> environment) {
    int perOrganization = integer(environment, "AIVID_MAX_CONCURRENT_PER_ORG", DEFAULT_PER_ORGANIZATION);
    int perProviderDefault = integer(environment, "AIVID_PROVIDER_MAX_CONCURRENT_DEFAULT", DEFAULT_PER_PROVIDER);
    Map<String, Integer> perProvider = new LinkedHashMap<>();
    Map<String, Double> rates = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : environment.entrySet()) {
      String key = entry.getKey();
      if (!isLimitKey(key) || key.equals("AIVID_PROVIDER_MAX_CONCURRENT_DEFAULT") || entry.getValue().isBlank()) {
        continue;
      }
      String rest = key.substring(ProviderConfig.CREDENTIAL_PREFIX.length());
      if (key.endsWith(MAX_CONCURRENT_SUFFIX)) {
        String provider = rest.substring(0, rest.length() - MAX_CONCURRENT_SUFFIX.length()).toLowerCase(Locale.ROOT);
        perProvider.put(provider, integer(environment, key, DEFAULT_PER_PROVIDER));
      } else {
        String provider = rest.substring(0, rest.length() - REQUESTS_PER_SECOND_SUFFIX.length()).toLowerCase(Locale.ROOT);
        try {
          rates.put(provider, Double.parseDouble(entry.getValue().strip()));
        } catch (NumberFormatException e) {
          throw new ConfigException("invalid_number", key + " must be a number, got '" + entry.getValue() + "'");
        }
      }
    }
    int retentionDays = integer(environment, "AIVID_VIDEO_RETENTION_DAYS", 0);
    return new JobLimits(perOrganization, perProvider, perProviderDefault, rates, retentionDays);
  }

  private static int integer(Map<String, String> environment, String key, int fallback) {
    String raw = environment.get(key);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException("invalid_number", key + " must be an integer, got '" + raw + "'");
    }
  }
}
