package dev.aivid.config;

import java.util.Map;

/**
 * Webhook settings from the environment.
 *
 * @param allowPrivateUrls {@code AIVID_ALLOW_PRIVATE_WEBHOOK_URLS}: whether an organisation may point a
 *     webhook at a loopback, private or link-local address (off: an organisation admin must not make
 *     the server post into its own network)
 */
public record WebhookConfig(boolean allowPrivateUrls) {

  public static WebhookConfig defaults() {
    return new WebhookConfig(false);
  }

  static WebhookConfig fromEnvironment(Map<String, String> environment) {
    return new WebhookConfig(
        Boolean.parseBoolean(environment.getOrDefault("AIVID_ALLOW_PRIVATE_WEBHOOK_URLS", "false")));
  }

  public WebhookConfig withPrivateUrls(boolean allowed) {
    return new WebhookConfig(allowed);
  }
}
