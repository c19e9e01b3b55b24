package dev.aivid.providers;

import org.jspecify.annotations.Nullable;

/** What to render, already validated against the catalog. */
public record RenderRequest(
    String model,
    String prompt,
    int width,
    int height,
    int seconds,
    long seed,
    byte @Nullable [] firstFrameImage) {
  public RenderRequest {
    if (width <= 0 || height <= 0 || seconds <= 0) {
      throw new IllegalArgumentException("width, height and seconds must be positive");
    }
  }
}
