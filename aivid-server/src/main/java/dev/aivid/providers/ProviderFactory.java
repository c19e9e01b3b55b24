package dev.aivid.providers;

import dev.aivid.providers.callbacks.CallbackNotice;
import java.util.List;
import java.util.Optional;

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

  /**
   * Reads the body of a callback this provider sent: the render it names and the status it claims
   * (which AIVid checks by polling, never trusts); empty when the body is not one of this provider's
   * callbacks, or the provider never calls back.
   */
  default Optional<CallbackNotice> readCallback(byte[] body) {
    return Optional.empty();
  }

  /** The one HTTP client of this provider, for health (circuit state) and metrics. */
  dev.aivid.providers.http.ProviderHttp http();
}
