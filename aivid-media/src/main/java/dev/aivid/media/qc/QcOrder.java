package dev.aivid.media.qc;

import org.jspecify.annotations.Nullable;

/**
 * What was ordered from the renderer or provider, to check the delivered video against.
 *
 * @param framesPerSecond the ordered frame rate, or null when any rate is acceptable
 * @param durationToleranceSeconds how far the delivered duration may be from {@code seconds}
 */
public record QcOrder(
    int width,
    int height,
    double seconds,
    @Nullable Double framesPerSecond,
    double durationToleranceSeconds) {

  public QcOrder {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("ordered size must be positive, was " + width + "x" + height);
    }
    if (!(seconds > 0) || !Double.isFinite(seconds)) {
      throw new IllegalArgumentException("ordered seconds must be positive, was " + seconds);
    }
    if (framesPerSecond != null && (!(framesPerSecond > 0) || !Double.isFinite(framesPerSecond))) {
      throw new IllegalArgumentException("ordered framesPerSecond must be positive, was " + framesPerSecond);
    }
    if (!(durationToleranceSeconds >= 0) || !Double.isFinite(durationToleranceSeconds)) {
      throw new IllegalArgumentException(
          "durationToleranceSeconds must be zero or positive, was " + durationToleranceSeconds);
    }
  }
}
