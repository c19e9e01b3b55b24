package dev.aivid.providers.callbacks;

/** How a provider tells AIVid that a render ended, besides being polled. */
public enum CallbackStyle {
  /** Polled only (Runway, Veo, the local engine). */
  NONE,
  /** The create request names a URL the provider posts to (Kling, Seedance): AIVid's per-job token URL. */
  CALLBACK_URL,
  /** Webhooks configured on the provider's side and signed per Standard Webhooks (OpenAI). */
  SIGNED_WEBHOOK
}
