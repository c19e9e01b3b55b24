package dev.aivid.media.sound;

import java.util.Objects;

/**
 * A foot landing placed on the output video's frame grid.
 *
 * @param outputFrame index of the first output frame that shows the foot down (0 is the first frame)
 * @param timeSeconds when that frame is shown, {@code outputFrame / framesPerSecond}: the Foley onset
 * @param foot the foot joint's name in the BVH file, e.g. {@code LeftFoot}
 */
public record LandingHit(int outputFrame, double timeSeconds, String foot) {

  public LandingHit {
    Objects.requireNonNull(foot, "foot");
    if (outputFrame < 0 || !(timeSeconds >= 0) || !Double.isFinite(timeSeconds)) {
      throw new IllegalArgumentException(
          "outputFrame and timeSeconds must not be negative, were " + outputFrame + " and " + timeSeconds);
    }
  }
}
