package dev.aivid.media.previz;

import java.awt.geom.AffineTransform;
import java.util.SplittableRandom;

/**
 * A Ken Burns move: an eased zoom towards a seeded point, so the frame slowly pushes in and drifts.
 *
 * @param finalZoom magnification reached on the last frame
 * @param focusX where the view drifts horizontally, -1 (left edge) .. 1 (right edge)
 * @param focusY where the view drifts vertically, -1 (top edge) .. 1 (bottom edge)
 */
record CameraMove(double finalZoom, double focusX, double focusY) {

  CameraMove {
    if (!(finalZoom >= 1) || Math.abs(focusX) > 1 || Math.abs(focusY) > 1) {
      throw new IllegalArgumentException("camera move out of range: " + finalZoom + ", " + focusX + ", " + focusY);
    }
  }

  static CameraMove seeded(long seed) {
    // Mixed so the move does not correlate with the backdrop painted from the same seed.
    var random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    double angle = 2 * Math.PI * random.nextDouble();
    double reach = 0.5 + 0.4 * random.nextDouble();
    return new CameraMove(1.10 + 0.05 * random.nextDouble(), reach * Math.cos(angle), reach * Math.sin(angle));
  }

  /** The backdrop-to-frame transform at {@code progress} 0..1 through the clip; exactly identity at 0. */
  AffineTransform at(double progress, int width, int height) {
    double eased = 0.5 - 0.5 * Math.cos(Math.PI * Math.clamp(progress, 0.0, 1.0));
    double zoom = 1 + (finalZoom - 1) * eased;
    double visibleWidth = width / zoom;
    double visibleHeight = height / zoom;
    double left = (width - visibleWidth) * (1 + focusX) / 2;
    double top = (height - visibleHeight) * (1 + focusY) / 2;
    var transform = new AffineTransform();
    transform.scale(zoom, zoom);
    transform.translate(-left, -top);
    return transform;
  }
}
