package dev.aivid.media.bvh;

import java.util.Objects;

/**
 * World positions of every point (joints, then End Sites, as in {@link BvhSkeleton}) for a run of frames, stored as
 * floats: {@code 3 * (frame * pointCount + point) + axis}. Immutable.
 */
public final class BvhPositions {

  private final BvhSkeleton skeleton;
  private final int frameCount;
  private final double frameTimeSeconds;
  private final float[] coordinates;

  BvhPositions(BvhSkeleton skeleton, int frameCount, double frameTimeSeconds, float[] coordinates) {
    this.skeleton = skeleton;
    this.frameCount = frameCount;
    this.frameTimeSeconds = frameTimeSeconds;
    this.coordinates = coordinates;
  }

  /** Names and parents of the points, for labelling and drawing bones. */
  public BvhSkeleton skeleton() {
    return skeleton;
  }

  public int frameCount() {
    return frameCount;
  }

  public int pointCount() {
    return skeleton.pointCount();
  }

  public double frameTimeSeconds() {
    return frameTimeSeconds;
  }

  public double x(int frame, int point) {
    return coordinates[index(frame, point)];
  }

  public double y(int frame, int point) {
    return coordinates[index(frame, point) + 1];
  }

  public double z(int frame, int point) {
    return coordinates[index(frame, point) + 2];
  }

  public Vector3 position(int frame, int point) {
    int index = index(frame, point);
    return new Vector3(coordinates[index], coordinates[index + 1], coordinates[index + 2]);
  }

  /** A copy of all coordinates in the layout described above. */
  public float[] coordinates() {
    return coordinates.clone();
  }

  private int index(int frame, int point) {
    Objects.checkIndex(frame, frameCount);
    Objects.checkIndex(point, skeleton.pointCount());
    return 3 * (frame * skeleton.pointCount() + point);
  }
}
