package dev.aivid.media.bvh;

import java.util.Objects;

/**
 * A foot coming to rest on the ground.
 *
 * @param jointName the topmost foot joint of the foot (e.g. {@code LeftAnkle} or {@code LeftFoot})
 * @param jointIndex its index in {@link BvhSkeleton#joints()}
 * @param frameIndex the first frame at the bottom of the descent, where the foot has stopped going down
 * @param timeSeconds {@code frameIndex * frameTimeSeconds}
 */
public record BvhLanding(String jointName, int jointIndex, int frameIndex, double timeSeconds) {

  public BvhLanding {
    Objects.requireNonNull(jointName, "jointName");
    if (jointIndex < 0 || frameIndex < 0) {
      throw new IllegalArgumentException("indices must not be negative, were " + jointIndex + " and " + frameIndex);
    }
  }
}
