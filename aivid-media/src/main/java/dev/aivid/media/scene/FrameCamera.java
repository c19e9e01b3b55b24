package dev.aivid.media.scene;

import dev.aivid.media.camera.CameraPose;
import dev.aivid.media.camera.Vector3;

/**
 * One frame's pinhole camera, both in world coordinates (for the rig) and relative to the start camera (for layers,
 * which live in start-camera coordinates).
 */
final class FrameCamera {

  /** Points closer to the camera than this (scene units) are not drawn. */
  static final double NEAR = 0.01;

  final int width;
  final int height;
  final double focal;
  final double startFocal;
  /** Camera-to-world rotation, row-major. */
  private final double[] rotation;
  private final double positionX;
  private final double positionY;
  private final double positionZ;
  /** This camera's position in start-camera coordinates. */
  final double originX;
  final double originY;
  final double originZ;
  /** This camera's axes in start-camera coordinates: R0ᵀ·R, row-major. */
  final double[] relative;
  /** Screen row of the horizon (world directions with no elevation), ignoring roll; may lie off screen. */
  final double horizonRow;

  private FrameCamera(int width, int height, CameraPose pose, CameraPose start) {
    this.width = width;
    this.height = height;
    this.focal = pose.focalLengthPixels(height);
    this.startFocal = start.focalLengthPixels(height);
    this.rotation = pose.orientation().toRotationMatrix();
    Vector3 position = pose.position();
    this.positionX = position.x();
    this.positionY = position.y();
    this.positionZ = position.z();
    double[] startRotation = start.orientation().toRotationMatrix();
    Vector3 offset = position.minus(start.position());
    this.originX = startRotation[0] * offset.x() + startRotation[3] * offset.y() + startRotation[6] * offset.z();
    this.originY = startRotation[1] * offset.x() + startRotation[4] * offset.y() + startRotation[7] * offset.z();
    this.originZ = startRotation[2] * offset.x() + startRotation[5] * offset.y() + startRotation[8] * offset.z();
    double elevation = Math.asin(Math.clamp(-rotation[5], -1.0, 1.0));
    this.horizonRow = height / 2.0 + focal * Math.tan(Math.clamp(elevation, -1.5, 1.5));
    this.relative = new double[9];
    for (int row = 0; row < 3; row++) {
      for (int column = 0; column < 3; column++) {
        double sum = 0;
        for (int inner = 0; inner < 3; inner++) {
          sum += startRotation[3 * inner + row] * rotation[3 * inner + column];
        }
        relative[3 * row + column] = sum;
      }
    }
  }

  static FrameCamera of(CameraPose pose, CameraPose start, int width, int height) {
    return new FrameCamera(width, height, pose, start);
  }

  /**
   * Projects a world point; writes screen x, y and the distance along the view axis into {@code screen}. False when
   * the point is closer than {@link #NEAR} or behind the camera.
   */
  boolean project(double x, double y, double z, double[] screen) {
    double dx = x - positionX;
    double dy = y - positionY;
    double dz = z - positionZ;
    double cameraX = rotation[0] * dx + rotation[3] * dy + rotation[6] * dz;
    double cameraY = rotation[1] * dx + rotation[4] * dy + rotation[7] * dz;
    double cameraZ = rotation[2] * dx + rotation[5] * dy + rotation[8] * dz;
    double distance = -cameraZ;
    if (!(distance > NEAR)) {
      return false;
    }
    screen[0] = width / 2.0 + focal * cameraX / distance;
    screen[1] = height / 2.0 - focal * cameraY / distance;
    screen[2] = distance;
    return true;
  }

  /**
   * Where the view ray through screen point (u, v) meets the layer plane at {@code depth}, in start-frame pixels;
   * false when it does not meet it in front of the camera.
   */
  boolean startPixelOf(double u, double v, double depth, double[] startPixel) {
    double k = -depth - originZ;
    double rayX = (u - width / 2.0) / focal;
    double rayY = -(v - height / 2.0) / focal;
    double directionX = relative[0] * rayX + relative[1] * rayY - relative[2];
    double directionY = relative[3] * rayX + relative[4] * rayY - relative[5];
    double directionZ = relative[6] * rayX + relative[7] * rayY - relative[8];
    if (!(k < -NEAR) || !(directionZ < -1e-9)) {
      return false;
    }
    double along = k / directionZ;
    startPixel[0] = width / 2.0 + startFocal * (originX + along * directionX) / depth;
    startPixel[1] = height / 2.0 - startFocal * (originY + along * directionY) / depth;
    return true;
  }

  /**
   * Projects a point of the layer plane at {@code depth} given in start-frame pixels onto this frame's screen; false
   * when it is closer than {@link #NEAR} or behind.
   */
  boolean screenOf(double startPixelX, double startPixelY, double depth, double[] screen) {
    double pointX = (startPixelX - width / 2.0) * depth / startFocal - originX;
    double pointY = -(startPixelY - height / 2.0) * depth / startFocal - originY;
    double pointZ = -depth - originZ;
    double cameraX = relative[0] * pointX + relative[3] * pointY + relative[6] * pointZ;
    double cameraY = relative[1] * pointX + relative[4] * pointY + relative[7] * pointZ;
    double cameraZ = relative[2] * pointX + relative[5] * pointY + relative[8] * pointZ;
    double distance = -cameraZ;
    if (!(distance > NEAR)) {
      return false;
    }
    screen[0] = width / 2.0 + focal * cameraX / distance;
    screen[1] = height / 2.0 - focal * cameraY / distance;
    return true;
  }

  /** Screen pixels per start-frame pixel at the centre of the view for a plane at {@code depth}, roughly. */
  double magnification(double depth) {
    double distance = Math.max(depth + originZ, 0.05 * depth);
    return focal / startFocal * depth / distance;
  }
}
