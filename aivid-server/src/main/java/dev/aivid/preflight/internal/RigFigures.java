package dev.aivid.preflight.internal;

import dev.aivid.media.bvh.BvhClip;
import dev.aivid.media.bvh.BvhForwardKinematics;
import dev.aivid.media.bvh.BvhMotion;

/**
 * The rig's root (first joint) over the shot, sampled at the shot's frame rate by forward
 * kinematics in double precision and linear interpolation between source frames. After the clip
 * ends the rig holds its last pose, so the window is the shorter of the shot and the clip.
 *
 * @param restHeight vertical extent of the rest pose (the largest extent on any axis if the rest
 *     pose is flat), in file units: the body height that speeds are divided by
 * @param peakSpeedUnitsPerSecond largest root step (3-D) between two output frames, times the frame
 *     rate
 * @param peakAtSeconds start of that step
 * @param travelX net horizontal travel of the root over the window, world X (file units)
 * @param travelZ net horizontal travel of the root over the window, world Z
 * @param turnDegrees signed change of the root's heading about +Y over the window, summed frame to
 *     frame (counter-clockwise seen from above is positive, as camera yaw)
 */
public record RigFigures(
    double windowSeconds,
    double clipSeconds,
    double restHeight,
    double peakSpeedUnitsPerSecond,
    double peakAtSeconds,
    double travelX,
    double travelZ,
    double turnDegrees) {

  public double travelUnits() {
    return Math.hypot(travelX, travelZ);
  }

  public double travelBodyHeights() {
    return restHeight > 0 ? travelUnits() / restHeight : 0;
  }

  /** Peak speed in body heights per second. */
  public double peakBodyHeightsPerSecond() {
    return restHeight > 0 ? peakSpeedUnitsPerSecond / restHeight : 0;
  }

  /** Projection: the rest height spans {@code heightShare} of a frame {@code frameHeight} pixels tall. */
  public double peakScreenSpeedPixelsPerSecond(double heightShare, int frameHeight) {
    return peakBodyHeightsPerSecond() * heightShare * frameHeight;
  }

  public static RigFigures of(BvhClip clip, double shotSeconds, double framesPerSecond) {
    BvhForwardKinematics kinematics = new BvhForwardKinematics(clip.skeleton());
    BvhMotion motion = clip.motion();
    double restHeight = restHeight(kinematics.restPositions());
    int sourceFrames = motion.frameCount();
    double frameTime = motion.frameTimeSeconds();
    double clipSeconds = motion.durationSeconds();
    if (sourceFrames == 0) {
      return new RigFigures(0, 0, restHeight, 0, 0, 0, 0, 0);
    }
    double lastSourceTime = (sourceFrames - 1) * frameTime;
    double window = Math.min(shotSeconds, lastSourceTime);
    int samples = (int) Math.floor(window * framesPerSecond + 1e-9) + 1;
    Sampler sampler = new Sampler(kinematics, motion);
    double[] previous = null;
    double previousHeading = 0;
    double peak = 0;
    double peakAt = 0;
    double turn = 0;
    double[] first = null;
    double[] last = null;
    for (int index = 0; index < samples; index++) {
      double time = index / framesPerSecond;
      double[] root = sampler.rootAt(time);
      double heading = sampler.headingAt(time);
      if (previous == null) {
        first = root;
      } else {
        double step =
            Math.sqrt(square(root[0] - previous[0]) + square(root[1] - previous[1]) + square(root[2] - previous[2]))
                * framesPerSecond;
        if (step > peak) {
          peak = step;
          peakAt = (index - 1) / framesPerSecond;
        }
        turn += wrapDegrees(heading - previousHeading);
      }
      previous = root;
      previousHeading = heading;
      last = root;
    }
    return new RigFigures(
        window,
        clipSeconds,
        restHeight,
        peak,
        peakAt,
        last[0] - first[0],
        last[2] - first[2],
        turn);
  }

  /** As BvhAnalysis: the vertical extent of the rest pose, or the largest extent when it is flat. */
  static double restHeight(double[] positions) {
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

  static double wrapDegrees(double degrees) {
    double wrapped = degrees % 360;
    if (wrapped > 180) {
      wrapped -= 360;
    } else if (wrapped <= -180) {
      wrapped += 360;
    }
    return wrapped;
  }

  private static double square(double value) {
    return value * value;
  }

  /** Poses source frames on demand (two at a time) and interpolates between them. */
  private static final class Sampler {
    private final BvhForwardKinematics kinematics;
    private final BvhMotion motion;
    private final double[] positions;
    private final double[] rotations;
    private int cachedFrame = -1;
    private double[] cachedRoot = new double[3];
    private double cachedHeading;
    private int headingAxis = -1;

    Sampler(BvhForwardKinematics kinematics, BvhMotion motion) {
      this.kinematics = kinematics;
      this.motion = motion;
      this.positions = new double[3 * kinematics.skeleton().pointCount()];
      this.rotations = new double[9 * kinematics.skeleton().jointCount()];
    }

    double[] rootAt(double time) {
      double source = time / motion.frameTimeSeconds();
      int lower = (int) Math.min(Math.floor(source), motion.frameCount() - 1);
      int upper = Math.min(lower + 1, motion.frameCount() - 1);
      double fraction = Math.clamp(source - lower, 0.0, 1.0);
      double[] from = root(lower);
      double[] to = root(upper);
      return new double[] {
        from[0] + (to[0] - from[0]) * fraction,
        from[1] + (to[1] - from[1]) * fraction,
        from[2] + (to[2] - from[2]) * fraction
      };
    }

    double headingAt(double time) {
      double source = time / motion.frameTimeSeconds();
      int lower = (int) Math.min(Math.floor(source), motion.frameCount() - 1);
      int upper = Math.min(lower + 1, motion.frameCount() - 1);
      double fraction = Math.clamp(source - lower, 0.0, 1.0);
      root(lower);
      double from = cachedHeading;
      root(upper);
      double to = cachedHeading;
      return from + wrapDegrees(to - from) * fraction;
    }

    private double[] root(int frame) {
      if (frame != cachedFrame) {
        kinematics.pose(motion, frame, positions, rotations);
        cachedRoot = new double[] {positions[0], positions[1], positions[2]};
        cachedHeading = heading();
        cachedFrame = frame;
      }
      return cachedRoot;
    }

    /**
     * Heading of one horizontal-ish local axis of the root about world +Y. The axis (local Z, else
     * X) is chosen once, on the first frame, as the one whose horizontal projection is longer; any
     * axis turns by the same yaw when the body turns.
     */
    private double heading() {
      if (headingAxis < 0) {
        double zHorizontal = Math.hypot(rotations[2], rotations[8]);
        double xHorizontal = Math.hypot(rotations[0], rotations[6]);
        headingAxis = zHorizontal >= xHorizontal ? 2 : 0;
      }
      double x = rotations[headingAxis];
      double z = rotations[6 + headingAxis];
      return Math.toDegrees(Math.atan2(x, z));
    }
  }
}
