package dev.aivid.media.sound;

/**
 * Finds where a sound starts in decoded audio: the first sample {@code n} at or after a starting point where the mean
 * square over {@code [n, n + window)} exceeds {@code ratio} times the noise floor, the mean square over the
 * {@code floorSeconds} before the starting point. A sharp onset is reported up to one window early (the window that
 * first crosses starts before it); a soft attack is reported late by the time its energy takes to build up.
 */
final class OnsetMeter {

  static final double WINDOW_SECONDS = 0.001;
  static final double FLOOR_SECONDS = 0.2;
  static final double RATIO = 10;

  private OnsetMeter() {}

  /** The onset sample, or -1 if the energy never rises that far. */
  static int firstOnset(float[] samples, int sampleRate, int fromSample) {
    int window = (int) Math.round(WINDOW_SECONDS * sampleRate);
    int floorStart = Math.max(0, fromSample - (int) Math.round(FLOOR_SECONDS * sampleRate));
    double floor = meanSquare(samples, floorStart, fromSample);
    double threshold = RATIO * Math.max(floor, 1e-12);
    double sum = 0;
    for (int index = fromSample; index < Math.min(samples.length, fromSample + window); index++) {
      sum += (double) samples[index] * samples[index];
    }
    for (int start = fromSample; start + window <= samples.length; start++) {
      if (sum / window > threshold) {
        return start;
      }
      if (start + window < samples.length) {
        sum += (double) samples[start + window] * samples[start + window] - (double) samples[start] * samples[start];
      }
    }
    return -1;
  }

  static double meanSquare(float[] samples, int from, int to) {
    if (to <= from) {
      return 0;
    }
    double sum = 0;
    for (int index = from; index < to; index++) {
      sum += (double) samples[index] * samples[index];
    }
    return sum / (to - from);
  }
}
