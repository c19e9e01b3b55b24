package dev.aivid.media.bvh;

import java.util.Locale;

/** BVH text generated in code: a two-legged figure whose foot heights and root path are set frame by frame. */
final class SyntheticClips {

  /** Root height that puts the toe tips (the lowest points) exactly on y = 0 when a foot is not lifted. */
  static final double STANDING_ROOT_HEIGHT = 1.1;

  private static final String BIPED = """
      HIERARCHY
      ROOT Hips
      {
        OFFSET 0 0 0
        CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation
        JOINT LeftUpLeg
        {
          OFFSET 0.1 -0.1 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          JOINT LeftFoot
          {
            OFFSET 0 -0.9 0
            CHANNELS 3 Xposition Yposition Zposition
            End Site
            {
              OFFSET 0 -0.1 0.1
            }
          }
        }
        JOINT RightUpLeg
        {
          OFFSET -0.1 -0.1 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          JOINT RightFoot
          {
            OFFSET 0 -0.9 0
            CHANNELS 3 Xposition Yposition Zposition
            End Site
            {
              OFFSET 0 -0.1 0.1
            }
          }
        }
        JOINT Spine
        {
          OFFSET 0 0.1 0
          CHANNELS 3 Zrotation Xrotation Yrotation
          End Site
          {
            OFFSET 0 0.7 0
          }
        }
      }
      MOTION
      """;

  private SyntheticClips() {}

  /** One frame of the biped: root position and yaw, and how far each foot is lifted above standing. */
  record BipedFrame(double rootX, double rootY, double rootZ, double rootYawDegrees, double leftLift, double rightLift) {

    static BipedFrame standing() {
      return new BipedFrame(0, STANDING_ROOT_HEIGHT, 0, 0, 0, 0);
    }
  }

  static String biped(double frameTimeSeconds, BipedFrame... frames) {
    var text = new StringBuilder(BIPED);
    text.append("Frames: ").append(frames.length).append('\n');
    text.append("Frame Time: ").append(String.format(Locale.ROOT, "%.9f", frameTimeSeconds)).append('\n');
    for (BipedFrame frame : frames) {
      // Root: position, then Z X Y rotation; legs: no rotation; feet: position channels replace the offset.
      append(text, frame.rootX(), frame.rootY(), frame.rootZ(), 0, 0, frame.rootYawDegrees());
      append(text, 0, 0, 0, 0, -0.9 + frame.leftLift(), 0);
      append(text, 0, 0, 0, 0, -0.9 + frame.rightLift(), 0);
      append(text, 0, 0, 0);
      text.setLength(text.length() - 1);
      text.append('\n');
    }
    return text.toString();
  }

  /**
   * 72 frames at 30 fps: the left foot steps (up frames 6-12, down 12-18), then the right foot (24-30-36), then a
   * two-footed jump (root up 44-50, down 50-56), then the left foot jitters by ±2 mm on the ground from frame 60.
   * Every descent is 0.05 units per frame and ends exactly on the ground, so the landings are frames 18 (left),
   * 36 (right) and 56 (both).
   */
  static String walkThenJump() {
    var frames = new BipedFrame[72];
    for (int frame = 0; frame < frames.length; frame++) {
      double left = lift(frame, 6);
      double right = lift(frame, 24);
      double root = STANDING_ROOT_HEIGHT + lift(frame, 44);
      if (frame >= 60) {
        left = frame % 2 == 0 ? 0.002 : 0;
      }
      frames[frame] = new BipedFrame(0, root, 0, 0, left, right);
    }
    return biped(1 / 30.0, frames);
  }

  /** A tent: 0 until {@code start}, up 0.05 per frame for 6 frames, down 0.05 per frame for 6 frames, then 0. */
  static double lift(int frame, int start) {
    int into = frame - start;
    if (into <= 0 || into >= 12) {
      return 0;
    }
    return 0.05 * (into <= 6 ? into : 12 - into);
  }

  private static void append(StringBuilder text, double... values) {
    for (double value : values) {
      text.append(format(value)).append(' ');
    }
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
