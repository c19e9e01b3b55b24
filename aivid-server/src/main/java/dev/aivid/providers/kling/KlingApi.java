package dev.aivid.providers.kling;

/** The two API designs Kling runs side by side (providers.md §2.1). */
public enum KlingApi {
  /** {@code model_name} in the body, {@code /v1/videos/...}, JWT from access key and secret key. */
  LEGACY,
  /** The model in the path ({@code /text-to-video/kling-3.0}), a static API key. */
  PATH_MODEL
}
