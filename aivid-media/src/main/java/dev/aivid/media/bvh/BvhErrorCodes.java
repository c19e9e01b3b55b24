package dev.aivid.media.bvh;

import dev.aivid.media.MediaException;

/** The stable {@link MediaException#code()} values this package throws. */
public final class BvhErrorCodes {

  /** Not BVH, or a keyword, brace, name or number where the grammar does not allow it. The message has the line. */
  public static final String SYNTAX = "bvh_syntax";
  /** The input ends inside the hierarchy, the motion header or before the last declared frame. */
  public static final String TRUNCATED = "bvh_truncated";
  /** A frame line holds fewer values than the skeleton has channels. */
  public static final String TOO_FEW_VALUES = "bvh_too_few_values";
  /** A frame line holds more values than the skeleton has channels. */
  public static final String TOO_MANY_VALUES = "bvh_too_many_values";
  /** NaN, an infinity, or a number outside the float range. */
  public static final String NOT_A_NUMBER = "bvh_not_a_number";
  /** Joints nested deeper than {@link BvhParser#MAX_DEPTH}. */
  public static final String TOO_DEEP = "bvh_too_deep";
  /** More than {@link BvhParser#MAX_JOINTS} joints, or as many End Sites. */
  public static final String TOO_MANY_JOINTS = "bvh_too_many_joints";
  /** A joint declares more than {@link BvhParser#MAX_CHANNELS_PER_JOINT} channels. */
  public static final String TOO_MANY_CHANNELS = "bvh_too_many_channels";
  /**
   * {@code Frames:} declares more than {@link BvhParser#MAX_FRAMES}, or more than {@link BvhParser#MAX_JOINT_FRAMES}
   * for the skeleton's joints; rejected before anything is allocated.
   */
  public static final String TOO_MANY_FRAMES = "bvh_too_many_frames";
  /** {@code Frame Time:} outside {@link BvhParser#MIN_FRAME_TIME_SECONDS}..{@link BvhParser#MAX_FRAME_TIME_SECONDS}. */
  public static final String INVALID_FRAME_TIME = "bvh_invalid_frame_time";
  /** The input is longer than the caller's byte limit. */
  public static final String TOO_LARGE = "bvh_too_large";
  /** The input stream failed; the cause is attached. */
  public static final String READ_FAILED = "bvh_read_failed";
  /** Retiming would produce more frames or values than {@link BvhClip#framesAt(double)} allows. */
  public static final String RESAMPLE_TOO_LARGE = "bvh_resample_too_large";

  private BvhErrorCodes() {}

  static MediaException atLine(String code, int line, String message) {
    return new MediaException(code, "line " + line + ": " + message);
  }
}
