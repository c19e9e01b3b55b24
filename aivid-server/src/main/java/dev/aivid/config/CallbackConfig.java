package dev.aivid.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Provider callback settings from the environment.
 *
 * @param publicBaseUrl {@code AIVID_PUBLIC_BASE_URL}: the absolute http(s) URL providers reach this
 *     deployment at; only then do adapters ask providers to call back, at {@code
 *     <base>/v1/provider-callbacks/<provider>/<token>}. Null: every render is polled only
 * @param pollMillisWithCallbacks {@code AIVID_CALLBACK_POLL_MILLIS}: the fallback poll interval of a
 *     render whose provider will call back (the callback wakes the job; the poll catches a lost one)
 */
public record CallbackConfig(@Nullable URI publicBaseUrl, long pollMillisWithCallbacks) {
  public static final long DEFAULT_POLL_MILLIS_WITH_CALLBACKS = 30_000;

  public CallbackConfig {
    if (publicBaseUrl != null) {
      String scheme = publicBaseUrl.getScheme() == null ? "" : publicBaseUrl.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || publicBaseUrl.getHost() == null
          || publicBaseUrl.getQuery() != null
          || publicBaseUrl.getFragment() != null
          || publicBaseUrl.getUserInfo() != null) {
        throw new ConfigException(
            "invalid_public_base_url",
            "AIVID_PUBLIC_BASE_URL must be an absolute http(s) URL without query, fragment or user"
                + " info, e.g. https://aivid.example.com");
      }
    }
    if (pollMillisWithCallbacks < 300 || pollMillisWithCallbacks > 3_600_000) {
      throw new ConfigException(
          "invalid_callback_poll_millis", "AIVID_CALLBACK_POLL_MILLIS must be 300..3600000");
    }
  }

  public static CallbackConfig defaults() {
    return new CallbackConfig(null, DEFAULT_POLL_MILLIS_WITH_CALLBACKS);
  }

  static CallbackConfig fromEnvironment(Map<String, String> environment) {
    String base = environment.get("AIVID_PUBLIC_BASE_URL");
    String poll = environment.get("AIVID_CALLBACK_POLL_MILLIS");
    long pollMillis;
    try {
      pollMillis = poll == null || poll.isBlank() ? DEFAULT_POLL_MILLIS_WITH_CALLBACKS : Long.parseLong(poll.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "invalid_number", "AIVID_CALLBACK_POLL_MILLIS must be an integer, got '" + poll + "'");
    }
    return new CallbackConfig(base == null || base.isBlank() ? null : parse(base.strip()), pollMillis);
  }

  private static URI parse(String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException("invalid_public_base_url", "AIVID_PUBLIC_BASE_URL is not a URL");
    }
  }

  public CallbackConfig withPublicBaseUrl(@Nullable URI url) {
    return new CallbackConfig(url, pollMillisWithCallbacks);
  }

  public CallbackConfig withPollMillis(long millis) {
    return new CallbackConfig(publicBaseUrl, millis);
  }
}
