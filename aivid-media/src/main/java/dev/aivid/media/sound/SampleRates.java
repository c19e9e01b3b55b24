package dev.aivid.media.sound;

/** Validation shared by the public entry points. */
final class SampleRates {

  static final int MIN = 8_000;
  static final int MAX = 192_000;

  private SampleRates() {}

  static void require(int sampleRate) {
    if (sampleRate < MIN || sampleRate > MAX) {
      throw new IllegalArgumentException("sampleRate must be within " + MIN + ".." + MAX + " Hz, was " + sampleRate);
    }
  }
}
