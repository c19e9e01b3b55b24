package dev.aivid.media.sound;

/**
 * A soft clipper with a knee: identity within ±{@link #KNEE}, above it a tanh curve that leaves the knee with slope
 * 1 and approaches ±1 without reaching it, so mixing stays transparent at normal levels and overloads round off
 * instead of wrapping or squaring off.
 */
final class SoftClip {

  static final double KNEE = 0.8;

  private SoftClip() {}

  static double apply(double sample) {
    double magnitude = Math.abs(sample);
    if (magnitude <= KNEE) {
      return sample;
    }
    if (Double.isNaN(sample)) {
      return 0;
    }
    double headroom = 1 - KNEE;
    double shaped = KNEE + headroom * StrictMath.tanh((magnitude - KNEE) / headroom);
    return Math.copySign(shaped, sample);
  }
}
