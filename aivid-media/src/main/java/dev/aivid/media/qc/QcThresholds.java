package dev.aivid.media.qc;

/** The numbers behind {@link VideoQc}'s findings; see the package documentation for where each comes from. */
public final class QcThresholds {

  /** Statistics are taken on frames shrunk to this many pixels on their long side (64×36 for 16:9). */
  public static final int ANALYSIS_LONG_SIDE = 64;

  /** blackdetect {@code pix_th} default: a pixel is black at or below 10% of the luma range. */
  public static final double BLACK_PIXEL_LUMA = 0.10;
  /** blackdetect {@code pic_th} default: a frame is black when 98% of its pixels are. */
  public static final double BLACK_PICTURE_FRACTION = 0.98;
  /** blackdetect's {@code d} default is 2 s (made for program breaks); half a second is 12 frames at 24 fps. */
  public static final double BLACK_SEGMENT_MINIMUM_SECONDS = 0.5;
  /** More than this share of black frames makes the whole video black. */
  public static final double BLACK_VIDEO_FRACTION = 0.9;

  /**
   * Mean absolute luma difference from the reference frame, as a share of full scale, still counted as no change:
   * about -46 dB. freezedetect's default is -60 dB (0.001), but an encoder re-coding a held picture at each keyframe
   * moves it by more: 0.0010..0.0042 measured on the analysis frames (libopenh264, one keyframe a second,
   * 160×90 at 400 kb/s up to 1280×720 at 8 Mb/s).
   */
  public static final double FREEZE_NOISE = 0.005;
  /** freezedetect {@code d} default. */
  public static final double FREEZE_MINIMUM_SECONDS = 2.0;
  /** More than this share of the duration frozen makes the whole video frozen. */
  public static final double FROZEN_VIDEO_FRACTION = 0.9;

  /** scdet {@code threshold} default, on its 0..100 scale. */
  public static final double SCENE_CUT_SCORE = 10;

  /** A pair of frames moves when their normalised luma differs by more than this (mean, in standard deviations). */
  public static final double STATIC_STRUCTURE_DIFFERENCE = 0.1;
  /** A static shot flickers below this VBench score: a mean frame-to-frame change of more than 5% of full scale. */
  public static final double FLICKER_MINIMUM_SCORE = 0.95;

  /** Frame rates within 1% are the same order (23.976 for 24, say). */
  public static final double FRAME_RATE_RELATIVE_TOLERANCE = 0.01;
  /** Aspect ratios within 1% are the same shape (1920×1088 coded for 1920×1080, say). */
  public static final double ASPECT_RELATIVE_TOLERANCE = 0.01;

  private QcThresholds() {}
}
