package dev.aivid.media.scene;

/**
 * Where a reference image sits: drawn back to front in this order (background, subjects, the rig, foreground), and
 * within a role from far to near.
 */
public enum LayerRole {
  BACKGROUND(20),
  SUBJECT(6),
  FOREGROUND(2.5);

  private final double defaultDepth;

  LayerRole(double defaultDepth) {
    this.defaultDepth = defaultDepth;
  }

  /** Scene units from the start camera when nothing better is known: a set 20 away, a subject 6, foreground 2.5. */
  public double defaultDepth() {
    return defaultDepth;
  }
}
