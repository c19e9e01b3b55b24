package dev.aivid.media.beats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RealFftTest {

  @ParameterizedTest
  @ValueSource(ints = {4, 8, 16, 64, 1024, 2048})
  void agreesWithTheDefinitionOfTheDft(int size) {
    var random = new SplittableRandom(size);
    double[] input = new double[size];
    for (int i = 0; i < size; i++) {
      input[i] = random.nextDouble() * 2 - 1;
    }
    double[] real = new double[size / 2 + 1];
    double[] imaginary = new double[size / 2 + 1];

    new RealFft(size).forward(input, real, imaginary);

    for (int k = 0; k <= size / 2; k++) {
      double expectedReal = 0;
      double expectedImaginary = 0;
      for (int n = 0; n < size; n++) {
        double angle = -2 * Math.PI * k * n / size;
        expectedReal += input[n] * Math.cos(angle);
        expectedImaginary += input[n] * Math.sin(angle);
      }
      assertThat(real[k]).isCloseTo(expectedReal, within(1e-9 * size));
      assertThat(imaginary[k]).isCloseTo(expectedImaginary, within(1e-9 * size));
    }
  }

  @Test
  void powerOfAPureToneSitsInItsBin() {
    int size = 256;
    double[] input = new double[size];
    for (int n = 0; n < size; n++) {
      input[n] = Math.cos(2 * Math.PI * 10 * n / size);
    }
    double[] power = new double[size / 2 + 1];

    new RealFft(size).power(input, power, new double[size / 2 + 1], new double[size / 2 + 1]);

    assertThat(power[10]).isCloseTo((size / 2.0) * (size / 2.0), within(1e-6));
    assertThat(power[11]).isCloseTo(0, within(1e-9));
  }

  @Test
  void refusesSizesThatAreNotPowersOfTwo() {
    assertThatThrownBy(() -> new RealFft(1000)).isInstanceOf(IllegalArgumentException.class);
  }
}
