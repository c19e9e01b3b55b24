package dev.aivid.providers.kling;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.http.ProviderHttp;
import java.net.URI;
import java.time.InstantSource;
import dev.aivid.providers.callbacks.CallbackNotice;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * Kling adapters. An {@code api_key} speaks the API-key API (model in the path); an {@code
 * access_key} with a {@code secret_key} speaks the legacy API with a JWT per request, which also
 * carries camera_control, negative_prompt, reference images and native extend. A credential with
 * both uses the access key pair, for those extra controls.
 */
public final class KlingProviderFactory implements ProviderFactory {
  public static final String NAME = "kling";
  static final String SINGAPORE = "https://api-singapore.klingai.com";
  static final String BEIJING = "https://api-beijing.klingai.com";

  private final ProviderHttp http;
  private final ObjectMapper json;
  private final InstantSource clock;

  public KlingProviderFactory(ProviderHttp http, ObjectMapper json, InstantSource clock) {
    this.http = http;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<List<String>> credentialShapes() {
    return List.of(List.of("api_key"), List.of("access_key", "secret_key"));
  }

  @Override
  public List<String> optionalFields() {
    return List.of("base_url", "region");
  }

  @Override
  public Optional<CallbackNotice> readCallback(byte[] body) {
    return KlingCallbackBody.read(json, body);
  }

  @Override
  public VideoProvider create(ProviderCredential credential) {
    String accessKey = credential.get("access_key");
    String secretKey = credential.get("secret_key");
    String apiKey = credential.get("api_key");
    KlingAuthorization authorization;
    if (accessKey != null && secretKey != null) {
      authorization = KlingAuthorization.accessKey(accessKey, secretKey, clock);
    } else if (apiKey != null) {
      authorization = KlingAuthorization.apiKey(apiKey);
    } else {
      throw new IllegalArgumentException(
          "a Kling credential needs api_key, or access_key and secret_key; it has " + credential);
    }
    return new KlingProvider(http, json, baseUrl(credential), authorization);
  }

  @Override
  public ProviderHttp http() {
    return http;
  }

  private static String baseUrl(ProviderCredential credential) {
    String baseUrl = credential.get("base_url");
    if (baseUrl != null) {
      URI uri;
      try {
        uri = URI.create(baseUrl.strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("base_url is not a URL");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
        throw new IllegalArgumentException("base_url must be an http(s) URL");
      }
      return baseUrl.strip();
    }
    String region = credential.getOrDefault("region", "singapore").strip().toLowerCase(Locale.ROOT);
    return switch (region) {
      case "singapore" -> SINGAPORE;
      case "beijing" -> BEIJING;
      default -> throw new IllegalArgumentException("region must be singapore or beijing");
    };
  }
}
