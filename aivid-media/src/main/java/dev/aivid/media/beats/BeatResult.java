package dev.aivid.media.beats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Beats of a track.
 *
 * @param tempoBpm global tempo; 0 when the audio has no onsets
 * @param beatTimesSeconds ascending beat times (frame index / frameRate)
 * @param beatFrames the same beats as onset-envelope frame indices
 * @param frameRate onset-envelope frames per second (sampleRate / 512)
 */
public record BeatResult(double tempoBpm, double[] beatTimesSeconds, int[] beatFrames, double frameRate) {

  public BeatResult {
    Objects.requireNonNull(beatTimesSeconds, "beatTimesSeconds");
    Objects.requireNonNull(beatFrames, "beatFrames");
    if (beatTimesSeconds.length != beatFrames.length) {
      throw new IllegalArgumentException("beat times and frames differ in count");
    }
    if (!(tempoBpm >= 0) || !(frameRate > 0)) {
      throw new IllegalArgumentException("tempoBpm must be non-negative and frameRate positive");
    }
  }

  public int beatCount() {
    return beatFrames.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BeatResult result
        && Double.compare(tempoBpm, result.tempoBpm) == 0
        && Double.compare(frameRate, result.frameRate) == 0
        && Arrays.equals(beatTimesSeconds, result.beatTimesSeconds)
        && Arrays.equals(beatFrames, result.beatFrames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tempoBpm, frameRate, Arrays.hashCode(beatTimesSeconds), Arrays.hashCode(beatFrames));
  }

  @Override
  public String toString() {
    return "BeatResult[" + tempoBpm + " BPM, " + beatFrames.length + " beats at " + frameRate + " frames/s]";
  }
}
