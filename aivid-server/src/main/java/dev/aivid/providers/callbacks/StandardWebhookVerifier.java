package dev.aivid.providers.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks an inbound webhook signed per Standard Webhooks (the scheme OpenAI signs its webhooks
 * with): HMAC-SHA256 over {@code {webhook-id}.{webhook-timestamp}.{body}} keyed with the base64 after
 * {@code whsec_}, sent as space-separated {@code v1,<base64>} in {@code webhook-signature}, with the
 * timestamp within the tolerance of now. The outbound signer lives in the webhooks feature, which
 * providers may not reach into; both follow the same spec, and the tests sign with the outbound one.
 */
public final class StandardWebhookVerifier {
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  private static final String SECRET_PREFIX = "whsec_";
  private static final int MAX_SIGNATURES = 16;

  private final byte[] key;
  private final Duration tolerance;

  /** @throws IllegalArgumentException when the secret is not base64 (after an optional {@code whsec_}) */
  public StandardWebhookVerifier(String secret, Duration tolerance) {
    String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    try {
      this.key = Base64.getDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a webhook secret is whsec_ followed by base64");
    }
    if (key.length < 16) {
      throw new IllegalArgumentException("a webhook secret must hold at least 16 bytes");
    }
    this.tolerance = tolerance;
  }

  /** @param headers request headers by lower-case name */
  public SignatureCheck check(Map<String, String> headers, byte[] body, Instant now) {
    String id = headers.get("webhook-id");
    String timestamp = headers.get("webhook-timestamp");
    String signatures = headers.get("webhook-signature");
    if (blank(id) || blank(timestamp) || blank(signatures) || id.length() > 256 || signatures.length() > 4096) {
      return SignatureCheck.MISSING_HEADERS;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return SignatureCheck.MISSING_HEADERS;
    }
    long skew = Math.abs(now.getEpochSecond() - seconds);
    if (seconds < 0 || skew > tolerance.toSeconds()) {
      return SignatureCheck.STALE_TIMESTAMP;
    }
    byte[] signedContent = concat((id + "." + seconds + ".").getBytes(StandardCharsets.UTF_8), body);
    byte[] expected = CallbackLinks.hmac(key, signedContent);
    String[] parts = signatures.strip().split("\\s+");
    for (int index = 0; index < Math.min(parts.length, MAX_SIGNATURES); index++) {
      String part = parts[index];
      int comma = part.indexOf(',');
      if (comma <= 0 || !part.substring(0, comma).toLowerCase(Locale.ROOT).equals("v1")) {
        continue;
      }
      byte[] presented;
      try {
        presented = Base64.getDecoder().decode(part.substring(comma + 1));
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (MessageDigest.isEqual(presented, expected)) {
        return SignatureCheck.VALID;
      }
    }
    return SignatureCheck.BAD_SIGNATURE;
  }

  private static boolean blank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] joined = new byte[first.length + second.length];
    System.arraycopy(first, 0, joined, 0, first.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }

  @Override
  public String toString() {
    return "StandardWebhookVerifier[tolerance=" + tolerance + "]";
  }
}
