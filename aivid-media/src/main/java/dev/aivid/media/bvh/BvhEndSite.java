package dev.aivid.media.bvh;

import java.util.Objects;

/**
 * An {@code End Site}: a fixed point (usually a bone tip) with no channels of its own.
 *
 * @param jointIndex the joint it hangs from
 * @param offset translation from that joint in the joint's frame
 */
public record BvhEndSite(int jointIndex, Vector3 offset) {

  public BvhEndSite {
    Objects.requireNonNull(offset, "offset");
    if (jointIndex < 0) {
      throw new IllegalArgumentException("jointIndex must not be negative, was " + jointIndex);
    }
  }
}
