package dev.aivid.media.sound;

import dev.aivid.media.internal.PartialFiles;
import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Puts a mono track into a rendered MP4: video packets copied unchanged, audio encoded as AAC-LC. Thread-safe. */
public final class AudioMuxer {

  /** The sampling frequencies AAC can signal (ISO/IEC 14496-3, sampling frequency index table). */
  public static final List<Integer> SAMPLE_RATES =
      List.of(96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000, 12_000, 11_025, 8_000);

  private AudioMuxer() {}

  /**
   * Writes {@code out}: the video stream of {@code videoIn} (stream copy: the H.264 packets and their timestamps as
   * they are, so size, frame count and quality are unchanged) and a mono AAC track made of {@code monoPcm} trimmed
   * or zero-padded to exactly {@code round(shotSeconds · sampleRate)} samples ({@link TrackTrimmer#fit}). Any audio
   * already in {@code videoIn} is dropped. The MP4 has its index first ({@code +faststart}) and an edit list that
   * hides the encoder's priming samples, so decoded sample {@code n} plays at {@code n / sampleRate} seconds, in step
   * with the video. {@code out} appears complete or not at all; {@code videoIn} and {@code out} may be the same file.
   *
   * @param monoPcm samples in [-1, 1]; not modified
   * @param sampleRate one of {@link #SAMPLE_RATES}
   * @param shotSeconds above 0, at most {@link TrackTrimmer#MAX_SECONDS}; normally the video's duration
   * @throws MediaException {@link SoundErrorCodes#MUX_FAILED} when the video cannot be read or the MP4 not written,
   *     {@link SoundErrorCodes#SAMPLE_RATE_UNSUPPORTED}, {@link SoundErrorCodes#ENCODER_UNAVAILABLE}, or
   *     {@link SoundErrorCodes#MUX_CANCELLED} when the thread is interrupted (its interrupt flag stays set)
   */
  public static MuxResult mux(Path videoIn, float[] monoPcm, int sampleRate, double shotSeconds, Path out) {
    Objects.requireNonNull(videoIn, "videoIn");
    Objects.requireNonNull(monoPcm, "monoPcm");
    Objects.requireNonNull(out, "out");
    if (!SAMPLE_RATES.contains(sampleRate)) {
      throw new MediaException(SoundErrorCodes.SAMPLE_RATE_UNSUPPORTED,
          "AAC cannot carry " + sampleRate + " Hz; use one of " + SAMPLE_RATES);
    }
    if (!(shotSeconds > 0)) {
      throw new IllegalArgumentException("shotSeconds must be positive, was " + shotSeconds);
    }
    float[] track = TrackTrimmer.fit(monoPcm, sampleRate, shotSeconds);
    if (track.length == 0) {
      throw new IllegalArgumentException("shotSeconds " + shotSeconds + " is shorter than one sample");
    }
    if (!Files.isRegularFile(videoIn)) {
      throw new MediaException(SoundErrorCodes.MUX_FAILED, "no such video: " + videoIn.getFileName());
    }
    FFmpegLibraries.ensureLoaded();
    Path partial = PartialFiles.beside(out, ".partial");
    boolean written = false;
    try {
      MuxResult result = Mp4Remux.write(videoIn, track, sampleRate, partial);
      PartialFiles.moveIntoPlace(partial, out, SoundErrorCodes.MUX_FAILED, "muxed clip");
      written = true;
      return result;
    } finally {
      if (!written) {
        PartialFiles.deleteQuietly(partial);
      }
    }
  }


}
