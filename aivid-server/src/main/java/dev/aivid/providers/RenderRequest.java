package dev.aivid.providers;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * What to render, already validated against the catalog and routed to one model.
 *
 * @param model the catalog id ({@code kling-v3})
 * @param providerModel the id the provider's wire format wants ({@code kling-v3}, {@code
 *     dreamina-seedance-2-0-260128}); the catalog id when the catalog gives none
 * @param firstFrameImage the exact first frame, when the request has one
 * @param controls everything else the stack asks for; each adapter reports what it did with it
 * @param callbackUrl where the provider should report the render's end, when it takes a callback
 *     URL per request and callbacks are configured; null means the render is only polled
 */
public record RenderRequest(
    String model,
    String providerModel,
    String prompt,
    int width,
    int height,
    int seconds,
    long seed,
    byte @Nullable [] firstFrameImage,
    ShotControls controls,
    @Nullable URI callbackUrl) {
  public RenderRequest {
    if (width <= 0 || height <= 0 || seconds <= 0) {
      throw new IllegalArgumentException("width, height and seconds must be positive");
    }
    if (model.isBlank() || providerModel.isBlank()) {
      throw new IllegalArgumentException("model and providerModel must not be blank");
    }
  }

  /** A render that is only polled. */
  public RenderRequest(
      String model,
      String providerModel,
      String prompt,
      int width,
      int height,
      int seconds,
      long seed,
      byte @Nullable [] firstFrameImage,
      ShotControls controls) {
    this(model, providerModel, prompt, width, height, seconds, seed, firstFrameImage, controls, null);
  }

  /** This request with the provider asked to call {@code url} back (null: polled only). */
  public RenderRequest withCallbackUrl(@Nullable URI url) {
    return new RenderRequest(
        model, providerModel, prompt, width, height, seconds, seed, firstFrameImage, controls, url);
  }

  /** A plain text (or first-frame) render with no other stack controls. */
  public RenderRequest(
      String model,
      String prompt,
      int width,
      int height,
      int seconds,
      long seed,
      byte @Nullable [] firstFrameImage) {
    this(model, model, prompt, width, height, seconds, seed, firstFrameImage, ShotControls.none());
  }

  /** {@code 16:9} style ratio of the frame, reduced by the greatest common divisor. */
  public String aspectRatio() {
    int divisor = gcd(width, height);
    return (width / divisor) + ":" + (height / divisor);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
