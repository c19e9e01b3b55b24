package dev.aivid.webhooks.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks symmetric signatures (github.com/standard-webhooks/standard-webhooks,
 * spec/standard-webhooks.md, "Signature scheme" and "Webhook headers"): a secret is {@code whsec_}
 * followed by the base64 of 24 to 64 random bytes; a signature is {@code v1,} followed by the base64
 * of HMAC-SHA256 over {@code {webhook-id}.{webhook-timestamp}.{body}}, keyed with the decoded bytes.
 */
public final class WebhookSignature {
  public static final String SECRET_PREFIX = "whsec_";
  private static final int KEY_BYTES = 32;

  private WebhookSignature() {}

  public static byte[] newKey(RandomGenerator random) {
    byte[] key = new byte[KEY_BYTES];
    random.nextBytes(key);
    return key;
  }

  public static String secret(byte[] key) {
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The key bytes of a {@code whsec_…} secret (the prefix is optional, as the spec's libraries accept). */
  public static byte[] key(String secret) {
    String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    return Base64.getDecoder().decode(encoded);
  }

  public static String sign(byte[] key, String messageId, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is mandatory in every JDK", e);
    }
  }
}
