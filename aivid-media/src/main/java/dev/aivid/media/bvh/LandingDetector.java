package dev.aivid.media.bvh;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the frames where one foot lands, from its height per frame. With {@code v[f] = (h[f] - h[f-1]) / frameTime}:
 * the foot is <em>armed</em> once it moves down faster than the descent speed after coming down at least the minimum
 * drop from its highest point since the last landing; an armed foot lands at the first frame {@code f} within the contact band
 * of the ground where {@code v[f+1]} is no longer below minus the stop speed. Landing disarms the foot and restarts
 * the highest point, so jitter on the ground never re-arms it. The last frame cannot be a landing (its next velocity
 * is unknown).
 */
final class LandingDetector {

  private LandingDetector() {}

  static List<Integer> landingFrames(
      float[] heights, double groundHeight, double restHeight, double frameTimeSeconds, LandingThresholds thresholds) {
    double contactBand = thresholds.contactBandFraction() * restHeight;
    double minimumDrop = thresholds.minimumDropFraction() * restHeight;
    double descentSpeed = thresholds.descentSpeedFractionPerSecond() * restHeight;
    double stopSpeed = thresholds.stopSpeedFractionPerSecond() * restHeight;
    var frames = new ArrayList<Integer>();
    boolean armed = false;
    double highest = heights.length == 0 ? 0 : heights[0];
    for (int frame = 1; frame + 1 < heights.length; frame++) {
      double height = heights[frame];
      highest = Math.max(highest, height);
      double velocity = (height - heights[frame - 1]) / frameTimeSeconds;
      if (velocity < -descentSpeed && highest - height >= minimumDrop) {
        armed = true;
      }
      if (!armed || height - groundHeight > contactBand) {
        continue;
      }
      double nextVelocity = (heights[frame + 1] - height) / frameTimeSeconds;
      if (nextVelocity >= -stopSpeed) {
        frames.add(frame);
        armed = false;
        highest = height;
      }
    }
    return List.copyOf(frames);
  }
}
