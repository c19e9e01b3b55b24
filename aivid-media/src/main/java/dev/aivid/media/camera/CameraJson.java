package dev.aivid.media.camera;

import dev.aivid.media.MediaException;
import dev.aivid.media.json.BoundedJsonReader;
import dev.aivid.media.json.JsonAccess;
import dev.aivid.media.json.JsonLimits;
import dev.aivid.media.json.JsonValue;
import dev.aivid.media.json.JsonValue.JsonArray;
import org.jspecify.annotations.Nullable;

/** JSON plumbing shared by the camera path readers. */
final class CameraJson {

  /** 16 MiB holds 10,000 pretty-printed nerfstudio frames with room to spare. */
  static final int MAX_BYTES = 16 * 1024 * 1024;
  static final JsonLimits LIMITS = new JsonLimits(MAX_BYTES, 32, 64 * 1024, 1_000_000);
  /** Largest coordinate or angle magnitude accepted; keeps every derived product finite. */
  static final double MAX_MAGNITUDE = 1e6;

  static final JsonAccess ACCESS = new JsonAccess(CameraPathErrors.SYNTAX);

  private CameraJson() {}

  static JsonValue parse(byte @Nullable [] bytes) {
    return BoundedJsonReader.read(bytes, LIMITS, CameraPathErrors.SYNTAX);
  }

  /** A finite number; NaN or ±Infinity is camera_path_not_a_number. */
  static double finite(JsonValue value, String path) {
    double number = ACCESS.number(value, path);
    if (!Double.isFinite(number)) {
      throw new MediaException(CameraPathErrors.NOT_A_NUMBER, path + " is " + number + ", expected a finite number");
    }
    return number;
  }

  /** A finite number of magnitude at most {@link #MAX_MAGNITUDE}. */
  static double bounded(JsonValue value, String path) {
    double number = finite(value, path);
    if (Math.abs(number) > MAX_MAGNITUDE) {
      throw new MediaException(CameraPathErrors.SYNTAX, path + " is " + number + ", beyond ±" + MAX_MAGNITUDE);
    }
    return number;
  }

  static Vector3 vector(JsonValue value, String path) {
    double[] numbers = numbers(value, 3, path);
    return new Vector3(numbers[0], numbers[1], numbers[2]);
  }

  /** Exactly {@code count} bounded numbers. */
  static double[] numbers(JsonValue value, int count, String path) {
    JsonArray array = ACCESS.array(value, path);
    if (array.elements().size() != count) {
      throw new MediaException(CameraPathErrors.SYNTAX,
          path + " must hold exactly " + count + " numbers, has " + array.elements().size());
    }
    double[] numbers = new double[count];
    for (int index = 0; index < count; index++) {
      numbers[index] = bounded(array.elements().get(index), JsonAccess.element(path, index));
    }
    return numbers;
  }

  /** A vertical field of view in degrees within 0.1..179; anything else is camera_path_invalid_fov. */
  static double fieldOfView(JsonValue value, String path) {
    double degrees = finite(value, path);
    if (!(degrees >= CameraKeyframe.MIN_FIELD_OF_VIEW_DEGREES && degrees <= CameraKeyframe.MAX_FIELD_OF_VIEW_DEGREES)) {
      throw new MediaException(CameraPathErrors.INVALID_FOV, path + " is " + degrees + "°, a vertical field of view must be within "
          + CameraKeyframe.MIN_FIELD_OF_VIEW_DEGREES + ".." + CameraKeyframe.MAX_FIELD_OF_VIEW_DEGREES);
    }
    return degrees;
  }

  /**
   * The orientation of a camera-to-world transform whose bottom row is 0 0 0 1 and whose 3×3 part is a rotation
   * (after removing a uniform scale when {@code allowUniformScale}).
   */
  static Quaternion rigidOrientation(double[] rowMajor4x4, boolean allowUniformScale, String path) {
    double[] bottom = {rowMajor4x4[12], rowMajor4x4[13], rowMajor4x4[14], rowMajor4x4[15] - 1};
    for (double entry : bottom) {
      if (Math.abs(entry) > 1e-6) {
        throw new MediaException(CameraPathErrors.SINGULAR_MATRIX,
            path + " is not a rigid camera-to-world transform: its bottom row must be 0 0 0 1");
      }
    }
    double[] rotation = {
      rowMajor4x4[0], rowMajor4x4[1], rowMajor4x4[2],
      rowMajor4x4[4], rowMajor4x4[5], rowMajor4x4[6],
      rowMajor4x4[8], rowMajor4x4[9], rowMajor4x4[10]
    };
    if (allowUniformScale) {
      rotation = withoutUniformScale(rotation);
    }
    String problem = Rotations.rotationProblem(rotation);
    if (problem != null) {
      throw new MediaException(CameraPathErrors.SINGULAR_MATRIX, path + " is not usable: " + problem);
    }
    return Quaternion.fromRotationMatrix(Rotations.orthonormalised(rotation));
  }

  /** Divides by the mean column length when all three columns have the same length within 0.1 %; else unchanged. */
  private static double[] withoutUniformScale(double[] rotation) {
    double[] lengths = new double[3];
    for (int column = 0; column < 3; column++) {
      lengths[column] = Math.sqrt(rotation[column] * rotation[column] + rotation[3 + column] * rotation[3 + column]
          + rotation[6 + column] * rotation[6 + column]);
    }
    double scale = (lengths[0] + lengths[1] + lengths[2]) / 3;
    if (!(scale > 1e-9)) {
      return rotation;
    }
    for (double length : lengths) {
      if (Math.abs(length / scale - 1) > 1e-3) {
        return rotation;
      }
    }
    double[] unscaled = new double[9];
    for (int index = 0; index < 9; index++) {
      unscaled[index] = rotation[index] / scale;
    }
    return unscaled;
  }
}
