package dev.aivid.media.scene;

import dev.aivid.media.camera.CameraKeyframe;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.Easing;
import dev.aivid.media.camera.Quaternion;
import dev.aivid.media.camera.Vector3;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.IntPredicate;

/** Flat test pictures with markers, camera paths and pixel measurements for the scene tests. */
final class SceneFixtures {

  static final int WIDTH = 320;
  static final int HEIGHT = 180;
  static final double FIELD_OF_VIEW = 40;
  /** (H/2) / tan(vfov/2) = 90 / tan 20° ≈ 247.27 px. */
  static final double FOCAL = HEIGHT / 2.0 / Math.tan(Math.toRadians(FIELD_OF_VIEW / 2));
  static final Vector3 EYE = new Vector3(0, 1.5, 0);

  private SceneFixtures() {}

  static BufferedImage flat(Color colour) {
    var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(colour);
    graphics.fillRect(0, 0, WIDTH, HEIGHT);
    graphics.dispose();
    return image;
  }

  /** A copy of {@code image} with a {@code size}-pixel square centred on the grid point (centreX, centreY). */
  static BufferedImage withSquare(BufferedImage image, int centreX, int centreY, int size, Color colour) {
    var copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = copy.createGraphics();
    graphics.drawImage(image, 0, 0, null);
    graphics.setColor(colour);
    graphics.fillRect(centreX - size / 2, centreY - size / 2, size, size);
    graphics.dispose();
    return copy;
  }

  /** White where the rectangle is, black elsewhere. */
  static BufferedImage maskOf(int left, int top, int width, int height) {
    var mask = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D graphics = mask.createGraphics();
    graphics.setColor(Color.WHITE);
    graphics.fillRect(left, top, width, height);
    graphics.dispose();
    return mask;
  }

  static CameraPath still(Vector3 position) {
    return new CameraPath(null, List.of(keyframe(0, position, 0, Easing.LINEAR)));
  }

  /** Linear from (startPosition, yaw 0) to (endPosition, endYaw) over {@code seconds}. */
  static CameraPath linear(Vector3 startPosition, Vector3 endPosition, double endYawDegrees, double seconds) {
    return new CameraPath(null, List.of(
        keyframe(0, startPosition, 0, Easing.LINEAR),
        keyframe(seconds, endPosition, endYawDegrees, Easing.LINEAR)));
  }

  private static CameraKeyframe keyframe(double time, Vector3 position, double yawDegrees, Easing easing) {
    return new CameraKeyframe(time, position, Quaternion.fromAxisAngle(Vector3.UP, yawDegrees), null, FIELD_OF_VIEW,
        easing);
  }

  /** Centre of the pixels whose RGB passes {@code test}, in screen coordinates (pixel centres at +0.5), count [2]. */
  static double[] centroid(BufferedImage image, IntPredicate test) {
    double sumX = 0;
    double sumY = 0;
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (test.test(image.getRGB(x, y) & 0xFFFFFF)) {
          sumX += x + 0.5;
          sumY += y + 0.5;
          count++;
        }
      }
    }
    return new double[] {sumX / count, sumY / count, count};
  }

  static int red(int rgb) {
    return (rgb >> 16) & 0xFF;
  }

  static int green(int rgb) {
    return (rgb >> 8) & 0xFF;
  }

  static int blue(int rgb) {
    return rgb & 0xFF;
  }

  /** Mean colour of a rectangle as {r, g, b}. */
  static double[] meanColour(BufferedImage image, int left, int top, int width, int height) {
    double[] sum = new double[3];
    for (int y = top; y < top + height; y++) {
      for (int x = left; x < left + width; x++) {
        int rgb = image.getRGB(x, y);
        sum[0] += red(rgb);
        sum[1] += green(rgb);
        sum[2] += blue(rgb);
      }
    }
    int count = width * height;
    return new double[] {sum[0] / count, sum[1] / count, sum[2] / count};
  }
}
