package dev.aivid.media.bvh;

/**
 * When a foot counts as landing, relative to the skeleton's rest height {@code H} (the vertical extent of the rest
 * pose, in file units) so the same numbers work for files in centimetres, inches or metres. For a 1.7 m figure the
 * defaults mean: within 17 cm of the ground, after dropping at least 5 cm at over 42 cm/s, once the downward speed
 * falls below 8.5 cm/s.
 *
 * @param contactBandFraction the foot's lowest point must be within {@code contactBandFraction · H} of the ground,
 *     the lowest any foot gets in the clip (so landings on raised surfaces are not reported)
 * @param minimumDropFraction the foot must have come down at least this much (· H) from its highest point since its
 *     previous landing
 * @param descentSpeedFractionPerSecond ...and must have moved down faster than this (· H per second) on the way
 * @param stopSpeedFractionPerSecond the landing frame is the first one after which the foot descends slower than this
 *     (· H per second): the downward velocity has reached about zero at a local minimum of height
 */
public record LandingThresholds(
    double contactBandFraction,
    double minimumDropFraction,
    double descentSpeedFractionPerSecond,
    double stopSpeedFractionPerSecond) {

  public static final LandingThresholds DEFAULT = new LandingThresholds(0.10, 0.03, 0.25, 0.05);

  public LandingThresholds {
    requirePositive("contactBandFraction", contactBandFraction);
    requirePositive("minimumDropFraction", minimumDropFraction);
    requirePositive("descentSpeedFractionPerSecond", descentSpeedFractionPerSecond);
    requirePositive("stopSpeedFractionPerSecond", stopSpeedFractionPerSecond);
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
