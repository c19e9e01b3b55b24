package dev.aivid.providers;

/**
 * A camera path reduced to what prompt-level camera controls can express: its dominant move, the
 * direction and how strong it is.
 *
 * <p>Axes follow the camera, not the world: {@code +x} right, {@code +y} up, {@code +z} forward
 * (the direction of view). Rotations are signed the way a camera operator says them: pan {@code +}
 * right, tilt {@code +} up, roll {@code +} clockwise seen from behind the camera. Zoom {@code +} is
 * a narrower field of view (closer), dolly {@code +} moves forward.
 *
 * @param move one of {@code static, pan, tilt, roll, zoom, dolly, truck, pedestal, orbit}
 * @param direction {@code +1} or {@code -1} in the convention above ({@code 0} for static)
 * @param strength 0..1: how far the move goes over the shot (1 = a full frame's worth or 90°)
 * @param totalYawDegrees Σ|Δyaw| over the shot
 * @param peakScreenSpeedPixelsPerSecond the fastest on-screen motion the path causes
 */
public record CameraIntent(
    String move,
    int direction,
    double strength,
    double totalYawDegrees,
    double peakScreenSpeedPixelsPerSecond) {
  public CameraIntent {
    if (!(strength >= 0 && strength <= 1)) {
      throw new IllegalArgumentException("strength must be in [0, 1], got " + strength);
    }
    if (direction < -1 || direction > 1) {
      throw new IllegalArgumentException("direction must be -1, 0 or 1");
    }
  }

  /** Words a text-only model understands, e.g. "slow push in", "fast pan right". */
  public String phrase() {
    String speed = strength < 0.34 ? "slow" : strength < 0.67 ? "steady" : "fast";
    String words =
        switch (move) {
          case "pan" -> direction >= 0 ? "pan right" : "pan left";
          case "tilt" -> direction >= 0 ? "tilt up" : "tilt down";
          case "roll" -> direction >= 0 ? "roll clockwise" : "roll counter-clockwise";
          case "zoom" -> direction >= 0 ? "zoom in" : "zoom out";
          case "dolly" -> direction >= 0 ? "push in" : "pull out";
          case "truck" -> direction >= 0 ? "truck right" : "truck left";
          case "pedestal" -> direction >= 0 ? "pedestal up" : "pedestal down";
          case "orbit" -> direction >= 0 ? "orbit right around the subject" : "orbit left around the subject";
          default -> "locked-off static camera";
        };
    return move.equals("static") ? words : speed + " " + words;
  }
}
