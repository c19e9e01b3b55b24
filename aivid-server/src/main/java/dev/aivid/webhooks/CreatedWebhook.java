package dev.aivid.webhooks;

/** A new endpoint and its signing secret ({@code whsec_…}), which is returned this once only. */
public record CreatedWebhook(Webhook webhook, String secret) {
  @Override
  public String toString() {
    return "CreatedWebhook[webhook=" + webhook + ", secret=whsec_…]";
  }
}
