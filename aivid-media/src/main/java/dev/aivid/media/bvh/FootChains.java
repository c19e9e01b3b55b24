package dev.aivid.media.bvh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the feet of a skeleton by name. A foot joint is one whose name contains {@code foot}, {@code toe} or
 * {@code ankle} in any case ({@code LeftFoot}, {@code RightToeBase}, {@code l_ankle}). Each foot joint whose parent is
 * not a foot joint starts a chain; the chain is that joint with all its descendants, joints and End Sites. The height
 * of a foot is the lowest point of its chain, so heel strikes and toe touches both count and each foot lands once
 * per step however many foot joints it has.
 */
final class FootChains {

  /** One foot: the joint that names it and the points (joint and End Site numbering) whose lowest is its height. */
  record FootChain(int jointIndex, String jointName, int[] points) {}

  private FootChains() {}

  static List<FootChain> find(BvhSkeleton skeleton) {
    int jointCount = skeleton.jointCount();
    var isFoot = new boolean[jointCount];
    for (int joint = 0; joint < jointCount; joint++) {
      isFoot[joint] = isFootName(skeleton.joints().get(joint).name());
    }
    var chains = new ArrayList<FootChain>();
    for (int top = 0; top < jointCount; top++) {
      int parent = skeleton.joints().get(top).parentIndex();
      if (!isFoot[top] || (parent >= 0 && isFoot[parent])) {
        continue;
      }
      chains.add(new FootChain(top, skeleton.joints().get(top).name(), subtree(skeleton, top)));
    }
    return List.copyOf(chains);
  }

  static boolean isFootName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("foot") || lower.contains("toe") || lower.contains("ankle");
  }

  /** {@code top} and every joint and End Site below it; joints are in file order, so parents come first. */
  private static int[] subtree(BvhSkeleton skeleton, int top) {
    var inside = new boolean[skeleton.pointCount()];
    inside[top] = true;
    int count = 1;
    for (int point = top + 1; point < skeleton.pointCount(); point++) {
      int parent = skeleton.pointParent(point);
      if (parent >= top && inside[parent]) {
        inside[point] = true;
        count++;
      }
    }
    var points = new int[count];
    int next = 0;
    for (int point = 0; point < inside.length; point++) {
      if (inside[point]) {
        points[next++] = point;
      }
    }
    return points;
  }
}
