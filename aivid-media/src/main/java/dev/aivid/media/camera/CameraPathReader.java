package dev.aivid.media.camera;

import static dev.aivid.media.camera.CameraJson.ACCESS;

import dev.aivid.media.MediaException;
import dev.aivid.media.json.JsonAccess;
import dev.aivid.media.json.JsonValue;
import dev.aivid.media.json.JsonValue.JsonArray;
import dev.aivid.media.json.JsonValue.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads AIVid's own camera path JSON (docs/camera-path.md, docs/camera-path.schema.json). Strict: unknown members are
 * errors. Every failure is a MediaException with one of the {@link CameraPathErrors} codes; nothing else is thrown
 * for any input. Thread-safe.
 */
public final class CameraPathReader {

  public static final int VERSION = 1;

  private static final Set<String> TOP_LEVEL = Set.of("$schema", "version", "fps", "keyframes");
  private static final Set<String> KEYFRAME = Set.of("time", "position", "look_at", "rotation", "matrix", "fov", "easing");
  private static final Set<String> ROTATION = Set.of("yaw", "pitch", "roll");

  private CameraPathReader() {}

  public static CameraPath read(byte @Nullable [] bytes) {
    JsonObject root = ACCESS.object(CameraJson.parse(bytes), "");
    ACCESS.allowOnly(root, TOP_LEVEL, "");
    JsonValue schema = ACCESS.optional(root, "$schema");
    if (schema != null) {
      ACCESS.string(schema, "$schema");
    }
    double version = CameraJson.finite(ACCESS.required(root, "version", ""), "version");
    if (version != VERSION) {
      throw ACCESS.syntax("version " + version + " is not supported; this reader understands version " + VERSION);
    }
    @Nullable Double framesPerSecond = null;
    JsonValue rate = ACCESS.optional(root, "fps");
    if (rate != null) {
      double value = CameraJson.finite(rate, "fps");
      if (!(value >= CameraPath.MIN_FRAMES_PER_SECOND && value <= CameraPath.MAX_FRAMES_PER_SECOND)) {
        throw ACCESS.syntax("fps is " + value + ", must be within "
            + CameraPath.MIN_FRAMES_PER_SECOND + ".." + CameraPath.MAX_FRAMES_PER_SECOND);
      }
      framesPerSecond = value;
    }
    JsonArray keyframeArray = ACCESS.array(ACCESS.required(root, "keyframes", ""), "keyframes");
    List<JsonValue> elements = keyframeArray.elements();
    requireKeyframeCount(elements.size());
    List<CameraKeyframe> keyframes = new ArrayList<>(elements.size());
    for (int index = 0; index < elements.size(); index++) {
      CameraKeyframe keyframe = keyframe(elements.get(index), JsonAccess.element("keyframes", index));
      if (!keyframes.isEmpty()) {
        requireLater(keyframes.getLast().timeSeconds(), keyframe.timeSeconds(), index);
      }
      keyframes.add(keyframe);
    }
    return new CameraPath(framesPerSecond, keyframes);
  }

  static void requireKeyframeCount(int count) {
    if (count == 0) {
      throw new MediaException(CameraPathErrors.EMPTY, "a camera path needs at least one keyframe");
    }
    if (count > CameraPath.MAX_KEYFRAMES) {
      throw new MediaException(CameraPathErrors.TOO_MANY_KEYFRAMES,
          count + " keyframes exceed the limit of " + CameraPath.MAX_KEYFRAMES);
    }
  }

  static void requireLater(double previousSeconds, double timeSeconds, int index) {
    if (!(timeSeconds > previousSeconds)) {
      throw new MediaException(CameraPathErrors.TIMES_NOT_INCREASING,
          "keyframe " + index + " is at " + timeSeconds + " s, not after keyframe " + (index - 1) + " at " + previousSeconds + " s");
    }
  }

  static double time(JsonValue value, String path) {
    double seconds = CameraJson.finite(value, path);
    if (!(seconds >= 0 && seconds <= CameraPath.MAX_DURATION_SECONDS)) {
      throw ACCESS.syntax(path + " is " + seconds + " s, must be within 0.." + CameraPath.MAX_DURATION_SECONDS);
    }
    return seconds;
  }

  private static CameraKeyframe keyframe(JsonValue value, String path) {
    JsonObject object = ACCESS.object(value, path);
    ACCESS.allowOnly(object, KEYFRAME, path);
    double timeSeconds = time(ACCESS.required(object, "time", path), JsonAccess.join(path, "time"));

    JsonValue lookAtValue = ACCESS.optional(object, "look_at");
    JsonValue rotationValue = ACCESS.optional(object, "rotation");
    JsonValue matrixValue = ACCESS.optional(object, "matrix");
    int orientationForms = (lookAtValue != null ? 1 : 0) + (rotationValue != null ? 1 : 0) + (matrixValue != null ? 1 : 0);
    if (orientationForms != 1) {
      throw ACCESS.syntax(path + " must have exactly one of look_at, rotation or matrix, has " + orientationForms);
    }

    JsonValue positionValue = ACCESS.optional(object, "position");
    @Nullable Vector3 position = positionValue == null ? null : CameraJson.vector(positionValue, JsonAccess.join(path, "position"));
    @Nullable Vector3 lookAt = null;
    @Nullable Quaternion orientation;
    if (matrixValue != null) {
      String matrixPath = JsonAccess.join(path, "matrix");
      double[] matrix = matrix(matrixValue, matrixPath);
      orientation = CameraJson.rigidOrientation(matrix, false, matrixPath);
      var translation = new Vector3(matrix[3], matrix[7], matrix[11]);
      if (position != null && position.distanceTo(translation) > 1e-6 * Math.max(1, translation.length())) {
        throw ACCESS.syntax(path + ".position " + position + " disagrees with the translation of " + matrixPath);
      }
      position = translation;
    } else {
      if (position == null) {
        throw ACCESS.syntax(JsonAccess.join(path, "position") + " is missing (only a matrix carries its own position)");
      }
      if (lookAtValue != null) {
        lookAt = CameraJson.vector(lookAtValue, JsonAccess.join(path, "look_at"));
        orientation = Rotations.lookAt(position, lookAt);
        if (orientation == null) {
          throw new MediaException(CameraPathErrors.SINGULAR_MATRIX, path + ".look_at gives no orientation: "
              + "the target must differ from the position and not lie straight above or below it");
        }
      } else {
        orientation = rotation(rotationValue, JsonAccess.join(path, "rotation"));
      }
    }

    double fieldOfView = CameraJson.fieldOfView(ACCESS.required(object, "fov", path), JsonAccess.join(path, "fov"));
    Easing easing = Easing.LINEAR;
    JsonValue easingValue = ACCESS.optional(object, "easing");
    if (easingValue != null) {
      String name = ACCESS.string(easingValue, JsonAccess.join(path, "easing"));
      easing = Easing.fromJsonName(name).orElseThrow(() -> ACCESS.syntax(path + ".easing \"" + abbreviate(name)
          + "\" is not one of linear, ease_in, ease_out, ease_in_out, hold"));
    }
    return new CameraKeyframe(timeSeconds, position, orientation, lookAt, fieldOfView, easing);
  }

  private static Quaternion rotation(@Nullable JsonValue value, String path) {
    if (value == null) {
      throw new IllegalStateException("caller checked that rotation is present");
    }
    JsonObject object = ACCESS.object(value, path);
    ACCESS.allowOnly(object, ROTATION, path);
    return Rotations.fromYawPitchRoll(angle(object, "yaw", path), angle(object, "pitch", path), angle(object, "roll", path));
  }

  private static double angle(JsonObject rotation, String name, String path) {
    JsonValue value = ACCESS.optional(rotation, name);
    return value == null ? 0 : CameraJson.bounded(value, JsonAccess.join(path, name));
  }

  /** Four rows of four numbers, flattened row-major. */
  private static double[] matrix(JsonValue value, String path) {
    JsonArray rows = ACCESS.array(value, path);
    if (rows.elements().size() != 4) {
      throw ACCESS.syntax(path + " must have 4 rows of 4 numbers, has " + rows.elements().size() + " rows");
    }
    double[] matrix = new double[16];
    for (int row = 0; row < 4; row++) {
      double[] numbers = CameraJson.numbers(rows.elements().get(row), 4, JsonAccess.element(path, row));
      System.arraycopy(numbers, 0, matrix, row * 4, 4);
    }
    return matrix;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
