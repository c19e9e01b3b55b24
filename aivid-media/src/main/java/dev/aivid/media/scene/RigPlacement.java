package dev.aivid.media.scene;

import dev.aivid.media.camera.Vector3;
import java.util.Objects;

/**
 * Where the rig stands: the clip is scaled so its rest pose is {@code heightUnits} tall, its lowest point over the
 * clip is put on the ground (world y of {@code position}), turned by {@code yawDegrees} about +Y (positive turns left,
 * as for cameras) and moved so the root's ground point on the first frame is at {@code position}.
 */
public record RigPlacement(Vector3 position, double yawDegrees, double heightUnits) {

  /** An adult, in metres. */
  public static final double HUMAN_HEIGHT = 1.7;

  public RigPlacement {
    Objects.requireNonNull(position, "position");
    if (!Double.isFinite(position.x()) || !Double.isFinite(position.y()) || !Double.isFinite(position.z())
        || !Double.isFinite(yawDegrees)) {
      throw new IllegalArgumentException("position and yaw must be finite");
    }
    if (!(heightUnits > 0 && heightUnits <= 1_000)) {
      throw new IllegalArgumentException("heightUnits must be within (0, 1000], was " + heightUnits);
    }
  }
}
