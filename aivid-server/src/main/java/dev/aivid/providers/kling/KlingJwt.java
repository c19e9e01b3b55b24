package dev.aivid.providers.kling;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Kling's access-key token (providers.md §2.1): an HS256 JWT with {@code iss} = access key, valid
 * from five seconds before {@code now} for thirty minutes, signed with the secret key.
 */
final class KlingJwt {
  static final Duration LIFETIME = Duration.ofMinutes(30);
  static final Duration NOT_BEFORE_MARGIN = Duration.ofSeconds(5);

  private static final Base64.Encoder BASE64_URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");

  private KlingJwt() {}

  static String sign(String accessKey, String secretKey, Instant now) {
    ObjectNode payload = JsonNodeFactory.instance.objectNode();
    payload.put("iss", accessKey);
    payload.put("exp", now.plus(LIFETIME).getEpochSecond());
    payload.put("nbf", now.minus(NOT_BEFORE_MARGIN).getEpochSecond());
    String signingInput = HEADER + "." + encode(payload.toString());
    return signingInput + "." + BASE64_URL.encodeToString(hmacSha256(secretKey, signingInput));
  }

  static byte[] hmacSha256(String secretKey, String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      // Every JDK ships HmacSHA256, and any non-empty key is a valid HMAC key.
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String encode(String json) {
    return BASE64_URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
