package dev.aivid.media.bvh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Computes a {@link BvhAnalysis} in one pass of forward kinematics. Single use, single-threaded. */
final class MotionAnalyzer {

  private final BvhClip clip;
  private final LandingThresholds thresholds;
  private final BvhForwardKinematics kinematics;

  MotionAnalyzer(BvhClip clip, LandingThresholds thresholds) {
    this.clip = clip;
    this.thresholds = thresholds;
    this.kinematics = new BvhForwardKinematics(clip.skeleton());
  }

  BvhAnalysis analyze() {
    BvhMotion motion = clip.motion();
    int frames = motion.frameCount();
    int channelCount = motion.channelCount();
    int pointCount = kinematics.pointCount();
    double frameTimeSeconds = motion.frameTimeSeconds();
    float[] values = motion.valuesWithoutCopy();
    List<FootChains.FootChain> feet = FootChains.find(clip.skeleton());
    feet = feet.subList(0, Math.min(feet.size(), BvhAnalysis.MAX_FEET));
    var footHeights = new float[feet.size()][frames];
    var current = new double[3 * pointCount];
    var previous = new double[3 * pointCount];
    var rotations = new double[9 * kinematics.jointCount()];
    double squaredSpeedSum = 0;
    double rootSpeedSum = 0;
    double rootSpeedMax = 0;
    double yawTotalDegrees = 0;
    double previousYawDegrees = 0;
    for (int frame = 0; frame < frames; frame++) {
      kinematics.pose(values, frame * channelCount, current, rotations);
      for (int foot = 0; foot < feet.size(); foot++) {
        footHeights[foot][frame] = (float) lowestHeight(current, feet.get(foot).points());
      }
      double yawDegrees = yawDegrees(rotations);
      if (frame > 0) {
        for (int point = 0; point < pointCount; point++) {
          squaredSpeedSum += squaredDistance(current, previous, point) / (frameTimeSeconds * frameTimeSeconds);
        }
        double rootSpeed = Math.sqrt(squaredDistance(current, previous, 0)) / frameTimeSeconds;
        rootSpeedSum += rootSpeed;
        rootSpeedMax = Math.max(rootSpeedMax, rootSpeed);
        yawTotalDegrees += Math.abs(wrapDegrees(yawDegrees - previousYawDegrees));
      }
      previousYawDegrees = yawDegrees;
      double[] swap = previous;
      previous = current;
      current = swap;
    }
    int steps = Math.max(frames - 1, 0);
    double restHeight = restHeight(kinematics.restPositions());
    return new BvhAnalysis(
        frames,
        motion.durationSeconds(),
        restHeight,
        steps == 0 ? 0 : squaredSpeedSum / ((double) steps * pointCount),
        steps == 0 ? 0 : rootSpeedSum / steps,
        rootSpeedMax,
        yawTotalDegrees,
        landings(feet, footHeights, restHeight, frameTimeSeconds));
  }

  private List<BvhLanding> landings(
      List<FootChains.FootChain> feet, float[][] footHeights, double restHeight, double frameTimeSeconds) {
    if (!(restHeight > 0)) {
      return List.of();
    }
    double ground = Double.POSITIVE_INFINITY;
    for (float[] heights : footHeights) {
      for (float height : heights) {
        ground = Math.min(ground, height);
      }
    }
    var landings = new ArrayList<BvhLanding>();
    for (int foot = 0; foot < feet.size(); foot++) {
      FootChains.FootChain chain = feet.get(foot);
      for (int frame : LandingDetector.landingFrames(
          footHeights[foot], ground, restHeight, frameTimeSeconds, thresholds)) {
        landings.add(new BvhLanding(chain.jointName(), chain.jointIndex(), frame, frame * frameTimeSeconds));
      }
    }
    landings.sort(Comparator.comparingInt(BvhLanding::frameIndex).thenComparingInt(BvhLanding::jointIndex));
    return landings;
  }

  /** Vertical extent of the rest pose; the largest extent on any axis if the rest pose is flat. */
  private static double restHeight(double[] positions) {
    double largest = 0;
    double vertical = 0;
    for (int axis = 0; axis < 3; axis++) {
      double lowest = Double.POSITIVE_INFINITY;
      double highest = Double.NEGATIVE_INFINITY;
      for (int index = axis; index < positions.length; index += 3) {
        lowest = Math.min(lowest, positions[index]);
        highest = Math.max(highest, positions[index]);
      }
      largest = Math.max(largest, highest - lowest);
      if (axis == 1) {
        vertical = highest - lowest;
      }
    }
    return vertical > 0 ? vertical : largest;
  }

  private static double lowestHeight(double[] positions, int[] points) {
    double lowest = Double.POSITIVE_INFINITY;
    for (int point : points) {
      lowest = Math.min(lowest, positions[3 * point + 1]);
    }
    return lowest;
  }

  private static double squaredDistance(double[] current, double[] previous, int point) {
    double x = current[3 * point] - previous[3 * point];
    double y = current[3 * point + 1] - previous[3 * point + 1];
    double z = current[3 * point + 2] - previous[3 * point + 2];
    return x * x + y * y + z * z;
  }

  /**
   * Twist of joint 0's world rotation about +Y (swing-twist decomposition): {@code 2·atan2(qy, qw)} of its unit
   * quaternion, found with Shepperd's method so it is stable for every rotation. Matrix entries are named row then
   * column, e.g. {@code xz} is row 0, column 2.
   */
  static double yawDegrees(double[] rotations) {
    double xx = rotations[0];
    double xy = rotations[1];
    double xz = rotations[2];
    double yx = rotations[3];
    double yy = rotations[4];
    double yz = rotations[5];
    double zx = rotations[6];
    double zy = rotations[7];
    double zz = rotations[8];
    double trace = xx + yy + zz;
    double quaternionW;
    double quaternionY;
    if (trace > 0) {
      double scale = 2 * Math.sqrt(trace + 1);
      quaternionW = scale / 4;
      quaternionY = (xz - zx) / scale;
    } else if (xx > yy && xx > zz) {
      double scale = 2 * Math.sqrt(1 + xx - yy - zz);
      quaternionW = (zy - yz) / scale;
      quaternionY = (xy + yx) / scale;
    } else if (yy > zz) {
      double scale = 2 * Math.sqrt(1 + yy - xx - zz);
      quaternionW = (xz - zx) / scale;
      quaternionY = scale / 4;
    } else {
      double scale = 2 * Math.sqrt(1 + zz - xx - yy);
      quaternionW = (yx - xy) / scale;
      quaternionY = (yz + zy) / scale;
    }
    return Math.toDegrees(2 * Math.atan2(quaternionY, quaternionW));
  }

  /** Into [-180, 180). */
  private static double wrapDegrees(double degrees) {
    return degrees - 360 * Math.floor((degrees + 180) / 360);
  }
}
