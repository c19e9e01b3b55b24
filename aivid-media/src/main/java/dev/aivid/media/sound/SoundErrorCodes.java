package dev.aivid.media.sound;

/** Codes of the {@link dev.aivid.media.MediaException}s this package throws. */
public final class SoundErrorCodes {

  /** The video could not be opened, has no video stream, or the MP4 could not be written. */
  public static final String MUX_FAILED = "mux_failed";

  /** The bundled FFmpeg has no AAC encoder. */
  public static final String ENCODER_UNAVAILABLE = "audio_encoder_unavailable";

  /** AAC has no sampling-frequency index for the requested rate; see {@link AudioMuxer#SAMPLE_RATES}. */
  public static final String SAMPLE_RATE_UNSUPPORTED = "audio_sample_rate_unsupported";

  /** The thread was interrupted while muxing; the partial output was deleted. */
  public static final String MUX_CANCELLED = "mux_cancelled";

  private SoundErrorCodes() {}
}
