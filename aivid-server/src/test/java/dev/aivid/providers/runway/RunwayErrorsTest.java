package dev.aivid.providers.runway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome.ProviderError;
import dev.aivid.providers.http.CircuitBreaker;
import dev.aivid.providers.http.HttpReply;
import dev.aivid.providers.http.HttpSettings;
import dev.aivid.providers.http.ProviderHttp;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Runway's error vocabulary (research/providers.md §5.4) and credential shape, without a server.
 */
class RunwayErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void a400ThatExplainsMissingCreditsIsInsufficientBalance() {
    // §5.4 has no status of its own for an empty balance; Runway says so in a 400's `error` text.
    ProviderError<String> error =
        RunwayErrors.fromReply(
            reply(400, "{\"error\":\"You do not have enough credits to run this task.\"}"),
            JSON,
            "create");

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.INSUFFICIENT_BALANCE);
    assertThat(error.message()).contains("enough credits");
  }

  @Test
  void aNonJsonErrorBodyIsQuotedAsIs() {
    ProviderError<String> error =
        RunwayErrors.fromReply(reply(502, "<html>Bad gateway</html>"), JSON, "task query");

    assertThat(error.code()).isEqualTo(ProviderErrorCodes.UNAVAILABLE);
    assertThat(error.message())
        .isEqualTo("Runway task query answered 502: <html>Bad gateway</html>");
  }

  @Test
  void everySafetyFailureCodeIsAContentPolicyViolationAndTheRestRenderFailures() {
    // §5.4 [DOC errors/task-failures]: SAFETY.INPUT.* and SAFETY.OUTPUT.* are moderation.
    assertThat(RunwayErrors.failureCode("SAFETY.INPUT.IMAGE"))
        .isEqualTo(ProviderErrorCodes.CONTENT_POLICY);
    assertThat(RunwayErrors.failureCode("SAFETY.OUTPUT.VIDEO"))
        .isEqualTo(ProviderErrorCodes.CONTENT_POLICY);
    assertThat(RunwayErrors.failureCode("INPUT_PREPROCESSING.SAFETY.TEXT"))
        .isEqualTo(ProviderErrorCodes.CONTENT_POLICY);
    assertThat(RunwayErrors.failureCode("INTERNAL.BAD_OUTPUT.CODE01"))
        .isEqualTo(ProviderErrorCodes.RENDER_FAILED);
    assertThat(RunwayErrors.failureCode("")).isEqualTo(ProviderErrorCodes.RENDER_FAILED);
  }

  @Test
  void theFactoryTakesAnApiKeyAndAnOptionalBaseUrl() {
    // §5.1 [SDK _client.py]: base https://api.dev.runwayml.com, Bearer key.
    RunwayProviderFactory factory = new RunwayProviderFactory(http(), JSON, InstantSource.system());

    assertThat(factory.name()).isEqualTo("runway");
    assertThat(factory.credentialShapes()).isEqualTo(List.of(List.of("api_key")));
    assertThat(factory.optionalFields()).containsExactly("base_url");
    assertThat(RunwayProviderFactory.baseUrl("https://api.dev.runwayml.com/v1/"))
        .isEqualTo("https://api.dev.runwayml.com");
    assertThat(factory.create(new ProviderCredential("runway", Map.of("api_key", "key_x"))).name())
        .isEqualTo("runway");
    assertThatThrownBy(() -> factory.create(new ProviderCredential("runway", Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api_key");
  }

  private static ProviderHttp http() {
    InstantSource clock = InstantSource.system();
    return new ProviderHttp(
        "runway",
        HttpSettings.defaults(),
        CircuitBreaker.defaults(clock),
        duration -> {},
        new SplittableRandom(1),
        clock);
  }

  private static HttpReply reply(int status, String body) {
    return new HttpReply(
        status,
        HttpHeaders.of(Map.of(), (name, value) -> true),
        body.getBytes(StandardCharsets.UTF_8),
        null);
  }
}
