package dev.aivid.media.bvh;

/** A point or displacement in the file's units. */
public record Vector3(double x, double y, double z) {

  public static final Vector3 ZERO = new Vector3(0, 0, 0);

  public Vector3 {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
      throw new IllegalArgumentException("vector components must be finite, were " + x + ", " + y + ", " + z);
    }
  }

  public double distanceTo(Vector3 other) {
    return Math.sqrt(square(x - other.x) + square(y - other.y) + square(z - other.z));
  }

  private static double square(double value) {
    return value * value;
  }
}
