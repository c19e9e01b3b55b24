package dev.aivid.media.camera;

import org.jspecify.annotations.Nullable;

/**
 * The camera at one instant.
 *
 * @param orientation camera-to-world rotation
 * @param lookAt the interpolated target when both surrounding keyframes were authored with {@code look_at}
 */
public record CameraPose(
    double timeSeconds,
    Vector3 position,
    Quaternion orientation,
    double verticalFieldOfViewDegrees,
    @Nullable Vector3 lookAt) {

  public Vector3 forward() {
    return orientation.forward();
  }

  /** Heading about world +Y; 0 looks along -Z, positive turns left. Unreliable when |pitch| is near 90. */
  public double yawDegrees() {
    return Rotations.yawDegrees(forward());
  }

  /** Elevation of the view direction, -90 (straight down) .. 90 (straight up). */
  public double pitchDegrees() {
    return Rotations.pitchDegrees(forward());
  }

  /** Horizontal field of view for a frame of the given aspect ratio (width / height). */
  public double horizontalFieldOfViewDegrees(double aspectRatio) {
    double halfVertical = Math.toRadians(verticalFieldOfViewDegrees) / 2;
    return Math.toDegrees(2 * Math.atan(Math.tan(halfVertical) * aspectRatio));
  }

  /** Focal length in pixels for a frame {@code heightPixels} tall: (H/2) / tan(vfov/2), as nerfstudio computes it. */
  public double focalLengthPixels(int heightPixels) {
    return heightPixels / 2.0 / Math.tan(Math.toRadians(verticalFieldOfViewDegrees) / 2);
  }
}
