package dev.aivid.media.sound;

import dev.aivid.media.bvh.BvhClip;
import dev.aivid.media.bvh.BvhParser;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A drop jump written as BVH text: a rigid two-legged figure (legs never bend, so both feet move exactly with the
 * root) stands on a 0.4 m box, steps off and falls under gravity, lands on the ground at {@link #DROP_LANDING_FRAME},
 * stays down for a moment and rebounds in a 0.2 m jump that lands at {@link #REBOUND_LANDING_FRAME}. 240 frames at
 * 120 fps. Why the landing frames are unambiguous for the landing detector: the lowest foot point is the toe End Site,
 * exactly on y = 0 when the root is at {@link #STANDING_ROOT_HEIGHT}; the ground (lowest foot point in the clip) is
 * therefore 0; the box top is 0.4 above it, outside the contact band (10% of the 1.9 rest height); each descent is a
 * parabola that reaches y = 0 at full speed (about 2.8 and 2.0 m/s, far above the stop speed) and then stays there,
 * so the landing is the first frame on the ground.
 */
final class DropJump {

  static final double FRAMES_PER_SECOND = 120;
  static final int FRAME_COUNT = 240;
  static final int DROP_START_FRAME = 115;
  static final int DROP_LANDING_FRAME = 149;
  static final int REBOUND_TAKEOFF_FRAME = 165;
  static final int REBOUND_LANDING_FRAME = 213;
  static final double BOX_HEIGHT = 0.4;
  static final double REBOUND_HEIGHT = 0.2;
  static final double STANDING_ROOT_HEIGHT = 1.1;

  private static final String HIERARCHY = """
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
            CHANNELS 3 Zrotation Xrotation Yrotation
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
            CHANNELS 3 Zrotation Xrotation Yrotation
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

  private DropJump() {}

  static BvhClip clip() {
    return clip(String.format(Locale.ROOT, "%.9f", 1 / FRAMES_PER_SECOND));
  }

  /** The clip with its frame time written as given, e.g. rounded to six digits as many exporters do. */
  static BvhClip clip(String frameTime) {
    return BvhParser.parse(text(frameTime).getBytes(StandardCharsets.US_ASCII));
  }

  static double landingSeconds(int frame) {
    return frame / FRAMES_PER_SECOND;
  }

  private static String text(String frameTime) {
    var text = new StringBuilder(HIERARCHY);
    text.append("Frames: ").append(FRAME_COUNT).append('\n');
    text.append("Frame Time: ").append(frameTime).append('\n');
    for (int frame = 0; frame < FRAME_COUNT; frame++) {
      double rootX = 0.3 * Math.clamp((frame - DROP_START_FRAME) / 34.0, 0, 1);
      double rootY = STANDING_ROOT_HEIGHT + feetHeight(frame);
      text.append(String.format(Locale.ROOT, "%.6f %.6f 0 0 0 0", rootX, rootY));
      text.append(" 0 0 0".repeat(5)).append('\n');
    }
    return text.toString();
  }

  /** Height of the soles above the ground. */
  static double feetHeight(int frame) {
    if (frame <= DROP_START_FRAME) {
      return BOX_HEIGHT;
    }
    if (frame <= DROP_LANDING_FRAME) {
      double fall = (frame - DROP_START_FRAME) / (double) (DROP_LANDING_FRAME - DROP_START_FRAME);
      return BOX_HEIGHT * (1 - fall * fall);
    }
    if (frame > REBOUND_TAKEOFF_FRAME && frame < REBOUND_LANDING_FRAME) {
      double apex = (REBOUND_TAKEOFF_FRAME + REBOUND_LANDING_FRAME) / 2.0;
      double away = (frame - apex) / (apex - REBOUND_TAKEOFF_FRAME);
      return REBOUND_HEIGHT * (1 - away * away);
    }
    return 0;
  }
}
