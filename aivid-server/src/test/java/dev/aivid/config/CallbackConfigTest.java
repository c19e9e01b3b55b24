package dev.aivid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbackConfigTest {

  @Test
  void withoutAPublicBaseUrlNoProviderIsAskedToCallBack() {
    CallbackConfig callbacks = AppConfig.fromEnvironment(Map.of()).providers().callbacks();

    assertThat(callbacks.publicBaseUrl()).isNull();
    assertThat(callbacks.pollMillisWithCallbacks()).isEqualTo(CallbackConfig.DEFAULT_POLL_MILLIS_WITH_CALLBACKS);
  }

  @Test
  void thePublicBaseUrlAndTheFallbackPollIntervalComeFromTheEnvironment() {
    CallbackConfig callbacks =
        AppConfig.fromEnvironment(
                Map.of("AIVID_PUBLIC_BASE_URL", "https://aivid.example.com", "AIVID_CALLBACK_POLL_MILLIS", "120000"))
            .providers()
            .callbacks();

    assertThat(callbacks.publicBaseUrl()).isEqualTo(URI.create("https://aivid.example.com"));
    assertThat(callbacks.pollMillisWithCallbacks()).isEqualTo(120_000);
    assertThat(AppConfig.KNOWN_KEYS).contains("AIVID_PUBLIC_BASE_URL", "AIVID_CALLBACK_POLL_MILLIS");
  }

  @Test
  void aPublicBaseUrlMustBeAnAbsoluteHttpUrl() {
    for (String bad : new String[] {"ftp://aivid.example.com", "/relative", "https://aivid.example.com/?x=1", "https://user@aivid.example.com", "not a url"}) {
      assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_PUBLIC_BASE_URL", bad)))
          .as(bad)
          .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.code()).isEqualTo("invalid_public_base_url"));
    }
  }

  @Test
  void theFallbackPollIntervalIsBounded() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_CALLBACK_POLL_MILLIS", "10")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.code()).isEqualTo("invalid_callback_poll_millis"));
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_CALLBACK_POLL_MILLIS", "soon")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.code()).isEqualTo("invalid_number"));
  }

  @Test
  void theOpenAiWebhookSecretIsAFieldOfTheDeploymentsOpenAiCredential() {
    ProviderConfig providers =
        AppConfig.fromEnvironment(
                Map.of(
                    "AIVID_PROVIDER_OPENAI_API_KEY", "sk-test",
                    "AIVID_PROVIDER_OPENAI_WEBHOOK_SECRET", "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"))
            .providers();

    assertThat(providers.credentials().get("openai")).containsEntry("webhook_secret", "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0");
    assertThat(providers.toString()).doesNotContain("whsec_");
  }
}
