package dev.aivid.media.beats;

import java.util.Objects;

/**
 * Global tempo as librosa's {@code feature.tempo}: autocorrelation tempogram over {@code ac_size = 8 s} windows
 * (periodic Hann, centred with linear ramps to zero at both ends, each window's autocorrelation divided by its lag-0
 * value), averaged over time, weighted by a log-normal prior {@code -0.5 ((log2 bpm - log2 start_bpm) / std_bpm)^2}
 * ({@code std_bpm = 1} octave), lags faster than {@code max_tempo = 320} BPM excluded, and the argmax of {@code
 * log1p(1e6 tempogram) + prior} taken.
 *
 * <p>librosa's answer is restricted to the lags' grid {@code 60 frameRate / lag}, which near 120 BPM is 2.5 % coarse at
 * 22050/512 frames per second. {@link #estimate} therefore also reports a refined value: the centroid of the averaged
 * autocorrelation over the chosen lag and its two neighbours, which is exact when the true period falls between two
 * lags of an impulse-train-like envelope (the correlation mass then splits between them in proportion). This is an
 * addition to librosa; {@link TempoEstimate#gridBpm()} is librosa's value.
 */
public final class Tempo {

  /** librosa {@code beat_track(start_bpm=120)}. {@link BeatTrack} centres its prior higher; see there. */
  public static final double LIBROSA_START_BPM = 120.0;
  public static final double DEFAULT_STD_BPM = 1.0;
  public static final double AUTOCORRELATION_SECONDS = 8.0;
  public static final double MAX_TEMPO_BPM = 320.0;

  private Tempo() {}

  /**
   * The tempo of an onset envelope.
   *
   * @param gridBpm librosa's estimate, {@code 60 frameRate / lag} for an integer lag
   * @param refinedBpm the same peak located between lags
   * @param lag the chosen lag in frames
   */
  public record TempoEstimate(double gridBpm, double refinedBpm, int lag) {}

  public static TempoEstimate estimate(float[] onsetEnvelope, double frameRate) {
    return estimate(onsetEnvelope, frameRate, LIBROSA_START_BPM, DEFAULT_STD_BPM);
  }

  public static TempoEstimate estimate(float[] onsetEnvelope, double frameRate, double startBpm, double stdBpm) {
    Objects.requireNonNull(onsetEnvelope, "onsetEnvelope");
    if (!(frameRate > 0) || !(startBpm > 0) || !(stdBpm > 0)) {
      throw new IllegalArgumentException("frameRate, startBpm and stdBpm must be positive");
    }
    int windowLength = windowLength(frameRate);
    double[] tempogram = meanTempogram(onsetEnvelope, windowLength);
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    double logStart = log2(startBpm);
    for (int lag = 1; lag < windowLength; lag++) {
      double bpm = 60.0 * frameRate / lag;
      if (bpm >= MAX_TEMPO_BPM) {
        continue;
      }
      double prior = -0.5 * square((log2(bpm) - logStart) / stdBpm);
      double score = Math.log1p(1e6 * tempogram[lag]) + prior;
      if (score > bestScore) {
        bestScore = score;
        best = lag;
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException("the onset envelope is too short for a tempo at " + frameRate + " frames/s");
    }
    double gridBpm = 60.0 * frameRate / best;
    return new TempoEstimate(gridBpm, 60.0 * frameRate / centroidLag(tempogram, best), best);
  }

  /** librosa {@code time_to_frames(ac_size)}: floor(floor(8 s x sr) / hop), i.e. floor(8 s x frameRate). */
  static int windowLength(double frameRate) {
    return Math.max(2, (int) Math.floor(AUTOCORRELATION_SECONDS * frameRate + 1e-9));
  }

  /** Mean over frames of the lag-0-normalised autocorrelation of each Hann-windowed, centred window (lags 0..length). */
  static double[] meanTempogram(float[] envelope, int windowLength) {
    int frameCount = envelope.length;
    int padding = windowLength / 2;
    double[] padded = new double[frameCount + 2 * padding];
    double first = frameCount == 0 ? 0 : envelope[0];
    double last = frameCount == 0 ? 0 : envelope[frameCount - 1];
    // np.pad(mode="linear_ramp", end_values=0): linspace(0, edge, padding, endpoint=False) on the left, mirrored right.
    for (int i = 0; i < padding; i++) {
      padded[i] = first * i / padding;
      padded[padded.length - 1 - i] = last * i / padding;
    }
    for (int i = 0; i < frameCount; i++) {
      padded[padding + i] = envelope[i];
    }
    double[] window = OnsetStrength.periodicHann(windowLength);
    int fftSize = Integer.highestOneBit(Math.max(4, 2 * windowLength - 1) - 1) << 1;
    var fft = new RealFft(fftSize);
    double[] frame = new double[fftSize];
    double[] real = new double[fftSize / 2 + 1];
    double[] imaginary = new double[fftSize / 2 + 1];
    double[] power = new double[fftSize];
    double[] sum = new double[windowLength];
    for (int t = 0; t < frameCount; t++) {
      for (int i = 0; i < windowLength; i++) {
        frame[i] = padded[t + i] * window[i];
      }
      fft.power(frame, power, real, imaginary);
      // The spectrum of a real signal's autocorrelation is real and even, so its inverse is a forward transform / N.
      for (int m = 1; m < fftSize / 2; m++) {
        power[fftSize - m] = power[m];
      }
      fft.forward(power, real, imaginary);
      double lagZero = real[0];
      if (lagZero < Float.MIN_NORMAL * (double) fftSize) {
        continue;
      }
      for (int lag = 0; lag < windowLength; lag++) {
        sum[lag] += real[lag] / lagZero;
      }
    }
    if (frameCount > 0) {
      for (int lag = 0; lag < windowLength; lag++) {
        sum[lag] /= frameCount;
      }
    }
    return sum;
  }

  private static double centroidLag(double[] tempogram, int lag) {
    if (lag < 2 || lag + 1 >= tempogram.length) {
      return lag;
    }
    double weight = 0;
    double moment = 0;
    for (int k = lag - 1; k <= lag + 1; k++) {
      double value = Math.max(0, tempogram[k]);
      weight += value;
      moment += value * k;
    }
    return weight > 0 ? moment / weight : lag;
  }

  private static double log2(double value) {
    return Math.log(value) / Math.log(2);
  }

  private static double square(double value) {
    return value * value;
  }
}
