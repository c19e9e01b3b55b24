package dev.aivid.providers.callbacks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The callback URL of one render, {@code <public base URL>/v1/provider-callbacks/<provider>/<token>},
 * and the check of a token that comes back. A token is {@code <video id>.<HMAC-SHA256 of provider and
 * video id>} under a key derived from the server secret key: stateless, different for every job and
 * provider, and not computable without the key, so no callback can be forged for another job.
 */
public final class CallbackLinks {
  public static final String PATH_PREFIX = "/v1/provider-callbacks/";
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  private static final Pattern PROVIDER = Pattern.compile("[a-z0-9_-]{1,40}");
  private static final String KEY_PURPOSE = "aivid provider callback tokens v1";

  private final @Nullable URI publicBaseUrl;
  private final byte[] tokenKey;
  private final Duration pollIntervalWithCallbacks;

  /**
   * @param publicBaseUrl where providers reach this deployment ({@code AIVID_PUBLIC_BASE_URL}); null
   *     turns callbacks off
   * @param serverSecretKey the server's secret key; the token key is derived from it, so the key
   *     itself is never used for two purposes
   * @param pollIntervalWithCallbacks how long a render that will be called back waits between
   *     fallback polls
   */
  public CallbackLinks(@Nullable URI publicBaseUrl, byte[] serverSecretKey, Duration pollIntervalWithCallbacks) {
    if (serverSecretKey.length < 16) {
      throw new IllegalArgumentException("the server secret key must have at least 16 bytes");
    }
    if (pollIntervalWithCallbacks.isNegative() || pollIntervalWithCallbacks.isZero()) {
      throw new IllegalArgumentException("pollIntervalWithCallbacks must be positive");
    }
    if (publicBaseUrl != null) {
      String scheme = String.valueOf(publicBaseUrl.getScheme());
      if (!(scheme.equals("http") || scheme.equals("https")) || publicBaseUrl.getHost() == null) {
        throw new IllegalArgumentException("the public base URL must be an absolute http(s) URL");
      }
    }
    this.publicBaseUrl = publicBaseUrl;
    this.tokenKey = hmac(serverSecretKey, KEY_PURPOSE.getBytes(StandardCharsets.UTF_8));
    this.pollIntervalWithCallbacks = pollIntervalWithCallbacks;
  }

  /** No public URL: every render is polled at the standard pace. */
  public static CallbackLinks disabled(byte[] serverSecretKey) {
    return new CallbackLinks(null, serverSecretKey, Duration.ofSeconds(30));
  }

  public boolean enabled() {
    return publicBaseUrl != null;
  }

  public Duration pollIntervalWithCallbacks() {
    return pollIntervalWithCallbacks;
  }

  /** The URL {@code provider} should call when the render of {@code jobId} changes; empty when off. */
  public Optional<URI> url(String provider, String jobId) {
    if (publicBaseUrl == null) {
      return Optional.empty();
    }
    String base = publicBaseUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return Optional.of(URI.create(base + PATH_PREFIX + provider + "/" + token(provider, jobId)));
  }

  /** The per-job token of {@code provider}'s callback URL. */
  public String token(String provider, String jobId) {
    if (!PROVIDER.matcher(provider).matches() || !JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("provider or job id has characters a URL token cannot carry");
    }
    return jobId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(provider, jobId));
  }

  /** The job a token was issued for, when it is authentic for {@code provider}; constant-time compare. */
  public Optional<String> jobId(String provider, String token) {
    int dot = token.lastIndexOf('.');
    if (dot <= 0 || token.length() > 200 || !PROVIDER.matcher(provider).matches()) {
      return Optional.empty();
    }
    String jobId = token.substring(0, dot);
    if (!JOB_ID.matcher(jobId).matches()) {
      return Optional.empty();
    }
    byte[] presented;
    try {
      presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return MessageDigest.isEqual(presented, mac(provider, jobId)) ? Optional.of(jobId) : Optional.empty();
  }

  private byte[] mac(String provider, String jobId) {
    return hmac(tokenKey, (provider + "\n" + jobId).getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is mandatory in every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "CallbackLinks[publicBaseUrl=" + publicBaseUrl + ", pollIntervalWithCallbacks=" + pollIntervalWithCallbacks + "]";
  }
}
