package dev.aivid.providers.kling;

import java.time.InstantSource;

/**
 * The {@code Authorization} header of one credential. An access-key credential signs a new JWT for
 * every request from the injected clock, so a token never outlives its thirty minutes. Never
 * printed: {@link #toString} names the kind only.
 */
sealed interface KlingAuthorization {
  String header();

  KlingApi api();

  static KlingAuthorization apiKey(String apiKey) {
    return new ApiKey(apiKey);
  }

  static KlingAuthorization accessKey(String accessKey, String secretKey, InstantSource clock) {
    return new AccessKey(accessKey, secretKey, clock);
  }

  final class ApiKey implements KlingAuthorization {
    private final String apiKey;

    private ApiKey(String apiKey) {
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("api_key must not be blank");
      }
      this.apiKey = apiKey;
    }

    @Override
    public String header() {
      return "Bearer " + apiKey;
    }

    @Override
    public KlingApi api() {
      return KlingApi.PATH_MODEL;
    }

    @Override
    public String toString() {
      return "KlingAuthorization[api_key]";
    }
  }

  final class AccessKey implements KlingAuthorization {
    private final String accessKey;
    private final String secretKey;
    private final InstantSource clock;

    private AccessKey(String accessKey, String secretKey, InstantSource clock) {
      if (accessKey.isBlank() || secretKey.isBlank()) {
        throw new IllegalArgumentException("access_key and secret_key must not be blank");
      }
      this.accessKey = accessKey;
      this.secretKey = secretKey;
      this.clock = clock;
    }

    @Override
    public String header() {
      return "Bearer " + KlingJwt.sign(accessKey, secretKey, clock.instant());
    }

    @Override
    public KlingApi api() {
      return KlingApi.LEGACY;
    }

    @Override
    public String toString() {
      return "KlingAuthorization[access_key, secret_key]";
    }
  }
}
