package dev.aivid.media.bvh;

import java.util.Objects;

/** A parsed BVH file: the skeleton and its motion. */
public record BvhClip(BvhSkeleton skeleton, BvhMotion motion) {

  /** Upper bound for {@link #framesAt(double)}. */
  public static final double MAX_FRAMES_PER_SECOND = 1_000;

  /** Upper bound on the floats {@link #framesAt(double)} allocates for values and positions together (256 MB). */
  public static final long MAX_RESAMPLED_VALUES = 1L << 26;

  public BvhClip {
    Objects.requireNonNull(skeleton, "skeleton");
    Objects.requireNonNull(motion, "motion");
    if (skeleton.channelCount() != motion.channelCount()) {
      throw new IllegalArgumentException(
          "skeleton has " + skeleton.channelCount() + " channels but motion has " + motion.channelCount());
    }
  }

  /**
   * This clip retimed to {@code framesPerSecond} for rendering: channel values and world positions at
   * {@code k / framesPerSecond} seconds. The playback length is kept: {@code round(durationSeconds * framesPerSecond)}
   * frames (at least one when the clip has frames). See {@link BvhFrames} for how values and positions are interpolated.
   *
   * @param framesPerSecond above 0 and at most {@link #MAX_FRAMES_PER_SECOND}
   * @throws dev.aivid.media.MediaException {@link BvhErrorCodes#RESAMPLE_TOO_LARGE} when the result would exceed
   *     {@link BvhParser#MAX_FRAMES} frames or {@link #MAX_RESAMPLED_VALUES} floats
   */
  public BvhFrames framesAt(double framesPerSecond) {
    return Resampler.framesAt(this, framesPerSecond);
  }
}
