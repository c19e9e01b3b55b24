package dev.aivid.media.camera;

/** A point or direction in scene units. */
public record Vector3(double x, double y, double z) {

  public static final Vector3 ZERO = new Vector3(0, 0, 0);
  public static final Vector3 UP = new Vector3(0, 1, 0);

  public Vector3 plus(Vector3 other) {
    return new Vector3(x + other.x, y + other.y, z + other.z);
  }

  public Vector3 minus(Vector3 other) {
    return new Vector3(x - other.x, y - other.y, z - other.z);
  }

  public Vector3 times(double factor) {
    return new Vector3(x * factor, y * factor, z * factor);
  }

  public double dot(Vector3 other) {
    return x * other.x + y * other.y + z * other.z;
  }

  public Vector3 cross(Vector3 other) {
    return new Vector3(y * other.z - z * other.y, z * other.x - x * other.z, x * other.y - y * other.x);
  }

  public double length() {
    return Math.sqrt(dot(this));
  }

  public double distanceTo(Vector3 other) {
    return minus(other).length();
  }

  /** This vector scaled to length 1; the caller makes sure it is not (near) zero. */
  public Vector3 normalised() {
    return times(1 / length());
  }

  /** {@code this + (other - this) * fraction}. */
  public Vector3 towards(Vector3 other, double fraction) {
    return new Vector3(x + (other.x - x) * fraction, y + (other.y - y) * fraction, z + (other.z - z) * fraction);
  }

  boolean isFinite() {
    return Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z);
  }
}
