package dev.aivid.media.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class FoleyTrackTest {

  private static final int SAMPLE_RATE = 48_000;

  @Property(tries = 50)
  void theImpactStartsOnTheSampleOfTheHitTime(@ForAll @DoubleRange(min = 0, max = 1.8) double time) {
    float[] mixed = FoleyTrack.mix(new float[2 * SAMPLE_RATE], SAMPLE_RATE, List.of(time), 9);

    assertThat(firstNonZero(mixed)).isEqualTo(Math.round(time * SAMPLE_RATE));
  }

  @Test
  void eachHitGetsItsOwnImpactAtItsOwnSample() {
    float[] mixed = FoleyTrack.mix(new float[SAMPLE_RATE], SAMPLE_RATE, List.of(0.5, 0.1), 9);

    assertThat(firstNonZero(mixed)).isEqualTo(4_800);
    assertThat(firstNonZero(Arrays.copyOfRange(mixed, 4_800 + 5_760, mixed.length))).isEqualTo(24_000 - 10_560);
  }

  @Test
  void hitsOnTheSameSampleMakeOneImpact() {
    float[] once = FoleyTrack.mix(new float[SAMPLE_RATE], SAMPLE_RATE, List.of(0.25), 9);
    float[] twice = FoleyTrack.mix(new float[SAMPLE_RATE], SAMPLE_RATE, List.of(0.25, 0.25), 9);

    assertThat(twice).isEqualTo(once);
  }

  @Test
  void anImpactSoundsTheSameWhateverOtherHitsThereAre() {
    float[] alone = FoleyTrack.mix(new float[SAMPLE_RATE], SAMPLE_RATE, List.of(0.5), 9);
    float[] withAnother = FoleyTrack.mix(new float[SAMPLE_RATE], SAMPLE_RATE, List.of(0.1, 0.5), 9);

    assertThat(Arrays.copyOfRange(withAnother, 24_000, 30_000)).isEqualTo(Arrays.copyOfRange(alone, 24_000, 30_000));
  }

  @Test
  void theTrackKeepsItsLengthAndHitsAtOrAfterTheEndAreCutOrIgnored() {
    float[] mixed = FoleyTrack.mix(new float[SAMPLE_RATE], SAMPLE_RATE, List.of(0.99, 1.0, 5.0), 9);

    assertThat(mixed.length).isEqualTo(SAMPLE_RATE);
    assertThat(firstNonZero(mixed)).isEqualTo(47_520);
  }

  @Test
  void theSameSeedGivesTheSameTrackAndAnotherSeedAnotherOne() {
    float[] base = Signals.tone(SAMPLE_RATE, 220, 1, 0.2);
    List<Double> hits = List.of(0.2, 0.6);

    assertThat(FoleyTrack.mix(base, SAMPLE_RATE, hits, 5)).isEqualTo(FoleyTrack.mix(base, SAMPLE_RATE, hits, 5));
    assertThat(FoleyTrack.mix(base, SAMPLE_RATE, hits, 5)).isNotEqualTo(FoleyTrack.mix(base, SAMPLE_RATE, hits, 6));
  }

  @Test
  void quietSamplesPassUnchangedAndLoudOnesAreSoftClippedIntoRange() {
    float[] base = Signals.tone(SAMPLE_RATE, 100, 1, 0.95);
    var hits = new ArrayList<Double>();
    for (int hit = 0; hit < 20; hit++) {
      hits.add(hit * 0.05);
    }

    float[] mixed = FoleyTrack.mix(base, SAMPLE_RATE, hits, 3, 1);

    assertThat(Signals.peak(mixed)).isLessThanOrEqualTo(1);
    float[] quiet = Signals.tone(SAMPLE_RATE, 100, 1, 0.5);
    assertThat(FoleyTrack.mix(quiet, SAMPLE_RATE, List.of(), 3)).isEqualTo(quiet);
  }

  @Test
  void leavesTheBaseTrackAlone() {
    float[] base = new float[SAMPLE_RATE];

    FoleyTrack.mix(base, SAMPLE_RATE, List.of(0.1), 1);

    assertThat(Signals.peak(base)).isZero();
  }

  @Test
  void rejectsANegativeOrNonFiniteHitTime() {
    assertThatThrownBy(() -> FoleyTrack.mix(new float[10], SAMPLE_RATE, List.of(-0.1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FoleyTrack.mix(new float[10], SAMPLE_RATE, List.of(Double.NaN), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long firstNonZero(float[] samples) {
    for (int index = 0; index < samples.length; index++) {
      if (samples[index] != 0) {
        return index;
      }
    }
    return -1;
  }
}
