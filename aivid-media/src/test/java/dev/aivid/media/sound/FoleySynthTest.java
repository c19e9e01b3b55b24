package dev.aivid.media.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FoleySynthTest {

  private static final int SAMPLE_RATE = 48_000;

  @Test
  void theSameSeedGivesTheSameSamples() {
    assertThat(FoleySynth.impact(SAMPLE_RATE, 42, 0.8)).isEqualTo(FoleySynth.impact(SAMPLE_RATE, 42, 0.8));
  }

  @Test
  void differentSeedsGiveDifferentImpacts() {
    assertThat(FoleySynth.impact(SAMPLE_RATE, 1, 0.8)).isNotEqualTo(FoleySynth.impact(SAMPLE_RATE, 2, 0.8));
  }

  @Test
  void anImpactLastsAHundredAndTwentyMilliseconds() {
    assertThat(FoleySynth.impact(SAMPLE_RATE, 7, 1).length).isEqualTo(5_760);
    assertThat(FoleySynth.impact(44_100, 7, 1).length).isEqualTo(5_292);
  }

  @Property(tries = 50)
  void itsPeakIsTheStrength(
      @ForAll long seed, @ForAll @DoubleRange(min = 0.01, max = 1) double strength,
      @ForAll @IntRange(min = 8_000, max = 96_000) int sampleRate) {
    assertThat(Signals.peak(FoleySynth.impact(sampleRate, seed, strength))).isCloseTo(strength, within(1e-6));
  }

  @Property(tries = 30)
  void itStartsAtOnceAndFadesToSilence(@ForAll long seed) {
    float[] impact = FoleySynth.impact(SAMPLE_RATE, seed, 1);

    assertThat(Math.abs(impact[0])).isPositive();
    assertThat(Math.abs(impact[impact.length - 1])).isLessThan(1e-4f);
    // Most of the energy is in the first half: a thump, not a drone.
    assertThat(OnsetMeter.meanSquare(impact, 0, impact.length / 2))
        .isGreaterThan(10 * OnsetMeter.meanSquare(impact, impact.length / 2, impact.length));
  }

  @Property(tries = 20)
  void itsStrongestFrequencyIsTheLowBody(@ForAll long seed) {
    float[] impact = FoleySynth.impact(SAMPLE_RATE, seed, 1);

    double strongestHertz = 0;
    double strongest = 0;
    for (double hertz = 20; hertz <= 4_000; hertz += 5) {
      double magnitude = Signals.magnitudeAt(impact, SAMPLE_RATE, hertz);
      if (magnitude > strongest) {
        strongest = magnitude;
        strongestHertz = hertz;
      }
    }
    // The body settles on 60–90 Hz after a short sweep down from 1.6 times that.
    assertThat(strongestHertz).isBetween(55.0, 110.0);
  }

  @Test
  void rejectsAStrengthOutsideZeroToOne() {
    assertThatThrownBy(() -> FoleySynth.impact(SAMPLE_RATE, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FoleySynth.impact(SAMPLE_RATE, 1, 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FoleySynth.impact(SAMPLE_RATE, 1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnImplausibleSampleRate() {
    assertThatThrownBy(() -> FoleySynth.impact(100, 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
