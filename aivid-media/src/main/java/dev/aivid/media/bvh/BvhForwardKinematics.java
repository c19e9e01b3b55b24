package dev.aivid.media.bvh;

import java.util.Objects;

/**
 * World positions of every joint and End Site for a frame of motion.
 *
 * <p>For each joint, in file order: {@code world = parentWorld · T(translation) · R}, where the translation is the
 * OFFSET combined with the position channels per {@link PositionChannelMode}, and {@code R} is the product of the
 * joint's rotation channels <em>in the order listed</em>: {@code CHANNELS 3 Zrotation Xrotation Yrotation} gives
 * {@code R = Rz · Rx · Ry} (column vectors; intrinsic rotations, first about Z, then about the new X, then the new Y).
 * Blender and three.js both compose this way. A joint's rotation moves its children and End Sites, not the joint
 * itself. Roots hang from the identity at the origin.
 *
 * <p>Output layout: {@code positions[3 * point + axis]} (points as in {@link BvhSkeleton}) and
 * {@code rotations[9 * joint + 3 * row + column]}, each joint's world rotation matrix, row-major.
 *
 * <p>Immutable and thread-safe; the methods that take output arrays write only to those.
 */
public final class BvhForwardKinematics {

  private static final int X_POSITION = BvhChannel.X_POSITION.ordinal();
  private static final int Y_POSITION = BvhChannel.Y_POSITION.ordinal();
  private static final int Z_POSITION = BvhChannel.Z_POSITION.ordinal();
  private static final int X_ROTATION = BvhChannel.X_ROTATION.ordinal();
  private static final int Y_ROTATION = BvhChannel.Y_ROTATION.ordinal();

  private final BvhSkeleton skeleton;
  private final boolean replaceOffset;
  private final int jointCount;
  private final int pointCount;
  private final int[] parents;
  private final int[] endSiteJoints;
  /** Per point, x y z. */
  private final double[] offsets;
  /** Per joint, where its channels start and end in one frame. */
  private final int[] channelStarts;
  private final int[] channelEnds;
  /** Per channel of a frame, the {@link BvhChannel} ordinal. */
  private final int[] channelKinds;

  /** Forward kinematics with {@link PositionChannelMode#REPLACE_OFFSET}. */
  public BvhForwardKinematics(BvhSkeleton skeleton) {
    this(skeleton, PositionChannelMode.REPLACE_OFFSET);
  }

  public BvhForwardKinematics(BvhSkeleton skeleton, PositionChannelMode positionChannelMode) {
    this.skeleton = Objects.requireNonNull(skeleton, "skeleton");
    this.replaceOffset = Objects.requireNonNull(positionChannelMode, "positionChannelMode")
        == PositionChannelMode.REPLACE_OFFSET;
    jointCount = skeleton.jointCount();
    pointCount = skeleton.pointCount();
    parents = new int[jointCount];
    channelStarts = new int[jointCount];
    channelEnds = new int[jointCount];
    channelKinds = new int[skeleton.channelCount()];
    offsets = new double[3 * pointCount];
    for (int joint = 0; joint < jointCount; joint++) {
      BvhJoint definition = skeleton.joints().get(joint);
      parents[joint] = definition.parentIndex();
      channelStarts[joint] = definition.firstChannelIndex();
      channelEnds[joint] = definition.firstChannelIndex() + definition.channels().size();
      for (int channel = 0; channel < definition.channels().size(); channel++) {
        channelKinds[definition.firstChannelIndex() + channel] = definition.channels().get(channel).ordinal();
      }
      setOffset(joint, definition.offset());
    }
    endSiteJoints = new int[skeleton.endSites().size()];
    for (int endSite = 0; endSite < endSiteJoints.length; endSite++) {
      endSiteJoints[endSite] = skeleton.endSites().get(endSite).jointIndex();
      setOffset(jointCount + endSite, skeleton.endSites().get(endSite).offset());
    }
  }

  public BvhSkeleton skeleton() {
    return skeleton;
  }

  /** A new array of {@code 3 * pointCount} coordinates for {@code frame}. */
  public double[] positions(BvhMotion motion, int frame) {
    var positions = new double[3 * pointCount];
    pose(motion, frame, positions, new double[9 * jointCount]);
    return positions;
  }

  /** World position of one point at {@code frame}. */
  public Vector3 position(BvhMotion motion, int frame, int point) {
    Objects.checkIndex(point, pointCount);
    double[] positions = positions(motion, frame);
    return new Vector3(positions[3 * point], positions[3 * point + 1], positions[3 * point + 2]);
  }

  /**
   * Fills {@code positions} ({@code 3 * pointCount}) and {@code rotations} ({@code 9 * jointCount}) for
   * {@code frame}.
   */
  public void pose(BvhMotion motion, int frame, double[] positions, double[] rotations) {
    Objects.requireNonNull(motion, "motion");
    if (motion.channelCount() != channelKinds.length) {
      throw new IllegalArgumentException(
          "motion has " + motion.channelCount() + " channels, the skeleton " + channelKinds.length);
    }
    Objects.checkIndex(frame, motion.frameCount());
    checkOutputs(positions, rotations);
    pose(motion.valuesWithoutCopy(), frame * channelKinds.length, positions, rotations);
  }

  /**
   * The rest pose: OFFSETs only, no rotation, position channels ignored (in {@link PositionChannelMode#REPLACE_OFFSET}
   * a zero position channel would otherwise pull a joint onto its parent).
   */
  public double[] restPositions() {
    var positions = new double[3 * pointCount];
    for (int joint = 0; joint < jointCount; joint++) {
      int parent = parents[joint];
      for (int axis = 0; axis < 3; axis++) {
        positions[3 * joint + axis] = offsets[3 * joint + axis] + (parent < 0 ? 0 : positions[3 * parent + axis]);
      }
    }
    for (int endSite = 0; endSite < endSiteJoints.length; endSite++) {
      int point = jointCount + endSite;
      for (int axis = 0; axis < 3; axis++) {
        positions[3 * point + axis] = offsets[3 * point + axis] + positions[3 * endSiteJoints[endSite] + axis];
      }
    }
    return positions;
  }

  /** The core: one frame whose values start at {@code values[valuesOffset]}. */
  void pose(float[] values, int valuesOffset, double[] positions, double[] rotations) {
    for (int joint = 0; joint < jointCount; joint++) {
      double translationX = offsets[3 * joint];
      double translationY = offsets[3 * joint + 1];
      double translationZ = offsets[3 * joint + 2];
      int start = channelStarts[joint];
      int stop = channelEnds[joint];
      for (int channel = start; channel < stop; channel++) {
        int kind = channelKinds[channel];
        if (kind > Z_POSITION) {
          continue;
        }
        double value = values[valuesOffset + channel];
        if (kind == X_POSITION) {
          translationX = replaceOffset ? value : translationX + value;
        } else if (kind == Y_POSITION) {
          translationY = replaceOffset ? value : translationY + value;
        } else {
          translationZ = replaceOffset ? value : translationZ + value;
        }
      }
      int rotation = 9 * joint;
      int parent = parents[joint];
      if (parent < 0) {
        positions[3 * joint] = translationX;
        positions[3 * joint + 1] = translationY;
        positions[3 * joint + 2] = translationZ;
        setIdentity(rotations, rotation);
      } else {
        transform(rotations, 9 * parent, positions, 3 * parent, translationX, translationY, translationZ, positions,
            3 * joint);
        System.arraycopy(rotations, 9 * parent, rotations, rotation, 9);
      }
      for (int channel = start; channel < stop; channel++) {
        int kind = channelKinds[channel];
        if (kind >= X_ROTATION) {
          rotate(rotations, rotation, kind, Math.toRadians(values[valuesOffset + channel]));
        }
      }
    }
    for (int endSite = 0; endSite < endSiteJoints.length; endSite++) {
      int joint = endSiteJoints[endSite];
      int point = jointCount + endSite;
      transform(rotations, 9 * joint, positions, 3 * joint, offsets[3 * point], offsets[3 * point + 1],
          offsets[3 * point + 2], positions, 3 * point);
    }
  }

  int pointCount() {
    return pointCount;
  }

  int jointCount() {
    return jointCount;
  }

  /** Whether channel {@code channel} of a frame is a rotation. */
  boolean isRotationChannel(int channel) {
    return channelKinds[channel] >= X_ROTATION;
  }

  private void checkOutputs(double[] positions, double[] rotations) {
    if (positions.length < 3 * pointCount || rotations.length < 9 * jointCount) {
      throw new IllegalArgumentException("need " + 3 * pointCount + " position and " + 9 * jointCount
          + " rotation slots, got " + positions.length + " and " + rotations.length);
    }
  }

  private void setOffset(int point, Vector3 offset) {
    offsets[3 * point] = offset.x();
    offsets[3 * point + 1] = offset.y();
    offsets[3 * point + 2] = offset.z();
  }

  /** {@code target = origin + matrix · (x, y, z)}. */
  private static void transform(double[] matrices, int matrix, double[] origins, int origin, double x, double y,
      double z, double[] targets, int target) {
    targets[target] = origins[origin] + matrices[matrix] * x + matrices[matrix + 1] * y + matrices[matrix + 2] * z;
    targets[target + 1] =
        origins[origin + 1] + matrices[matrix + 3] * x + matrices[matrix + 4] * y + matrices[matrix + 5] * z;
    targets[target + 2] =
        origins[origin + 2] + matrices[matrix + 6] * x + matrices[matrix + 7] * y + matrices[matrix + 8] * z;
  }

  private static void setIdentity(double[] matrices, int matrix) {
    for (int index = 0; index < 9; index++) {
      matrices[matrix + index] = index % 4 == 0 ? 1 : 0;
    }
  }

  /** {@code M = M · R_axis(radians)}: rotating about the matrix's own (already rotated) axis. */
  private static void rotate(double[] matrices, int matrix, int kind, double radians) {
    double cosine = Math.cos(radians);
    double sine = Math.sin(radians);
    // Column pairs mixed by the rotation: X mixes columns 1 and 2, Y mixes 2 and 0, Z mixes 0 and 1.
    int first;
    int second;
    if (kind == X_ROTATION) {
      first = 1;
      second = 2;
    } else if (kind == Y_ROTATION) {
      first = 2;
      second = 0;
    } else {
      first = 0;
      second = 1;
    }
    for (int row = matrix; row < matrix + 9; row += 3) {
      double firstColumn = matrices[row + first];
      double secondColumn = matrices[row + second];
      matrices[row + first] = firstColumn * cosine + secondColumn * sine;
      matrices[row + second] = secondColumn * cosine - firstColumn * sine;
    }
  }
}
