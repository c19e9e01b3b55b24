package dev.aivid.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.webhooks.internal.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The test vector of the Standard Webhooks reference libraries (libraries/go/webhook_test.go, TestWebhookSign). */
class WebhookSignatureTest {
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String MESSAGE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsTheSpecificationsTestVector() {
    assertThat(WebhookSignature.sign(WebhookSignature.key(SECRET), MESSAGE_ID, TIMESTAMP, PAYLOAD)).isEqualTo(EXPECTED);
  }

  @Test
  void theReceiversVerifierAcceptsTheVectorAmongOtherSignaturesAndRejectsAnyChange() {
    String others = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    assertThat(WebhookReceiver.verify(SECRET, MESSAGE_ID, "1614265330", PAYLOAD, EXPECTED)).isTrue();
    assertThat(WebhookReceiver.verify(SECRET, MESSAGE_ID, "1614265330", PAYLOAD, others + " " + EXPECTED)).isTrue();
    assertThat(WebhookReceiver.verify(SECRET, MESSAGE_ID, "1614265330", PAYLOAD, others)).isFalse();
    assertThat(WebhookReceiver.verify(SECRET, MESSAGE_ID, "1614265331", PAYLOAD, EXPECTED)).isFalse();
    assertThat(WebhookReceiver.verify(SECRET, "msg_other", "1614265330", PAYLOAD, EXPECTED)).isFalse();
    assertThat(
            WebhookReceiver.verify(
                SECRET, MESSAGE_ID, "1614265330", "{\"test\":2432232314}".getBytes(StandardCharsets.UTF_8), EXPECTED))
        .isFalse();
  }

  @Test
  void aNewSecretIsWhsecAndBase64OfThirtyTwoRandomBytes() {
    byte[] key = WebhookSignature.newKey(new Random(1));
    String secret = WebhookSignature.secret(key);
    assertThat(secret).startsWith("whsec_");
    assertThat(WebhookSignature.key(secret)).hasSize(32).isEqualTo(key);
  }
}
