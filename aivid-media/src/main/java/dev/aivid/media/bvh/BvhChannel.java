package dev.aivid.media.bvh;

import java.util.Optional;

/** One animated degree of freedom of a joint, as named after {@code CHANNELS}. Rotations are in degrees. */
public enum BvhChannel {
  X_POSITION("Xposition", 0, false),
  Y_POSITION("Yposition", 1, false),
  Z_POSITION("Zposition", 2, false),
  X_ROTATION("Xrotation", 0, true),
  Y_ROTATION("Yrotation", 1, true),
  Z_ROTATION("Zrotation", 2, true);

  private static final BvhChannel[] ALL = values();

  private final String fileName;
  private final int axis;
  private final boolean rotation;

  BvhChannel(String fileName, int axis, boolean rotation) {
    this.fileName = fileName;
    this.axis = axis;
    this.rotation = rotation;
  }

  /** The spelling BVH files use, e.g. {@code Zrotation}. */
  public String fileName() {
    return fileName;
  }

  /** 0 for X, 1 for Y, 2 for Z. */
  public int axis() {
    return axis;
  }

  public boolean isRotation() {
    return rotation;
  }

  /** Matches a channel name case-insensitively ({@code ZROTATION} and {@code zrotation} are accepted). */
  public static Optional<BvhChannel> fromFileName(String name) {
    for (BvhChannel channel : ALL) {
      if (channel.fileName.equalsIgnoreCase(name)) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }
}
