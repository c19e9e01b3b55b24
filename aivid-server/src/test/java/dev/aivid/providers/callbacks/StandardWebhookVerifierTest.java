package dev.aivid.providers.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.Headers;
import com.openai.models.webhooks.WebhookVerificationParams;
import dev.aivid.webhooks.internal.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * The inbound Standard Webhooks check, against signatures made by AIVid's own outbound signer and
 * cross-checked with the official openai-java SDK's {@code webhooks().verifySignature}.
 */
class StandardWebhookVerifierTest {
  private static final String SECRET =
      WebhookSignature.secret("openai-project-webhook-secret-32b".getBytes(StandardCharsets.US_ASCII));
  private static final StandardWebhookVerifier VERIFIER =
      new StandardWebhookVerifier(SECRET, StandardWebhookVerifier.DEFAULT_TOLERANCE);
  private static final Instant NOW = Instant.parse("2026-11-25T21:00:00Z");
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"video.completed\",\"data\":{\"id\":\"video_1\"}}"
          .getBytes(StandardCharsets.UTF_8);

  private static Map<String, String> headers(String secret, String id, long timestamp, byte[] body) {
    Map<String, String> headers = new HashMap<>();
    headers.put("webhook-id", id);
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", WebhookSignature.sign(WebhookSignature.key(secret), id, timestamp, body));
    return headers;
  }

  @Test
  void aSignatureOverIdTimestampAndBodyWithinFiveMinutesIsValid() {
    assertThat(VERIFIER.check(headers(SECRET, "evt_1", NOW.getEpochSecond(), BODY), BODY, NOW))
        .isEqualTo(SignatureCheck.VALID);
    assertThat(VERIFIER.check(headers(SECRET, "evt_1", NOW.getEpochSecond() - 299, BODY), BODY, NOW))
        .isEqualTo(SignatureCheck.VALID);
  }

  @Test
  void aTimestampMoreThanFiveMinutesOffEitherWayIsStale() {
    assertThat(VERIFIER.check(headers(SECRET, "evt_1", NOW.getEpochSecond() - 301, BODY), BODY, NOW))
        .isEqualTo(SignatureCheck.STALE_TIMESTAMP);
    assertThat(VERIFIER.check(headers(SECRET, "evt_1", NOW.getEpochSecond() + 301, BODY), BODY, NOW))
        .isEqualTo(SignatureCheck.STALE_TIMESTAMP);
  }

  @Test
  void anotherSecretAnAlteredBodyOrAnotherIdIsABadSignature() {
    String other = WebhookSignature.secret("another-projects-secret-32-bytes".getBytes(StandardCharsets.US_ASCII));
    long now = NOW.getEpochSecond();
    byte[] altered = new String(BODY, StandardCharsets.UTF_8).replace("completed", "failed").getBytes(StandardCharsets.UTF_8);
    Map<String, String> otherId = headers(SECRET, "evt_1", now, BODY);
    otherId.put("webhook-id", "evt_2");

    assertThat(VERIFIER.check(headers(other, "evt_1", now, BODY), BODY, NOW)).isEqualTo(SignatureCheck.BAD_SIGNATURE);
    assertThat(VERIFIER.check(headers(SECRET, "evt_1", now, BODY), altered, NOW)).isEqualTo(SignatureCheck.BAD_SIGNATURE);
    assertThat(VERIFIER.check(otherId, BODY, NOW)).isEqualTo(SignatureCheck.BAD_SIGNATURE);
  }

  @Test
  void oneMatchingSignatureAmongSeveralIsEnoughAsWhenASecretIsRotated() {
    String other = WebhookSignature.secret("another-projects-secret-32-bytes".getBytes(StandardCharsets.US_ASCII));
    long now = NOW.getEpochSecond();
    Map<String, String> headers = headers(SECRET, "evt_1", now, BODY);
    headers.put(
        "webhook-signature",
        WebhookSignature.sign(WebhookSignature.key(other), "evt_1", now, BODY) + " " + headers.get("webhook-signature"));

    assertThat(VERIFIER.check(headers, BODY, NOW)).isEqualTo(SignatureCheck.VALID);
  }

  @Test
  void missingOrMalformedHeadersAreReportedAsSuch() {
    Map<String, String> noId = headers(SECRET, "evt_1", NOW.getEpochSecond(), BODY);
    noId.remove("webhook-id");
    Map<String, String> wordTimestamp = headers(SECRET, "evt_1", NOW.getEpochSecond(), BODY);
    wordTimestamp.put("webhook-timestamp", "yesterday");

    assertThat(VERIFIER.check(Map.of(), BODY, NOW)).isEqualTo(SignatureCheck.MISSING_HEADERS);
    assertThat(VERIFIER.check(noId, BODY, NOW)).isEqualTo(SignatureCheck.MISSING_HEADERS);
    assertThat(VERIFIER.check(wordTimestamp, BODY, NOW)).isEqualTo(SignatureCheck.MISSING_HEADERS);
  }

  @Test
  void aSecretThatIsNotBase64IsRefusedUpFront() {
    assertThatThrownBy(() -> new StandardWebhookVerifier("whsec_not base64!", Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theOfficialOpenAiSdkAcceptsAndRefusesWhatThisVerifierDoes() {
    OpenAIClient client = OpenAIOkHttpClient.builder().apiKey("sk-test").webhookSecret(SECRET).build();
    try {
      long now = Instant.now().getEpochSecond();
      Map<String, String> valid = headers(SECRET, "evt_sdk", now, BODY);
      Map<String, String> stale = headers(SECRET, "evt_sdk", now - 600, BODY);
      String other = WebhookSignature.secret("another-projects-secret-32-bytes".getBytes(StandardCharsets.US_ASCII));
      Map<String, String> forged = headers(other, "evt_sdk", now, BODY);

      assertThatCode(() -> client.webhooks().verifySignature(params(valid))).doesNotThrowAnyException();
      assertThat(VERIFIER.check(valid, BODY, Instant.now())).isEqualTo(SignatureCheck.VALID);
      assertThatThrownBy(() -> client.webhooks().verifySignature(params(stale)));
      assertThat(VERIFIER.check(stale, BODY, Instant.now())).isEqualTo(SignatureCheck.STALE_TIMESTAMP);
      assertThatThrownBy(() -> client.webhooks().verifySignature(params(forged)));
      assertThat(VERIFIER.check(forged, BODY, Instant.now())).isEqualTo(SignatureCheck.BAD_SIGNATURE);
    } finally {
      client.close();
    }
  }

  private static WebhookVerificationParams params(Map<String, String> headers) {
    Headers.Builder builder = Headers.builder();
    headers.forEach(builder::put);
    return WebhookVerificationParams.builder().payload(BODY).headers(builder.build()).build();
  }

  @Property(tries = 500)
  void arbitraryHeadersAndBodiesAreRefusedWithoutAnException(
      @ForAll @StringLength(max = 80) String id,
      @ForAll @StringLength(max = 40) String timestamp,
      @ForAll @StringLength(max = 200) String signature,
      @ForAll @StringLength(max = 200) String body) {
    Map<String, String> headers = Map.of("webhook-id", id, "webhook-timestamp", timestamp, "webhook-signature", signature);

    assertThat(VERIFIER.check(headers, body.getBytes(StandardCharsets.UTF_8), NOW)).isNotEqualTo(SignatureCheck.VALID);
  }

  @Property(tries = 300)
  void everySignedBodyVerifiesAndAnyChangedByteDoesNot(
      @ForAll @StringLength(min = 1, max = 300) String body,
      @ForAll @LongRange(min = -300, max = 300) long skewSeconds) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long timestamp = NOW.getEpochSecond() + skewSeconds;
    Map<String, String> headers = headers(SECRET, "evt_p", timestamp, bytes);
    byte[] changed = bytes.clone();
    changed[changed.length / 2] ^= 0x01;

    assertThat(VERIFIER.check(headers, bytes, NOW)).isEqualTo(SignatureCheck.VALID);
    assertThat(VERIFIER.check(headers, changed, NOW)).isEqualTo(SignatureCheck.BAD_SIGNATURE);
  }
}
