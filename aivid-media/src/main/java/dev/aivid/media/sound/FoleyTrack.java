package dev.aivid.media.sound;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Mixes {@link FoleySynth} impacts into a mono track at given times. */
public final class FoleyTrack {

  /** Peak of each impact: loud, with headroom so a thump over a quiet bed stays below the clipper's knee. */
  public static final double DEFAULT_STRENGTH = 0.7;

  private FoleyTrack() {}

  /** {@link #mix(float[], int, List, long, double)} at {@link #DEFAULT_STRENGTH}. */
  public static float[] mix(float[] base, int sampleRate, List<Double> hitTimesSeconds, long seed) {
    return mix(base, sampleRate, hitTimesSeconds, seed, DEFAULT_STRENGTH);
  }

  /**
   * A copy of {@code base}, same length, with an impact whose first sample is sample {@code round(t · sampleRate)}
   * for each hit time {@code t}; then soft-clipped into [-1, 1] ({@link SoftClip}: samples within ±{@link
   * SoftClip#KNEE} are unchanged). Hits on the same sample make one impact (two feet landing together are one
   * thump); an impact starting near the end is cut off there; hits at or after the end are ignored. Each impact's
   * sound is seeded by {@code seed} and its own start sample, so it does not change when other hits are added.
   *
   * @param base the track to mix into, e.g. silence ({@code new float[samples]}) or music; not modified
   * @param hitTimesSeconds finite and not negative, in any order
   */
  public static float[] mix(float[] base, int sampleRate, List<Double> hitTimesSeconds, long seed, double strength) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(hitTimesSeconds, "hitTimesSeconds");
    SampleRates.require(sampleRate);
    var starts = new TreeSet<Long>();
    for (Double time : hitTimesSeconds) {
      if (time == null || !(time >= 0) || !Double.isFinite(time)) {
        throw new IllegalArgumentException("hit times must be finite and not negative, found " + time);
      }
      long start = Math.round(time * sampleRate);
      if (start < base.length) {
        starts.add(start);
      }
    }
    var mixed = new double[base.length];
    for (int index = 0; index < base.length; index++) {
      mixed[index] = base[index];
    }
    for (long start : starts) {
      float[] impact = FoleySynth.impact(sampleRate, SplitMix64.derive(seed, start), strength);
      int end = (int) Math.min(base.length, start + impact.length);
      for (int index = (int) start; index < end; index++) {
        mixed[index] += impact[index - (int) start];
      }
    }
    var output = new float[base.length];
    for (int index = 0; index < output.length; index++) {
      output[index] = (float) SoftClip.apply(mixed[index]);
    }
    return output;
  }
}
