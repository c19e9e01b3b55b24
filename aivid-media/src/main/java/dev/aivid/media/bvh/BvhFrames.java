package dev.aivid.media.bvh;

import java.util.Objects;

/**
 * A clip retimed by {@link BvhClip#framesAt(double)}.
 *
 * @param motion channel values at the new rate. Position channels are interpolated linearly; rotation channels
 *     linearly along the shorter way round (a 350° → 10° step passes 0°, not 180°). Interpolating Euler angles channel
 *     by channel is not a true rotation interpolation, but between neighbouring mocap frames the error is negligible.
 * @param positions world positions at the new rate, interpolated linearly between the poses of the two nearest source
 *     frames (so bone lengths may shrink slightly mid-way through fast rotations)
 */
public record BvhFrames(BvhMotion motion, BvhPositions positions) {

  public BvhFrames {
    Objects.requireNonNull(motion, "motion");
    Objects.requireNonNull(positions, "positions");
  }
}
