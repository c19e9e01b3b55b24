package dev.aivid.media.camera;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes a {@link CameraPath} as AIVid camera path JSON that {@link CameraPathReader} reads back to the same path (orientations within floating-point rounding):
 * keyframes authored with look_at keep it, all others are written as a camera-to-world matrix (plus the position for
 * readability). Numbers use Java's shortest round-trip form. Thread-safe.
 */
public final class CameraPathWriter {

  private CameraPathWriter() {}

  public static byte[] write(CameraPath path) {
    var json = new StringBuilder(256 + 320 * path.keyframes().size());
    json.append("{\n  \"version\": ").append(CameraPathReader.VERSION);
    Double framesPerSecond = path.framesPerSecond();
    if (framesPerSecond != null) {
      json.append(",\n  \"fps\": ").append(number(framesPerSecond));
    }
    json.append(",\n  \"keyframes\": [");
    for (int index = 0; index < path.keyframes().size(); index++) {
      CameraKeyframe keyframe = path.keyframes().get(index);
      json.append(index == 0 ? "\n" : ",\n");
      json.append("    {\"time\": ").append(number(keyframe.timeSeconds()));
      json.append(", \"position\": ").append(vector(keyframe.position()));
      Vector3 lookAt = keyframe.lookAt();
      if (lookAt != null) {
        json.append(", \"look_at\": ").append(vector(lookAt));
      } else {
        json.append(", \"matrix\": ").append(matrix(keyframe));
      }
      json.append(", \"fov\": ").append(number(keyframe.verticalFieldOfViewDegrees()));
      json.append(", \"easing\": \"").append(keyframe.easing().jsonName()).append("\"}");
    }
    json.append("\n  ]\n}\n");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String matrix(CameraKeyframe keyframe) {
    double[] rotation = keyframe.orientation().toRotationMatrix();
    double[] translation = {keyframe.position().x(), keyframe.position().y(), keyframe.position().z()};
    var rows = new StringBuilder("[");
    for (int row = 0; row < 3; row++) {
      rows.append('[').append(number(rotation[row * 3])).append(", ").append(number(rotation[row * 3 + 1]))
          .append(", ").append(number(rotation[row * 3 + 2])).append(", ").append(number(translation[row])).append("], ");
    }
    return rows.append("[0, 0, 0, 1]]").toString();
  }

  private static String vector(Vector3 vector) {
    return "[" + number(vector.x()) + ", " + number(vector.y()) + ", " + number(vector.z()) + "]";
  }

  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    // Double.toString never uses a locale and always round-trips; its exponent form ("1.0E-5") is valid JSON.
    return Double.toString(value);
  }
}
