package dev.aivid.media.sound;

import java.util.Arrays;
import java.util.Objects;

/** Fits a track to a shot length. */
public final class TrackTrimmer {

  /** Longest track {@link #fit} makes: an hour, far beyond any shot, and well within a Java array at 192 kHz. */
  public static final double MAX_SECONDS = 3_600;

  private TrackTrimmer() {}

  /**
   * A new array of exactly {@code round(seconds · sampleRate)} samples: the first samples of {@code pcm} unchanged,
   * cut off or followed by zeros (silence). No fade is applied, so the samples are exactly the input's.
   *
   * @param seconds at least 0 and at most {@link #MAX_SECONDS}
   */
  public static float[] fit(float[] pcm, int sampleRate, double seconds) {
    Objects.requireNonNull(pcm, "pcm");
    SampleRates.require(sampleRate);
    if (!(seconds >= 0 && seconds <= MAX_SECONDS)) {
      throw new IllegalArgumentException("seconds must be within 0.." + MAX_SECONDS + ", was " + seconds);
    }
    return Arrays.copyOf(pcm, Math.toIntExact(Math.round(seconds * sampleRate)));
  }
}
