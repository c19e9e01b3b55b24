package dev.aivid.media.stitch;

/** Codes of the {@link dev.aivid.media.MediaException}s this package throws. */
public final class StitchErrorCodes {

  /** The plan, a segment or a transition is malformed (sizes, times, transitions that do not fit, missing beats). */
  public static final String PLAN_INVALID = "stitch_plan_invalid";

  /** A segment's file is missing, not a video FFmpeg may open, or cannot be decoded. */
  public static final String SEGMENT_UNREADABLE = "stitch_segment_unreadable";

  /** A segment's out-point lies beyond the end of its source file. */
  public static final String SEGMENT_OUT_OF_RANGE = "stitch_segment_out_of_range";

  /** The H.264 encoder failed or the MP4 could not be written. */
  public static final String ENCODE_FAILED = "stitch_encode_failed";

  /** The thread was interrupted; the partial output was deleted and the interrupt flag stays set. */
  public static final String CANCELLED = "stitch_cancelled";

  /** Parsing a CMX3600 list failed. */
  public static final String EDL_MALFORMED = "edl_malformed";

  private StitchErrorCodes() {}
}
