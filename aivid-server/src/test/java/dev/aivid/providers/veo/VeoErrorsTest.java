package dev.aivid.providers.veo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.http.HttpReply;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Google's error envelope read without a server: the cases the fake does not produce. */
class VeoErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  // Google sends google.rpc.RetryInfo {retryDelay: "33s"} on 429 RESOURCE_EXHAUSTED, often without Retry-After.
  @Test
  void aRateLimitWithoutRetryAfterWaitsForTheRetryInfoDelay() throws Exception {
    String body =
        "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"quota\",\"details\":"
            + "[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"33.5s\"}]}}";

    ProviderOutcome.ProviderError<String> error = VeoErrors.fromReply(reply(429, body), JSON.readTree(body), "create", text -> text);

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.RATE_LIMITED);
    assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(34));
  }

  // A proxy's HTML error page has no envelope: classified by status, quoted from the body.
  @Test
  void aBodyWithoutTheEnvelopeIsClassifiedByItsStatus() {
    ProviderOutcome.ProviderError<String> error =
        VeoErrors.fromReply(reply(502, "<html>Bad Gateway</html>"), JSON.missingNode(), "poll", text -> text);

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE);
    assertThat(error.message()).contains("Bad Gateway");
  }

  // Only error.message is quoted (details may echo the key, DebugInfo); the redactor removes it from the rest.
  @Test
  void theSecretIsRedactedFromEveryMessage() throws Exception {
    String body = "{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\",\"message\":\"bad key sk-secret\"}}";
    JsonNode node = JSON.readTree(body);

    ProviderOutcome.ProviderError<String> error =
        VeoErrors.fromReply(reply(400, body), node, "create", text -> text.replace("sk-secret", "***"));

    assertThat(error.message()).doesNotContain("sk-secret").contains("***");
  }

  private static HttpReply reply(int status, String body) {
    return new HttpReply(
        status, HttpHeaders.of(Map.of(), (name, value) -> true), body.getBytes(StandardCharsets.UTF_8), null);
  }
}
