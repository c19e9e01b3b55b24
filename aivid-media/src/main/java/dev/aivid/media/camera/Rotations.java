package dev.aivid.media.camera;

import org.jspecify.annotations.Nullable;

/** Orientation helpers shared by the readers and the analysis. */
final class Rotations {

  /**
   * Largest |RᵀR − I| entry accepted as a rotation, which is then re-orthonormalised. Real nerfstudio paths from 2022
   * deviate by up to 0.017 (interpolated matrices); a scale of 3 % or a visible shear is refused.
   */
  static final double ORTHONORMAL_TOLERANCE = 0.05;

  /** Beyond this pitch the yaw of a view direction is not meaningful (looking almost straight up or down). */
  static final double YAW_UNDEFINED_ABOVE_PITCH_DEGREES = 85;

  private Rotations() {}

  /** Camera orientation looking from {@code position} at {@code target} with world +Y up and no roll; null if degenerate. */
  static @Nullable Quaternion lookAt(Vector3 position, Vector3 target) {
    Vector3 direction = target.minus(position);
    double distance = direction.length();
    if (!(distance > 1e-9)) {
      return null;
    }
    Vector3 forward = direction.times(1 / distance);
    Vector3 side = forward.cross(Vector3.UP);
    if (side.length() < 1e-6) {
      return null;
    }
    Vector3 right = side.normalised();
    Vector3 up = right.cross(forward);
    // Columns are the camera axes in world coordinates: X = right, Y = up, Z = -forward.
    return Quaternion.fromRotationMatrix(new double[] {
      right.x(), up.x(), -forward.x(),
      right.y(), up.y(), -forward.y(),
      right.z(), up.z(), -forward.z()
    });
  }

  /** Yaw about world +Y, then pitch about the camera's +X, then roll about its view axis: R = Ry·Rx·Rz. */
  static Quaternion fromYawPitchRoll(double yawDegrees, double pitchDegrees, double rollDegrees) {
    return Quaternion.fromAxisAngle(new Vector3(0, 1, 0), yawDegrees)
        .multiply(Quaternion.fromAxisAngle(new Vector3(1, 0, 0), pitchDegrees))
        .multiply(Quaternion.fromAxisAngle(new Vector3(0, 0, 1), rollDegrees))
        .normalised();
  }

  /** Heading of a view direction about world +Y; 0 looks along -Z, +90 along -X (a left turn seen from above). */
  static double yawDegrees(Vector3 forward) {
    return Math.toDegrees(Math.atan2(-forward.x(), -forward.z()));
  }

  /** Elevation of a view direction above the horizontal plane, -90..90. */
  static double pitchDegrees(Vector3 forward) {
    return Math.toDegrees(Math.asin(Math.clamp(forward.y() / forward.length(), -1.0, 1.0)));
  }

  /** {@code angle} wrapped into (-180, 180]. */
  static double wrapDegrees(double angle) {
    double wrapped = angle % 360;
    if (wrapped > 180) {
      wrapped -= 360;
    } else if (wrapped <= -180) {
      wrapped += 360;
    }
    return wrapped;
  }

  /** Why a row-major 3×3 matrix is not a proper rotation, or null if it is one (within the tolerance). */
  static @Nullable String rotationProblem(double[] rowMajor) {
    double determinant = determinant(rowMajor);
    if (Math.abs(determinant) < 1e-9) {
      return "its rotation part is singular (determinant " + determinant + ")";
    }
    double worst = 0;
    for (int row = 0; row < 3; row++) {
      for (int column = 0; column < 3; column++) {
        double product = 0;
        for (int index = 0; index < 3; index++) {
          product += rowMajor[index * 3 + row] * rowMajor[index * 3 + column];
        }
        worst = Math.max(worst, Math.abs(product - (row == column ? 1 : 0)));
      }
    }
    if (!(worst <= ORTHONORMAL_TOLERANCE)) {
      return "its rotation part is not orthonormal (|RᵀR − I| up to " + worst + ")";
    }
    if (determinant < 0) {
      return "its rotation part is a reflection (determinant " + determinant + ")";
    }
    return null;
  }

  /**
   * The nearest rotation to a nearly orthonormal matrix with positive determinant (the orthogonal factor of its polar
   * decomposition), by the Newton iteration X ← (X + X⁻ᵀ) / 2, which converges quadratically from this close.
   */
  static double[] orthonormalised(double[] rowMajor) {
    double[] matrix = rowMajor.clone();
    for (int iteration = 0; iteration < 20; iteration++) {
      double determinant = determinant(matrix);
      // X⁻ᵀ = cofactor matrix / determinant.
      double[] inverseTransposed = {
        (matrix[4] * matrix[8] - matrix[5] * matrix[7]) / determinant,
        (matrix[5] * matrix[6] - matrix[3] * matrix[8]) / determinant,
        (matrix[3] * matrix[7] - matrix[4] * matrix[6]) / determinant,
        (matrix[2] * matrix[7] - matrix[1] * matrix[8]) / determinant,
        (matrix[0] * matrix[8] - matrix[2] * matrix[6]) / determinant,
        (matrix[1] * matrix[6] - matrix[0] * matrix[7]) / determinant,
        (matrix[1] * matrix[5] - matrix[2] * matrix[4]) / determinant,
        (matrix[2] * matrix[3] - matrix[0] * matrix[5]) / determinant,
        (matrix[0] * matrix[4] - matrix[1] * matrix[3]) / determinant
      };
      double change = 0;
      for (int index = 0; index < 9; index++) {
        double next = (matrix[index] + inverseTransposed[index]) / 2;
        change = Math.max(change, Math.abs(next - matrix[index]));
        matrix[index] = next;
      }
      if (change < 1e-15) {
        break;
      }
    }
    return matrix;
  }

  /** Determinant of a row-major 3×3 matrix. */
  static double determinant(double[] matrix) {
    return matrix[0] * (matrix[4] * matrix[8] - matrix[5] * matrix[7])
        - matrix[1] * (matrix[3] * matrix[8] - matrix[5] * matrix[6])
        + matrix[2] * (matrix[3] * matrix[7] - matrix[4] * matrix[6]);
  }
}
