package dev.aivid.media.bvh;

import java.util.List;
import java.util.Objects;

/**
 * Numbers that describe a clip, for validating uploads and for syncing video to motion. Lengths are in the file's
 * units; +Y is up. Each "per frame" quantity is a finite difference between consecutive frames.
 *
 * @param frameCount frames in the clip
 * @param durationSeconds playback length, {@link BvhMotion#durationSeconds()}
 * @param restHeight vertical extent of the rest pose ({@link BvhForwardKinematics#restPositions()}), the scale for the
 *     landing thresholds; the largest extent on any axis when the rest pose is flat
 * @param motionEnergy mean squared speed of all joints and End Sites, in units² per second²; 0 for a still clip
 * @param rootSpeedMeanUnitsPerSecond mean 3-D speed of the first root joint
 * @param rootSpeedMaxUnitsPerSecond largest 3-D speed of the first root joint between two frames
 * @param rootYawTotalDegrees total absolute turning of the first root about +Y: the twist of its world rotation about
 *     the vertical axis, frame to frame, each step wrapped to ±180° and summed without sign (turning left 90° and back
 *     is 180°)
 * @param landings foot landings, ordered by frame then joint index; see {@link LandingThresholds}. Feet are joints
 *     named like feet ({@code foot}, {@code toe}, {@code ankle}), at most {@link #MAX_FEET} of them
 */
public record BvhAnalysis(
    int frameCount,
    double durationSeconds,
    double restHeight,
    double motionEnergy,
    double rootSpeedMeanUnitsPerSecond,
    double rootSpeedMaxUnitsPerSecond,
    double rootYawTotalDegrees,
    List<BvhLanding> landings) {

  /** Feet checked for landings, the first ones in file order; a figure has two. */
  public static final int MAX_FEET = 16;

  public BvhAnalysis {
    landings = List.copyOf(landings);
  }

  /** Analyses {@code clip} with {@link LandingThresholds#DEFAULT}. */
  public static BvhAnalysis of(BvhClip clip) {
    return of(clip, LandingThresholds.DEFAULT);
  }

  /**
   * One pass of forward kinematics over all frames; memory is a few poses plus one float per frame and foot.
   * Without joints named like feet the landing list is empty.
   */
  public static BvhAnalysis of(BvhClip clip, LandingThresholds thresholds) {
    Objects.requireNonNull(clip, "clip");
    Objects.requireNonNull(thresholds, "thresholds");
    return new MotionAnalyzer(clip, thresholds).analyze();
  }
}
