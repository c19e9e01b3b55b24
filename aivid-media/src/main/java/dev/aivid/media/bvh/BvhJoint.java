package dev.aivid.media.bvh;

import java.util.List;
import java.util.Objects;

/**
 * A {@code ROOT} or {@code JOINT}.
 *
 * @param parentIndex index of the parent joint in {@link BvhSkeleton#joints()}, -1 for a root
 * @param offset translation from the parent joint in the parent's frame, the rest pose
 * @param channels the animated channels in file order; rotations compose in this order
 * @param firstChannelIndex where this joint's values start inside one frame of {@link BvhMotion}
 */
public record BvhJoint(String name, int parentIndex, Vector3 offset, List<BvhChannel> channels, int firstChannelIndex) {

  public BvhJoint {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(offset, "offset");
    channels = List.copyOf(channels);
    if (parentIndex < -1) {
      throw new IllegalArgumentException("parentIndex must be -1 or a joint index, was " + parentIndex);
    }
    if (firstChannelIndex < 0) {
      throw new IllegalArgumentException("firstChannelIndex must not be negative, was " + firstChannelIndex);
    }
  }

  public boolean isRoot() {
    return parentIndex == -1;
  }
}
