package dev.aivid.media.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TrackTrimmerTest {

  @Test
  void trimsToExactlyTheShotInSamples() {
    float[] tone = Signals.tone(48_000, 1_000, 2.5, 0.5);

    float[] fitted = TrackTrimmer.fit(tone, 48_000, 2.0);

    assertThat(fitted.length).isEqualTo(96_000);
    assertThat(fitted).isEqualTo(Arrays.copyOf(tone, 96_000));
  }

  @Test
  void padsWithSilenceToExactlyTheShotInSamples() {
    float[] tone = Signals.tone(44_100, 1_000, 0.5, 0.5);

    float[] fitted = TrackTrimmer.fit(tone, 44_100, 1.25);

    assertThat(fitted.length).isEqualTo(55_125);
    assertThat(Arrays.copyOf(fitted, tone.length)).isEqualTo(tone);
    assertThat(Signals.peak(Arrays.copyOfRange(fitted, tone.length, fitted.length))).isZero();
  }

  @Test
  void roundsAFractionalSampleCountToTheNearestSample() {
    // 1/30 s at 44.1 kHz is 1470 samples exactly; 0.1 s at 22.05 kHz is 2205.
    assertThat(TrackTrimmer.fit(new float[0], 44_100, 1 / 30.0).length).isEqualTo(1_470);
    assertThat(TrackTrimmer.fit(new float[0], 22_050, 0.1).length).isEqualTo(2_205);
    assertThat(TrackTrimmer.fit(new float[0], 48_000, 0.00001).length).isZero();
  }

  @Property(tries = 200)
  void theLengthIsAlwaysTheRoundedShotAndThePrefixIsKept(
      @ForAll @IntRange(min = 0, max = 20_000) int inputLength,
      @ForAll @DoubleRange(min = 0, max = 1) double seconds) {
    var input = new float[inputLength];
    Arrays.fill(input, 0.25f);

    float[] fitted = TrackTrimmer.fit(input, 16_000, seconds);

    assertThat(fitted.length).isEqualTo(Math.round(seconds * 16_000));
    int kept = Math.min(inputLength, fitted.length);
    assertThat(Arrays.copyOf(fitted, kept)).isEqualTo(Arrays.copyOf(input, kept));
    assertThat(Signals.peak(Arrays.copyOfRange(fitted, kept, fitted.length))).isZero();
  }

  @Test
  void rejectsANegativeOrHugeLength() {
    assertThatThrownBy(() -> TrackTrimmer.fit(new float[1], 48_000, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TrackTrimmer.fit(new float[1], 48_000, 1e9)).isInstanceOf(IllegalArgumentException.class);
  }
}
