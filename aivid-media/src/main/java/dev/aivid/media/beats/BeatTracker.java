package dev.aivid.media.beats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Ellis's (2007) dynamic-programming beat tracker as librosa's {@code beat.__beat_tracker} with a fixed tempo.
 *
 * <ol>
 *   <li>Onset envelope divided by its standard deviation (ddof 1).
 *   <li>Local score: convolution with a Gaussian {@code exp(-0.5 (k 32 / fpb)^2)}, k in [-fpb, fpb], where {@code fpb =
 *       round(frameRate 60 / bpm)} frames per beat.
 *   <li>For each frame, best predecessor in {@code [i - 2 fpb, i - round(fpb / 2)]} by {@code cumscore[loc] - tightness
 *       (ln(i - loc) - ln fpb)^2}; no backlink while still before the first frame whose local score reaches 1 % of the
 *       maximum.
 *   <li>Last beat: the last local maximum of the cumulative score that reaches half the median of all its local
 *       maxima; backtrack.
 *   <li>Trim: frames from either end are dropped while their local score is at most half the RMS of the
 *       Hann(5)-smoothed local scores at the beats.
 * </ol>
 */
public final class BeatTracker {

  /** librosa {@code beat_track}: tightness=100 (the 2012 version used 400 at hop 256). */
  public static final double DEFAULT_TIGHTNESS = 100;

  private BeatTracker() {}

  /** Ascending frame indices of the beats; empty when the envelope is all zero. */
  public static int[] track(float[] onsetEnvelope, double frameRate, double bpm, double tightness, boolean trim) {
    Objects.requireNonNull(onsetEnvelope, "onsetEnvelope");
    if (!(bpm > 0)) {
      throw new IllegalArgumentException("bpm must be positive, was " + bpm);
    }
    if (!(tightness > 0)) {
      throw new IllegalArgumentException("tightness must be positive, was " + tightness);
    }
    if (!(frameRate > 0)) {
      throw new IllegalArgumentException("frameRate must be positive, was " + frameRate);
    }
    int length = onsetEnvelope.length;
    if (length == 0 || allZero(onsetEnvelope)) {
      return new int[0];
    }
    int framesPerBeat = (int) Math.max(1, Math.rint(frameRate * 60.0 / bpm));
    double[] localScore = localScore(normalised(onsetEnvelope), framesPerBeat);
    int[] backlinks = new int[length];
    double[] cumulative = new double[length];
    dynamicProgramme(localScore, framesPerBeat, tightness, backlinks, cumulative);
    boolean[] beats = new boolean[length];
    for (int n = lastBeat(cumulative); n >= 0; n = backlinks[n]) {
      beats[n] = true;
    }
    trimBeats(localScore, beats, trim);
    int count = 0;
    for (boolean beat : beats) {
      count += beat ? 1 : 0;
    }
    int[] frames = new int[count];
    for (int i = 0, j = 0; i < length; i++) {
      if (beats[i]) {
        frames[j++] = i;
      }
    }
    return frames;
  }

  private static boolean allZero(float[] values) {
    for (float value : values) {
      if (value != 0) {
        return false;
      }
    }
    return true;
  }

  private static double[] normalised(float[] onsets) {
    double mean = 0;
    for (float value : onsets) {
      mean += value;
    }
    mean /= onsets.length;
    double squares = 0;
    for (float value : onsets) {
      squares += (value - mean) * (value - mean);
    }
    double deviation = onsets.length > 1 ? Math.sqrt(squares / (onsets.length - 1)) : 0;
    double scale = 1.0 / (deviation + Float.MIN_NORMAL);
    double[] result = new double[onsets.length];
    for (int i = 0; i < onsets.length; i++) {
      result[i] = onsets[i] * scale;
    }
    return result;
  }

  /** Same-mode convolution with the Gaussian window, with librosa's loop bounds. */
  static double[] localScore(double[] onsets, int framesPerBeat) {
    int windowLength = 2 * framesPerBeat + 1;
    double[] window = new double[windowLength];
    for (int k = 0; k < windowLength; k++) {
      double x = (k - framesPerBeat) * 32.0 / framesPerBeat;
      window[k] = Math.exp(-0.5 * x * x);
    }
    int length = onsets.length;
    int centre = windowLength / 2;
    double[] score = new double[length];
    for (int i = 0; i < length; i++) {
      double sum = 0;
      // librosa's upper bound min(i + K//2, K) is exclusive, so onsets[0] never contributes; kept for parity.
      int from = Math.max(0, i + centre - length + 1);
      int to = Math.min(i + centre, windowLength);
      for (int k = from; k < to; k++) {
        sum += window[k] * onsets[i + centre - k];
      }
      score[i] = sum;
    }
    return score;
  }

  static void dynamicProgramme(
      double[] localScore, int framesPerBeat, double tightness, int[] backlinks, double[] cumulative) {
    double maximum = Double.NEGATIVE_INFINITY;
    for (double value : localScore) {
      maximum = Math.max(maximum, value);
    }
    double threshold = 0.01 * maximum;
    // Python's round() on fpb / 2 rounds halves to even, as Math.rint does.
    int nearest = Math.max(1, (int) Math.rint(framesPerBeat / 2.0));
    int farthest = 2 * framesPerBeat;
    double[] penalty = new double[farthest + 1];
    double logPeriod = Math.log(framesPerBeat);
    for (int gap = nearest; gap <= farthest; gap++) {
      double deviation = Math.log(gap) - logPeriod;
      penalty[gap] = tightness * deviation * deviation;
    }
    boolean firstBeat = true;
    for (int i = 0; i < localScore.length; i++) {
      double best = Double.NEGATIVE_INFINITY;
      int location = -1;
      for (int loc = i - nearest; loc >= i - farthest; loc--) {
        if (loc < 0) {
          break;
        }
        double score = cumulative[loc] - penalty[i - loc];
        if (score > best) {
          best = score;
          location = loc;
        }
      }
      cumulative[i] = location >= 0 ? localScore[i] + best : localScore[i];
      if (firstBeat && localScore[i] < threshold) {
        backlinks[i] = -1;
      } else {
        backlinks[i] = location;
        firstBeat = false;
      }
    }
  }

  /** The last local maximum of the cumulative score at or above half the median of all local maxima. */
  static int lastBeat(double[] cumulative) {
    int length = cumulative.length;
    boolean[] peaks = new boolean[length];
    int peakCount = 0;
    for (int i = 0; i < length; i++) {
      boolean peak;
      if (i == 0) {
        // librosa's localmax stencil leaves the first element false.
        peak = false;
      } else if (i == length - 1) {
        peak = cumulative[i] > cumulative[i - 1];
      } else {
        peak = cumulative[i] > cumulative[i - 1] && cumulative[i] >= cumulative[i + 1];
      }
      peaks[i] = peak;
      peakCount += peak ? 1 : 0;
    }
    if (peakCount == 0) {
      return length - 1;
    }
    double[] values = new double[peakCount];
    for (int i = 0, j = 0; i < length; i++) {
      if (peaks[i]) {
        values[j++] = cumulative[i];
      }
    }
    Arrays.sort(values);
    int middle = peakCount / 2;
    double median = peakCount % 2 == 1 ? values[middle] : 0.5 * (values[middle - 1] + values[middle]);
    double threshold = 0.5 * median;
    for (int n = length - 1; n >= 0; n--) {
      if (peaks[n] && cumulative[n] >= threshold) {
        return n;
      }
    }
    return length - 1;
  }

  static void trimBeats(double[] localScore, boolean[] beats, boolean trim) {
    double threshold = 0;
    if (trim) {
      int beatCount = 0;
      for (boolean beat : beats) {
        beatCount += beat ? 1 : 0;
      }
      double[] atBeats = new double[beatCount];
      for (int i = 0, j = 0; i < beats.length; i++) {
        if (beats[i]) {
          atBeats[j++] = localScore[i];
        }
      }
      // np.convolve(full) with hanning(5) = [0, .5, 1, .5, 0], sliced [2 : len(localscore) + 2] as librosa does.
      double[] hann = {0, 0.5, 1, 0.5, 0};
      int fullLength = beatCount + hann.length - 1;
      int from = hann.length / 2;
      int to = Math.min(fullLength, localScore.length + hann.length / 2);
      double squares = 0;
      for (int n = from; n < to; n++) {
        double sum = 0;
        for (int k = 0; k < hann.length; k++) {
          int index = n - k;
          if (index >= 0 && index < beatCount) {
            sum += hann[k] * atBeats[index];
          }
        }
        squares += sum * sum;
      }
      threshold = to > from ? 0.5 * Math.sqrt(squares / (to - from)) : 0;
    }
    int n = 0;
    while (n < localScore.length && localScore[n] <= threshold) {
      beats[n++] = false;
    }
    n = localScore.length - 1;
    while (n >= 0 && localScore[n] <= threshold) {
      beats[n--] = false;
    }
  }
}
