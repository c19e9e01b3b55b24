package dev.aivid.providers;

import java.util.List;

/**
 * Builds a provider adapter for one organisation's credential. The factory owns the provider's one
 * HTTP client (timeouts, retries, circuit breaker), so every adapter it makes shares them.
 */
public interface ProviderFactory {
  /** The catalog's provider name ({@code kling}, {@code seedance}…). */
  String name();

  /**
   * The accepted credential shapes: each inner list is one complete set of required fields (Kling:
   * {@code [api_key]} or {@code [access_key, secret_key]}).
   */
  List<List<String>> credentialShapes();

  /** Optional fields a credential may carry ({@code base_url}, {@code region}…). */
  List<String> optionalFields();

  /** An adapter that speaks for this credential; cheap, so callers may cache or rebuild it. */
  VideoProvider create(ProviderCredential credential);

  /** The one HTTP client of this provider, for health (circuit state) and metrics. */
  dev.aivid.providers.http.ProviderHttp http();
}
