package dev.aivid.media.sound;

/**
 * A synthesised landing thump: a decaying low sine whose pitch falls quickly onto 60–90 Hz (the body of the impact)
 * plus a burst of low-passed noise in the first few milliseconds (the contact), faded out at the end and
 * peak-normalised. The seed picks the body pitch, the noise colour and the noise itself, so a row of landings does
 * not sound machine-made. {@link StrictMath} keeps the samples identical on every JVM.
 */
public final class FoleySynth {

  public static final double DURATION_SECONDS = 0.120;

  private static final double LOWEST_BODY_HERTZ = 60;
  private static final double HIGHEST_BODY_HERTZ = 90;
  private static final double SWEEP_START_RATIO = 1.6;
  private static final double SWEEP_SECONDS = 0.012;
  private static final double BODY_DECAY_SECONDS = 0.035;
  private static final double LOWEST_NOISE_CUTOFF_HERTZ = 1_200;
  private static final double HIGHEST_NOISE_CUTOFF_HERTZ = 2_400;
  private static final double NOISE_DECAY_SECONDS = 0.006;
  private static final double NOISE_LEVEL = 0.6;
  private static final double FADE_OUT_SECONDS = 0.020;

  private FoleySynth() {}

  /**
   * One impact, {@code round(DURATION_SECONDS · sampleRate)} samples long; its onset is sample 0, where the noise
   * burst starts (the sine starts at phase 0), and its largest absolute sample is {@code strength}.
   *
   * @param sampleRate 8 000 .. 192 000 Hz
   * @param strength peak amplitude, above 0 and at most 1
   */
  public static float[] impact(int sampleRate, long seed, double strength) {
    SampleRates.require(sampleRate);
    if (!(strength > 0 && strength <= 1)) {
      throw new IllegalArgumentException("strength must be within (0, 1], was " + strength);
    }
    var random = new SplitMix64(seed);
    double bodyHertz = LOWEST_BODY_HERTZ + (HIGHEST_BODY_HERTZ - LOWEST_BODY_HERTZ) * random.nextDouble();
    double cutoffHertz =
        LOWEST_NOISE_CUTOFF_HERTZ + (HIGHEST_NOISE_CUTOFF_HERTZ - LOWEST_NOISE_CUTOFF_HERTZ) * random.nextDouble();
    // One-pole low-pass, two in a row for a 12 dB/octave roll-off: y += a · (x − y).
    double smoothing = 1 - StrictMath.exp(-2 * Math.PI * cutoffHertz / sampleRate);
    int length = (int) Math.round(DURATION_SECONDS * sampleRate);
    int fadeLength = (int) Math.round(FADE_OUT_SECONDS * sampleRate);
    var body = new double[length];
    var noise = new double[length];
    double phase = 0;
    double firstStage = 0;
    double secondStage = 0;
    for (int index = 0; index < length; index++) {
      double seconds = index / (double) sampleRate;
      body[index] = StrictMath.sin(phase) * StrictMath.exp(-seconds / BODY_DECAY_SECONDS);
      double sweep = 1 + (SWEEP_START_RATIO - 1) * StrictMath.exp(-seconds / SWEEP_SECONDS);
      phase += 2 * Math.PI * bodyHertz * sweep / sampleRate;
      firstStage += smoothing * (random.nextSigned() - firstStage);
      secondStage += smoothing * (firstStage - secondStage);
      noise[index] = secondStage * StrictMath.exp(-seconds / NOISE_DECAY_SECONDS);
    }
    // Each part is scaled by its own peak so the balance does not depend on the sample rate or the noise cutoff.
    double bodyPeak = peak(body);
    double noisePeak = peak(noise);
    var samples = new double[length];
    for (int index = 0; index < length; index++) {
      double value = body[index] / bodyPeak + NOISE_LEVEL * noise[index] / noisePeak;
      int remaining = length - index;
      if (remaining <= fadeLength) {
        value *= 0.5 - 0.5 * StrictMath.cos(Math.PI * remaining / (fadeLength + 1));
      }
      samples[index] = value;
    }
    double peak = peak(samples);
    var impact = new float[length];
    double scale = peak > 0 ? strength / peak : 0;
    for (int index = 0; index < length; index++) {
      impact[index] = (float) (samples[index] * scale);
    }
    return impact;
  }

  private static double peak(double[] samples) {
    double peak = 0;
    for (double sample : samples) {
      peak = Math.max(peak, Math.abs(sample));
    }
    return peak;
  }
}
