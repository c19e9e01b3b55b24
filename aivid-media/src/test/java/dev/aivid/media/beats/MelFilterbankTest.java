package dev.aivid.media.beats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MelFilterbankTest {

  private final MelFilterbank filterbank = new MelFilterbank(22_050, 2048, 128, 0, 11_025);

  @Test
  void slaneyScaleIsLinearBelowOneKilohertzAndLogarithmicAbove() {
    assertThat(MelFilterbank.hertzToMel(1000)).isCloseTo(15.0, within(1e-12));
    assertThat(MelFilterbank.hertzToMel(500)).isCloseTo(7.5, within(1e-12));
    assertThat(MelFilterbank.hertzToMel(6400)).isCloseTo(42.0, within(1e-9));
    assertThat(MelFilterbank.melToHertz(MelFilterbank.hertzToMel(3210.5))).isCloseTo(3210.5, within(1e-9));
  }

  /** Values of librosa.filters.mel(sr=22050, n_fft=2048) (float32), from a numpy transcription of its code. */
  @Test
  void weightsMatchLibrosasSlaneyNormalisedFilters() {
    assertThat(filterbank.weight(0, 0)).isZero();
    assertThat(filterbank.weight(0, 1)).isCloseTo(0.016182852908968925, within(1e-8));
    assertThat(filterbank.weight(0, 2)).isCloseTo(0.03236570581793785, within(1e-8));
    assertThat(filterbank.weight(0, 3)).isCloseTo(0.028990088030695915, within(1e-8));
    assertThat(filterbank.weight(0, 5)).isZero();
    assertThat(filterbank.weight(1, 3)).isCloseTo(0.00977923534810543, within(1e-8));
    assertThat(filterbank.weight(40, 96)).isCloseTo(0.0004014020087197423, within(1e-8));
    assertThat(filterbank.weight(40, 97)).isCloseTo(0.014093741774559021, within(1e-8));
    assertThat(filterbank.weight(127, 971)).isCloseTo(7.184815331129357e-06, within(1e-10));
    assertThat(filterbank.weight(127, 972)).isCloseTo(0.00014095657388679683, within(1e-9));
    assertThat(filterbank.weight(127, 1024)).isZero();
    assertThat(rowSum(0)).isCloseTo(0.09034588187932968, within(1e-7));
    assertThat(rowSum(127)).isCloseTo(0.09286924219850334, within(1e-7));
  }

  private double rowSum(int band) {
    double sum = 0;
    for (int bin = 0; bin <= 1024; bin++) {
      sum += filterbank.weight(band, bin);
    }
    return sum;
  }
}
