package dev.aivid.media.beats;

import java.util.SplittableRandom;

/**
 * Synthetic click tracks whose beat times are known exactly: decaying 1 kHz sine clicks (30 ms, 4 ms time constant,
 * peak 0.5) at 22050 Hz.
 */
public final class ClickTracks {

  public static final int SAMPLE_RATE = 22_050;
  static final double CLICK_HERTZ = 1000;
  static final double CLICK_DECAY_SECONDS = 0.004;
  static final double CLICK_LENGTH_SECONDS = 0.03;
  static final double CLICK_AMPLITUDE = 0.5;
  /** Gain of the swung offbeat clicks relative to the beats (-6 dB): the accent is what makes them offbeats. */
  static final double OFFBEAT_GAIN = 0.5;

  private ClickTracks() {}

  /** Times of a steady pulse at {@code bpm}: {@code firstSeconds}, then every 60/bpm s while not after lastSeconds. */
  public static double[] beatTimes(double bpm, double firstSeconds, double lastSeconds) {
    double period = 60.0 / bpm;
    int count = (int) Math.floor((lastSeconds - firstSeconds) / period + 1e-9) + 1;
    double[] times = new double[count];
    for (int i = 0; i < count; i++) {
      times[i] = firstSeconds + i * period;
    }
    return times;
  }

  /**
   * Swung eighths: one click 2/3 of the way from each beat to the next (long-short, 2:1). The beats stay the quarter
   * notes, the louder clicks.
   */
  static double[] swingOffbeats(double[] beats) {
    double[] offbeats = new double[beats.length - 1];
    for (int i = 0; i + 1 < beats.length; i++) {
      offbeats[i] = beats[i] + (beats[i + 1] - beats[i]) * 2.0 / 3.0;
    }
    return offbeats;
  }

  /** Silence of {@code durationSeconds} with a click at each of {@code clickTimes}. */
  public static float[] render(double[] clickTimes, double durationSeconds) {
    float[] samples = new float[(int) Math.round(durationSeconds * SAMPLE_RATE)];
    add(samples, clickTimes, 1);
    return samples;
  }

  /** Adds clicks scaled by {@code gain}, each starting at the nearest sample. */
  static void add(float[] samples, double[] clickTimes, double gain) {
    float[] click = click();
    for (double time : clickTimes) {
      int start = (int) Math.round(time * SAMPLE_RATE);
      for (int i = 0; i < click.length && start + i < samples.length; i++) {
        samples[start + i] += (float) (click[i] * gain);
      }
    }
  }

  static float[] click() {
    float[] click = new float[(int) Math.round(CLICK_LENGTH_SECONDS * SAMPLE_RATE)];
    for (int i = 0; i < click.length; i++) {
      double t = i / (double) SAMPLE_RATE;
      click[i] = (float) (CLICK_AMPLITUDE * Math.sin(2 * Math.PI * CLICK_HERTZ * t) * Math.exp(-t / CLICK_DECAY_SECONDS));
    }
    return click;
  }

  /** Root mean square of one click over its 30 ms. */
  static double clickRms() {
    double squares = 0;
    float[] click = click();
    for (float value : click) {
      squares += value * value;
    }
    return Math.sqrt(squares / click.length);
  }

  /**
   * Adds seeded white noise (uniform, zero mean) whose RMS is {@code decibels} relative to the RMS of a click over its
   * 30 ms; the sum is clamped to [-1, 1].
   */
  static float[] withNoise(float[] samples, double decibels, long seed) {
    var random = new SplittableRandom(seed);
    double rms = clickRms() * Math.pow(10, decibels / 20);
    double halfWidth = rms * Math.sqrt(3);
    float[] noisy = new float[samples.length];
    for (int i = 0; i < samples.length; i++) {
      noisy[i] = (float) Math.max(-1, Math.min(1, samples[i] + (random.nextDouble() * 2 - 1) * halfWidth));
    }
    return noisy;
  }

  /** The parity tracks whose librosa outputs are stored under {@code beats/librosa-parity/}. */
  static float[] parityTrack(String name) {
    double duration = 30;
    return switch (name) {
      case "swing-100bpm-noise" -> {
        double[] beats = beatTimes(100, 0.5, duration);
        float[] samples = render(beats, duration);
        add(samples, swingOffbeats(beats), OFFBEAT_GAIN);
        yield withNoise(samples, -20, 7);
      }
      case "steady-180bpm" -> render(beatTimes(180, 0.5, duration), duration);
      default -> throw new IllegalArgumentException(name);
    };
  }
}
