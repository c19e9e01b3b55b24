package dev.aivid.providers.runway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.http.ProviderHttp;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * Runway adapters: credential {@code api_key}, optional {@code base_url} (default {@value
 * #DEFAULT_BASE_URL}; a trailing {@code /v1} is accepted and removed, since every path carries it).
 */
public final class RunwayProviderFactory implements ProviderFactory {
  public static final String DEFAULT_BASE_URL = "https://api.dev.runwayml.com";

  private final ProviderHttp http;
  private final ObjectMapper json;

  /**
   * @param clock accepted for the common factory shape; Runway's calls need no clock (no signed
   *     tokens, and task timestamps are only reported)
   */
  public RunwayProviderFactory(ProviderHttp http, ObjectMapper json, InstantSource clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.json = Objects.requireNonNull(json, "json");
    Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return RunwayProvider.NAME;
  }

  @Override
  public List<List<String>> credentialShapes() {
    return List.of(List.of("api_key"));
  }

  @Override
  public List<String> optionalFields() {
    return List.of("base_url");
  }

  @Override
  public VideoProvider create(ProviderCredential credential) {
    String apiKey = credential.get("api_key");
    if (apiKey == null) {
      throw new IllegalArgumentException("A Runway credential needs api_key");
    }
    return new RunwayProvider(
        http, json, apiKey.strip(), baseUrl(credential.getOrDefault("base_url", DEFAULT_BASE_URL)));
  }

  @Override
  public ProviderHttp http() {
    return http;
  }

  static String baseUrl(String configured) {
    String trimmed = configured.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.endsWith("/v1")) {
      trimmed = trimmed.substring(0, trimmed.length() - "/v1".length());
    }
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The Runway base_url is not a URL");
    }
    if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("The Runway base_url must be an http(s) URL with a host");
    }
    return trimmed;
  }
}
