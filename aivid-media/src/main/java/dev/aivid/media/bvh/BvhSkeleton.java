package dev.aivid.media.bvh;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The {@code HIERARCHY} section. Joints are in file (depth-first) order, so a parent always precedes its children and
 * the channels of one frame are the joints' channels concatenated in this order.
 *
 * <p>A "point" is a joint or an End Site: points {@code 0..jointCount()-1} are the joints, the End Sites follow.
 * Forward kinematics and {@link BvhPositions} use this numbering.
 */
public record BvhSkeleton(List<BvhJoint> joints, List<BvhEndSite> endSites) {

  public BvhSkeleton {
    joints = List.copyOf(joints);
    endSites = List.copyOf(endSites);
    if (joints.isEmpty()) {
      throw new IllegalArgumentException("a skeleton needs at least one joint");
    }
    int nextChannel = 0;
    for (int index = 0; index < joints.size(); index++) {
      BvhJoint joint = joints.get(index);
      if (joint.parentIndex() >= index) {
        throw new IllegalArgumentException("joint " + index + " must come after its parent " + joint.parentIndex());
      }
      if (joint.firstChannelIndex() != nextChannel) {
        throw new IllegalArgumentException(
            "joint " + index + " channels must start at " + nextChannel + ", was " + joint.firstChannelIndex());
      }
      nextChannel += joint.channels().size();
    }
    for (BvhEndSite endSite : endSites) {
      if (endSite.jointIndex() >= joints.size()) {
        throw new IllegalArgumentException("End Site refers to missing joint " + endSite.jointIndex());
      }
    }
  }

  public int jointCount() {
    return joints.size();
  }

  /** Joints plus End Sites. */
  public int pointCount() {
    return joints.size() + endSites.size();
  }

  /** Values in one frame of motion. */
  public int channelCount() {
    BvhJoint last = joints.get(joints.size() - 1);
    return last.firstChannelIndex() + last.channels().size();
  }

  /** Indices of the joints without a parent; the first is 0. */
  public List<Integer> rootIndices() {
    var roots = new ArrayList<Integer>();
    for (int index = 0; index < joints.size(); index++) {
      if (joints.get(index).isRoot()) {
        roots.add(index);
      }
    }
    return List.copyOf(roots);
  }

  /** The first joint with exactly this name; BVH does not forbid duplicates. */
  public OptionalInt jointIndex(String name) {
    for (int index = 0; index < joints.size(); index++) {
      if (joints.get(index).name().equals(name)) {
        return OptionalInt.of(index);
      }
    }
    return OptionalInt.empty();
  }

  /** A joint's name, or {@code "<joint name>/End Site"} for an End Site. */
  public String pointName(int point) {
    if (point < joints.size()) {
      return joints.get(point).name();
    }
    return joints.get(endSites.get(point - joints.size()).jointIndex()).name() + "/End Site";
  }

  /** The point this one hangs from (always a joint), or -1 for a root; for drawing bones. */
  public int pointParent(int point) {
    if (point < joints.size()) {
      return joints.get(point).parentIndex();
    }
    return endSites.get(point - joints.size()).jointIndex();
  }
}
