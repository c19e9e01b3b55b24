package dev.aivid.providers.veo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.http.ProviderHttp;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Google Veo. An {@code api_key} credential speaks to the Gemini API; {@code access_token},
 * {@code project} and {@code location} speak to Vertex AI (an api_key wins when both are given).
 * Optional: {@code base_url} replaces Google's hosts (tests, a proxy); {@code storage_uri} ({@code
 * gs://bucket/prefix}, Vertex only) makes Vertex write results to Cloud Storage instead of
 * answering them inline as base64.
 */
public final class VeoProviderFactory implements ProviderFactory {
  public static final String NAME = "veo";

  private final ProviderHttp http;
  private final ObjectMapper json;

  public VeoProviderFactory(ProviderHttp http, ObjectMapper json, InstantSource clock) {
    this.http = http;
    this.json = json;
    Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<List<String>> credentialShapes() {
    return List.of(List.of("api_key"), List.of("access_token", "project", "location"));
  }

  @Override
  public List<String> optionalFields() {
    return List.of("base_url", "storage_uri");
  }

  @Override
  public VideoProvider create(ProviderCredential credential) {
    String baseUrl = baseUrl(credential.get("base_url"));
    String apiKey = credential.get("api_key");
    if (apiKey != null) {
      return VeoProvider.gemini(http, json, apiKey, baseUrl);
    }
    String accessToken = credential.get("access_token");
    String project = credential.get("project");
    String location = credential.get("location");
    if (accessToken == null || project == null || location == null) {
      throw new IllegalArgumentException("a veo credential needs api_key, or access_token, project and location");
    }
    return VeoProvider.vertex(
        http, json, new VeoBackend.VertexAi(project, location, credential.get("storage_uri")), accessToken, baseUrl);
  }

  @Override
  public ProviderHttp http() {
    return http;
  }

  private static String baseUrl(@Nullable String value) {
    if (value == null) {
      return "";
    }
    URI uri = URI.create(value.strip());
    if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
      throw new IllegalArgumentException("base_url must be an http(s) URL");
    }
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
