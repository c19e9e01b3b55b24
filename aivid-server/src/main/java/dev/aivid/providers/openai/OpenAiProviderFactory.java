package dev.aivid.providers.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.callbacks.CallbackNotice;
import dev.aivid.providers.callbacks.StandardWebhookVerifier;
import dev.aivid.providers.http.ProviderHttp;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapters for the OpenAI Videos API. A credential is {@code api_key} plus an optional {@code
 * base_url}: OpenAI's own ({@value #DEFAULT_BASE_URL}) by default, {@code http://host:port/v1} for
 * another AIVid or any other compatible endpoint.
 */
public final class OpenAiProviderFactory implements ProviderFactory {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiProviderFactory.class);
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  public static final String API_KEY = "api_key";
  public static final String BASE_URL = "base_url";
  /** The project's webhook signing secret ({@code whsec_…}), e.g. {@code AIVID_PROVIDER_OPENAI_WEBHOOK_SECRET}. */
  public static final String WEBHOOK_SECRET = "webhook_secret";

  private final ProviderHttp http;
  private final ObjectMapper json;
  private final InstantSource clock;

  public OpenAiProviderFactory(ProviderHttp http, ObjectMapper json, InstantSource clock) {
    this.http = http;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public String name() {
    return OpenAiProvider.NAME;
  }

  @Override
  public List<List<String>> credentialShapes() {
    return List.of(List.of(API_KEY));
  }

  @Override
  public List<String> optionalFields() {
    return List.of(BASE_URL, WEBHOOK_SECRET);
  }

  /**
   * @throws IllegalArgumentException when the credential has no {@code api_key} or its {@code
   *     base_url} is not an http(s) URL; the message names the field, never its value
   */
  @Override
  public VideoProvider create(ProviderCredential credential) {
    String apiKey = credential.get(API_KEY);
    if (apiKey == null) {
      throw new IllegalArgumentException("the openai credential needs api_key");
    }
    if (apiKey.chars().anyMatch(character -> character < 0x21 || character > 0x7e)) {
      throw new IllegalArgumentException("the openai api_key holds spaces or control characters");
    }
    return new OpenAiProvider(
        http, json, clock, baseUrl(credential.getOrDefault(BASE_URL, DEFAULT_BASE_URL)), apiKey, webhooks(credential));
  }

  /**
   * The checker of the project's signed webhooks. A malformed secret must not stop renders, which
   * are polled anyway: the adapter then has no checker, and every webhook is refused as {@code
   * no_secret} (logged once per adapter).
   */
  private static @Nullable StandardWebhookVerifier webhooks(ProviderCredential credential) {
    String secret = credential.get(WEBHOOK_SECRET);
    if (secret == null || secret.isBlank()) {
      return null;
    }
    try {
      return new StandardWebhookVerifier(secret, StandardWebhookVerifier.DEFAULT_TOLERANCE);
    } catch (IllegalArgumentException e) {
      LOG.warn("The openai webhook_secret is not whsec_ followed by base64; its webhooks will be refused");
      return null;
    }
  }

  @Override
  public Optional<CallbackNotice> readCallback(byte[] body) {
    return OpenAiWebhookEvent.read(json, body);
  }

  @Override
  public ProviderHttp http() {
    return http;
  }

  /** The base URL without a trailing slash, so paths append as {@code /videos}. */
  static String baseUrl(String value) {
    String trimmed = value.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the openai base_url is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null
        || uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "the openai base_url must be an http(s) URL such as https://api.openai.com/v1, without"
              + " query or user info");
    }
    return trimmed;
  }
}
