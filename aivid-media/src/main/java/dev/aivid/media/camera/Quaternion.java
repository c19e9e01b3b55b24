package dev.aivid.media.camera;

/** A unit quaternion for a rotation; as a camera orientation it rotates camera axes into world axes. */
public record Quaternion(double w, double x, double y, double z) {

  public static final Quaternion IDENTITY = new Quaternion(1, 0, 0, 0);

  public static Quaternion fromAxisAngle(Vector3 axis, double angleDegrees) {
    double half = Math.toRadians(angleDegrees) / 2;
    Vector3 unit = axis.normalised();
    double sine = Math.sin(half);
    return new Quaternion(Math.cos(half), unit.x() * sine, unit.y() * sine, unit.z() * sine);
  }

  /**
   * The rotation of a proper orthonormal matrix given row-major as m00 m01 m02 m10 … m22 (Shepperd's method, which
   * stays accurate for every angle). The caller checks orthonormality first.
   */
  public static Quaternion fromRotationMatrix(double[] rowMajor) {
    double m00 = rowMajor[0];
    double m01 = rowMajor[1];
    double m02 = rowMajor[2];
    double m10 = rowMajor[3];
    double m11 = rowMajor[4];
    double m12 = rowMajor[5];
    double m20 = rowMajor[6];
    double m21 = rowMajor[7];
    double m22 = rowMajor[8];
    double trace = m00 + m11 + m22;
    Quaternion result;
    if (trace > 0) {
      double scale = Math.sqrt(trace + 1) * 2;
      result = new Quaternion(scale / 4, (m21 - m12) / scale, (m02 - m20) / scale, (m10 - m01) / scale);
    } else if (m00 > m11 && m00 > m22) {
      double scale = Math.sqrt(1 + m00 - m11 - m22) * 2;
      result = new Quaternion((m21 - m12) / scale, scale / 4, (m01 + m10) / scale, (m02 + m20) / scale);
    } else if (m11 > m22) {
      double scale = Math.sqrt(1 + m11 - m00 - m22) * 2;
      result = new Quaternion((m02 - m20) / scale, (m01 + m10) / scale, scale / 4, (m12 + m21) / scale);
    } else {
      double scale = Math.sqrt(1 + m22 - m00 - m11) * 2;
      result = new Quaternion((m10 - m01) / scale, (m02 + m20) / scale, (m12 + m21) / scale, scale / 4);
    }
    return result.normalised();
  }

  /** Row-major 3×3 rotation matrix m00 m01 m02 m10 … m22. */
  public double[] toRotationMatrix() {
    return new double[] {
      1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
      2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
      2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)
    };
  }

  /** The rotation {@code this} after {@code other}: (this · other) v = this(other(v)). */
  public Quaternion multiply(Quaternion other) {
    return new Quaternion(
        w * other.w - x * other.x - y * other.y - z * other.z,
        w * other.x + x * other.w + y * other.z - z * other.y,
        w * other.y - x * other.z + y * other.w + z * other.x,
        w * other.z + x * other.y - y * other.x + z * other.w);
  }

  public Quaternion conjugate() {
    return new Quaternion(w, -x, -y, -z);
  }

  public Quaternion normalised() {
    double length = Math.sqrt(w * w + x * x + y * y + z * z);
    return new Quaternion(w / length, x / length, y / length, z / length);
  }

  public double dot(Quaternion other) {
    return w * other.w + x * other.x + y * other.y + z * other.z;
  }

  public Vector3 rotate(Vector3 vector) {
    // v' = v + w·t + q×t with t = 2·(q×v), the expanded form of q·v·q*.
    var axis = new Vector3(x, y, z);
    Vector3 twice = axis.cross(vector).times(2);
    return vector.plus(twice.times(w)).plus(axis.cross(twice));
  }

  /** Where the camera looks: its local -Z in world axes. */
  public Vector3 forward() {
    return rotate(new Vector3(0, 0, -1));
  }

  /** The camera's local +Y in world axes. */
  public Vector3 up() {
    return rotate(new Vector3(0, 1, 0));
  }

  /** The camera's local +X in world axes. */
  public Vector3 right() {
    return rotate(new Vector3(1, 0, 0));
  }

  /** Angle of the rotation that takes {@code this} to {@code other}, 0..180. */
  public double angleToDegrees(Quaternion other) {
    // atan2 of the relative rotation stays accurate for tiny angles, where acos(dot) loses half the digits.
    Quaternion relative = conjugate().multiply(other);
    double sine = Math.sqrt(relative.x * relative.x + relative.y * relative.y + relative.z * relative.z);
    return Math.toDegrees(2 * Math.atan2(sine, Math.abs(relative.w)));
  }

  /** Spherical linear interpolation along the shorter arc; {@code fraction} 0 gives {@code from}, 1 gives {@code to}. */
  public static Quaternion slerp(Quaternion from, Quaternion to, double fraction) {
    double cosine = from.dot(to);
    Quaternion target = to;
    if (cosine < 0) {
      cosine = -cosine;
      target = new Quaternion(-to.w, -to.x, -to.y, -to.z);
    }
    double fromWeight;
    double toWeight;
    if (cosine > 0.9995) {
      // Nearly parallel: normalised linear interpolation is accurate and avoids dividing by sin(≈0).
      fromWeight = 1 - fraction;
      toWeight = fraction;
    } else {
      double angle = Math.acos(cosine);
      double sine = Math.sin(angle);
      fromWeight = Math.sin((1 - fraction) * angle) / sine;
      toWeight = Math.sin(fraction * angle) / sine;
    }
    return new Quaternion(
        from.w * fromWeight + target.w * toWeight,
        from.x * fromWeight + target.x * toWeight,
        from.y * fromWeight + target.y * toWeight,
        from.z * fromWeight + target.z * toWeight).normalised();
  }
}
