package dev.aivid.media.beats;

import java.util.Arrays;
import java.util.Objects;

/**
 * Onset strength envelope as librosa's {@code onset.onset_strength(y, sr, hop_length=512, aggregate=np.median)}, the
 * call {@code beat_track} makes: log-power mel spectrogram ({@code n_fft=2048}, 128 Slaney mel bands from 0 Hz to
 * sr/2, {@code power_to_db} with ref 1, amin 1e-10, top_db 80), positive first difference along time ({@code lag=1},
 * {@code max_size=1}), median over bands, left-padded so that values line up with centred frames.
 *
 * <p>Framing follows librosa's {@code stft(center=True)} with its default {@code pad_mode="constant"} since librosa
 * 0.10: the signal is padded with n_fft/2 zeros on both sides (not reflected), giving {@code 1 + samples / 512} frames,
 * each weighted by a periodic Hann window.
 */
public final class OnsetStrength {

  public static final int FFT_SIZE = 2048;
  public static final int HOP_LENGTH = 512;
  public static final int MEL_BANDS = 128;

  private static final double AMPLITUDE_MINIMUM = 1e-10;
  private static final double TOP_DECIBELS = 80.0;
  private static final int LAG = 1;

  private OnsetStrength() {}

  /** Frames per second of the envelope. */
  public static double frameRate(int sampleRate) {
    return sampleRate / (double) HOP_LENGTH;
  }

  /** One value per frame of {@value #HOP_LENGTH} samples, {@code 1 + samples.length / 512} values. */
  public static float[] envelope(float[] samples, int sampleRate) {
    Objects.requireNonNull(samples, "samples");
    if (sampleRate < 1) {
      throw new IllegalArgumentException("sampleRate must be positive, was " + sampleRate);
    }
    int frameCount = 1 + samples.length / HOP_LENGTH;
    float[] decibels = melDecibels(samples, sampleRate, frameCount);
    return flux(decibels, frameCount);
  }

  /** Row-major frames x bands log-power mel spectrogram, clipped to {@value #TOP_DECIBELS} dB below its maximum. */
  static float[] melDecibels(float[] samples, int sampleRate, int frameCount) {
    var fft = new RealFft(FFT_SIZE);
    var filterbank = new MelFilterbank(sampleRate, FFT_SIZE, MEL_BANDS, 0, sampleRate / 2.0);
    double[] window = periodicHann(FFT_SIZE);
    double[] frame = new double[FFT_SIZE];
    double[] power = new double[FFT_SIZE / 2 + 1];
    double[] scratchReal = new double[FFT_SIZE / 2 + 1];
    double[] scratchImaginary = new double[FFT_SIZE / 2 + 1];
    double[] bands = new double[MEL_BANDS];
    float[] decibels = new float[frameCount * MEL_BANDS];
    double maximum = Double.NEGATIVE_INFINITY;
    int centreOffset = FFT_SIZE / 2;
    for (int t = 0; t < frameCount; t++) {
      int start = t * HOP_LENGTH - centreOffset;
      for (int i = 0; i < FFT_SIZE; i++) {
        int index = start + i;
        frame[i] = index >= 0 && index < samples.length ? samples[index] * window[i] : 0;
      }
      fft.power(frame, power, scratchReal, scratchImaginary);
      filterbank.apply(power, bands);
      int row = t * MEL_BANDS;
      for (int band = 0; band < MEL_BANDS; band++) {
        double value = 10 * Math.log10(Math.max(AMPLITUDE_MINIMUM, bands[band]));
        decibels[row + band] = (float) value;
        maximum = Math.max(maximum, value);
      }
    }
    float floor = (float) (maximum - TOP_DECIBELS);
    for (int i = 0; i < decibels.length; i++) {
      decibels[i] = Math.max(decibels[i], floor);
    }
    return decibels;
  }

  private static float[] flux(float[] decibels, int frameCount) {
    // librosa pads lag + n_fft / (2 hop) frames in front so that an onset lands on the frame centred on it.
    int padding = LAG + FFT_SIZE / (2 * HOP_LENGTH);
    float[] envelope = new float[frameCount];
    double[] differences = new double[MEL_BANDS];
    for (int t = padding; t < frameCount; t++) {
      int current = (t - padding + LAG) * MEL_BANDS;
      int previous = (t - padding) * MEL_BANDS;
      if (current + MEL_BANDS > decibels.length) {
        break;
      }
      for (int band = 0; band < MEL_BANDS; band++) {
        differences[band] = Math.max(0.0, decibels[current + band] - decibels[previous + band]);
      }
      envelope[t] = (float) median(differences);
    }
    return envelope;
  }

  /** np.median: the mean of the two middle values for an even count. Reorders {@code values}. */
  private static double median(double[] values) {
    Arrays.sort(values);
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : 0.5 * (values[middle - 1] + values[middle]);
  }

  static double[] periodicHann(int length) {
    double[] window = new double[length];
    for (int i = 0; i < length; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / length);
    }
    return window;
  }
}
