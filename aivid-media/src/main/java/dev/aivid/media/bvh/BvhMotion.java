package dev.aivid.media.bvh;

import java.util.Objects;

/**
 * The {@code MOTION} section: {@code frameCount} frames of {@code channelCount} values each, packed frame after frame
 * as floats (channel order as in {@link BvhSkeleton}). Immutable.
 */
public final class BvhMotion {

  private final int frameCount;
  private final int channelCount;
  private final double frameTimeSeconds;
  private final float[] values;

  private BvhMotion(int frameCount, int channelCount, double frameTimeSeconds, float[] values) {
    this.frameCount = frameCount;
    this.channelCount = channelCount;
    this.frameTimeSeconds = frameTimeSeconds;
    this.values = values;
  }

  /** Copies {@code values}; they must be finite and exactly {@code frameCount * channelCount} long. */
  public static BvhMotion of(int frameCount, int channelCount, double frameTimeSeconds, float[] values) {
    Objects.requireNonNull(values, "values");
    if (frameCount < 0 || channelCount < 0) {
      throw new IllegalArgumentException("counts must not be negative, were " + frameCount + " and " + channelCount);
    }
    if (!(frameTimeSeconds > 0) || !Double.isFinite(frameTimeSeconds)) {
      throw new IllegalArgumentException("frameTimeSeconds must be positive, was " + frameTimeSeconds);
    }
    if ((long) frameCount * channelCount != values.length) {
      throw new IllegalArgumentException(
          values.length + " values do not fill " + frameCount + " frames of " + channelCount + " channels");
    }
    for (float value : values) {
      if (!Float.isFinite(value)) {
        throw new IllegalArgumentException("values must be finite, found " + value);
      }
    }
    return new BvhMotion(frameCount, channelCount, frameTimeSeconds, values.clone());
  }

  /** Takes ownership of {@code values} without copying; the caller has validated them. */
  static BvhMotion wrap(int frameCount, int channelCount, double frameTimeSeconds, float[] values) {
    return new BvhMotion(frameCount, channelCount, frameTimeSeconds, values);
  }

  public int frameCount() {
    return frameCount;
  }

  public int channelCount() {
    return channelCount;
  }

  public double frameTimeSeconds() {
    return frameTimeSeconds;
  }

  public double framesPerSecond() {
    return 1 / frameTimeSeconds;
  }

  /** Playback length, {@code frameCount * frameTimeSeconds}: each frame is shown for one frame time. */
  public double durationSeconds() {
    return frameCount * frameTimeSeconds;
  }

  public float value(int frame, int channel) {
    Objects.checkIndex(frame, frameCount);
    Objects.checkIndex(channel, channelCount);
    return values[frame * channelCount + channel];
  }

  /** A copy of all values, frame after frame. */
  public float[] values() {
    return values.clone();
  }

  /** The shared array, for readers inside this package that promise not to write to it. */
  float[] valuesWithoutCopy() {
    return values;
  }
}
