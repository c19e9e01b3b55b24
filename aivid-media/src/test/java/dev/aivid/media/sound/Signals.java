package dev.aivid.media.sound;

/** PCM made in code for the tests. */
final class Signals {

  private Signals() {}

  static float[] tone(int sampleRate, double hertz, double seconds, double amplitude) {
    var samples = new float[(int) Math.round(seconds * sampleRate)];
    for (int index = 0; index < samples.length; index++) {
      samples[index] = (float) (amplitude * Math.sin(2 * Math.PI * hertz * index / sampleRate));
    }
    return samples;
  }

  /** Quiet seeded white noise, a stand-in for room tone so an onset has a real noise floor to rise above. */
  static float[] roomTone(int sampleRate, double seconds, double amplitude, long seed) {
    var random = new SplitMix64(seed);
    var samples = new float[(int) Math.round(seconds * sampleRate)];
    for (int index = 0; index < samples.length; index++) {
      samples[index] = (float) (amplitude * random.nextSigned());
    }
    return samples;
  }

  static double peak(float[] samples) {
    double peak = 0;
    for (float sample : samples) {
      peak = Math.max(peak, Math.abs(sample));
    }
    return peak;
  }

  /** Magnitude of the discrete-time Fourier transform of {@code samples} at {@code hertz}. */
  static double magnitudeAt(float[] samples, int sampleRate, double hertz) {
    double real = 0;
    double imaginary = 0;
    for (int index = 0; index < samples.length; index++) {
      double angle = 2 * Math.PI * hertz * index / sampleRate;
      real += samples[index] * Math.cos(angle);
      imaginary -= samples[index] * Math.sin(angle);
    }
    return Math.hypot(real, imaginary);
  }
}
