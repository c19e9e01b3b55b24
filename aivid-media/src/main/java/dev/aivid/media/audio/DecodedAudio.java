package dev.aivid.media.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Mono PCM in [-1, 1]. The array is shared, not copied, so that minutes of audio are not duplicated; treat it as
 * read-only.
 *
 * @param samples one float per sample
 * @param sampleRate samples per second
 */
public record DecodedAudio(float[] samples, int sampleRate) {

  public DecodedAudio {
    Objects.requireNonNull(samples, "samples");
    if (sampleRate < 1) {
      throw new IllegalArgumentException("sampleRate must be positive, was " + sampleRate);
    }
  }

  public double durationSeconds() {
    return samples.length / (double) sampleRate;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DecodedAudio audio
        && sampleRate == audio.sampleRate
        && Arrays.equals(samples, audio.samples);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(samples) + sampleRate;
  }

  @Override
  public String toString() {
    return "DecodedAudio[" + samples.length + " samples at " + sampleRate + " Hz]";
  }
}
