package dev.aivid.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {

  @Test
  void privateWebhookUrlsAreRefusedUnlessTheOperatorAllowsThem() {
    assertThat(AppConfig.fromEnvironment(Map.of()).webhooks().allowPrivateUrls()).isFalse();
    assertThat(
            AppConfig.fromEnvironment(Map.of("AIVID_ALLOW_PRIVATE_WEBHOOK_URLS", "true"))
                .webhooks()
                .allowPrivateUrls())
        .isTrue();
    assertThat(AppConfig.KNOWN_KEYS).contains("AIVID_ALLOW_PRIVATE_WEBHOOK_URLS");
  }

  @Test
  void replacingTheProvidersKeepsTheWebhookSettings() {
    AppConfig config =
        AppConfig.fromEnvironment(Map.of("AIVID_ALLOW_PRIVATE_WEBHOOK_URLS", "true"))
            .withProviders(ProviderConfig.defaults());
    assertThat(config.webhooks().allowPrivateUrls()).isTrue();
    assertThat(config.toString()).contains("allowPrivateUrls=true");
  }
}
