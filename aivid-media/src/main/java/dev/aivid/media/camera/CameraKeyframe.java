package dev.aivid.media.camera;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One authored camera state.
 *
 * @param timeSeconds when the camera reaches this state, from the start of the clip
 * @param orientation camera-to-world rotation
 * @param lookAt the target the orientation was derived from, when it was authored with {@code look_at}
 * @param verticalFieldOfViewDegrees vertical field of view, 0.1..179
 * @param easing how the camera moves from this keyframe to the next
 */
public record CameraKeyframe(
    double timeSeconds,
    Vector3 position,
    Quaternion orientation,
    @Nullable Vector3 lookAt,
    double verticalFieldOfViewDegrees,
    Easing easing) {

  /**
   * Practical bounds: beyond them tan(fov/2) underflows or explodes and every derived figure degenerates. 0.1° is a
   * 12,000 mm lens on full frame; 179° is past any fisheye.
   */
  public static final double MIN_FIELD_OF_VIEW_DEGREES = 0.1;
  public static final double MAX_FIELD_OF_VIEW_DEGREES = 179;

  public CameraKeyframe {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(orientation, "orientation");
    Objects.requireNonNull(easing, "easing");
    if (!(timeSeconds >= 0) || !Double.isFinite(timeSeconds) || !position.isFinite()
        || (lookAt != null && !lookAt.isFinite())) {
      throw new IllegalArgumentException("time, position and look-at must be finite, time non-negative");
    }
    if (!(verticalFieldOfViewDegrees >= MIN_FIELD_OF_VIEW_DEGREES && verticalFieldOfViewDegrees <= MAX_FIELD_OF_VIEW_DEGREES)) {
      throw new IllegalArgumentException("field of view must be within " + MIN_FIELD_OF_VIEW_DEGREES + ".."
          + MAX_FIELD_OF_VIEW_DEGREES + ", was " + verticalFieldOfViewDegrees);
    }
    orientation = orientation.normalised();
    if (!Double.isFinite(orientation.w())) {
      throw new IllegalArgumentException("orientation must be a non-zero quaternion");
    }
  }
}
