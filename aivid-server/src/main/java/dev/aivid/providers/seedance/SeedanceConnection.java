package dev.aivid.providers.seedance;

import dev.aivid.providers.ProviderCredential;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One credential read once: the API base (the region's, or {@code base_url}), the region (which
 * picks the model ids even when {@code base_url} points elsewhere) and an optional endpoint id
 * sent as {@code model} instead of the model id.
 */
record SeedanceConnection(
    URI baseUrl, SeedanceRegion region, String apiKey, @Nullable String endpointId) {
  SeedanceConnection {
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException("seedance base_url must be an absolute http(s) URL");
    }
    if (apiKey.isBlank()) {
      throw new IllegalArgumentException("seedance credential needs api_key");
    }
    if (endpointId != null && !endpointId.matches("ep-[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException("seedance endpoint_id must look like ep-…");
    }
  }

  static SeedanceConnection from(ProviderCredential credential) {
    SeedanceRegion region = SeedanceRegion.fromField(credential.get("region"));
    String baseUrl = credential.get("base_url");
    URI base = baseUrl == null ? region.defaultBaseUrl() : URI.create(stripTrailingSlash(baseUrl.strip()));
    String apiKey = credential.get("api_key");
    if (apiKey == null) {
      throw new IllegalArgumentException("seedance credential needs api_key");
    }
    String endpointId = credential.get("endpoint_id");
    return new SeedanceConnection(base, region, apiKey.strip(), endpointId == null ? null : endpointId.strip());
  }

  /** {@code path} below the API base, e.g. {@code /contents/generations/tasks}. */
  URI resolve(String path) {
    return URI.create(stripTrailingSlash(baseUrl.toString()) + path);
  }

  private static String stripTrailingSlash(String url) {
    String result = url;
    while (result.endsWith("/")) {
      result = result.substring(0, result.length() - 1);
    }
    return result;
  }

  @Override
  public String toString() {
    return "SeedanceConnection[" + baseUrl + ", " + region.wireName() + "]";
  }
}
