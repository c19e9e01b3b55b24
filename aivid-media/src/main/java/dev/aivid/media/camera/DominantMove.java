package dev.aivid.media.camera;

/** The one move that best describes a camera path; see docs/camera-path.md for the rules. */
public enum DominantMove {
  /** No move reaches 5 % of the frame. */
  STATIC("static"),
  /** Rotation about the world vertical axis. */
  PAN("pan"),
  /** Rotation up or down. */
  TILT("tilt"),
  /** Change of field of view. */
  ZOOM("zoom"),
  /** Translation along the view direction. */
  DOLLY("dolly"),
  /** Translation sideways (camera +X). */
  TRUCK("truck"),
  /** Translation up or down (camera +Y). */
  PEDESTAL("pedestal"),
  /** Translation around a fixed target the camera keeps aiming at. */
  ORBIT("orbit");

  private final String jsonName;

  DominantMove(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }
}
