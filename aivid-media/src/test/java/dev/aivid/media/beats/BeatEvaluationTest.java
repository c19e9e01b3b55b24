package dev.aivid.media.beats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BeatEvaluationTest {

  /** mir_eval's tests/data/beat cases (MIT, see resources/beats/README.md) through evaluate()'s trim and f_measure. */
  @ParameterizedTest(name = "case {0}")
  @ValueSource(strings = {"00", "03", "09"})
  void fMeasureEqualsMirEvalsExpectedOutput(String caseNumber) throws IOException {
    double[] reference = loadEvents("ref" + caseNumber + ".txt");
    double[] estimated = loadEvents("est" + caseNumber + ".txt");
    double expected = expectedFMeasure("output" + caseNumber + ".json");

    double fMeasure = BeatEvaluation.evaluateFMeasure(reference, estimated);

    assertThat(fMeasure).isCloseTo(expected, within(1e-4));
    assertThat(fMeasure).isCloseTo(expected, within(1e-12));
  }

  @Test
  void trimBeatsKeepsBeatsFromFiveSecondsOn() {
    double[] beats = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    assertThat(BeatEvaluation.trimBeats(beats)).containsExactly(5, 6, 7, 8, 9);
    assertThat(BeatEvaluation.trimBeats(beats, 8.5)).containsExactly(9);
  }

  @Test
  void identicalSequencesScoreOne() {
    double[] beats = {5.0, 5.5, 6.0, 6.5};

    assertThat(BeatEvaluation.fMeasure(beats, beats)).isEqualTo(1.0);
  }

  @Test
  void anEmptySequenceScoresZero() {
    assertThat(BeatEvaluation.fMeasure(new double[0], new double[] {1})).isZero();
    assertThat(BeatEvaluation.fMeasure(new double[] {1}, new double[0])).isZero();
  }

  @ParameterizedTest(name = "offset {0} s matches: {1}")
  @CsvSource({"0.069, true", "0.0705, false", "-0.069, true", "-0.0705, false"})
  void theWindowIsSeventyMillisecondsEitherSide(double offset, boolean matches) {
    double[] reference = {10.0};
    double[] estimated = {10.0 + offset};

    assertThat(BeatEvaluation.matchCount(reference, estimated, 0.07)).isEqualTo(matches ? 1 : 0);
  }

  /** One estimate between two references counts once; one reference between two estimates counts once. */
  @Test
  void matchingIsOneToOne() {
    assertThat(BeatEvaluation.matchCount(new double[] {1.00, 1.10}, new double[] {1.05}, 0.07)).isEqualTo(1);
    assertThat(BeatEvaluation.matchCount(new double[] {1.05}, new double[] {1.00, 1.10}, 0.07)).isEqualTo(1);
    // Greedy nearest-first would pair 1.06 with 1.05 and leave 1.00 unmatched; the maximum matching has two pairs.
    assertThat(BeatEvaluation.matchCount(new double[] {1.00, 1.06}, new double[] {1.05, 1.12}, 0.07)).isEqualTo(2);
  }

  @Test
  void precisionAndRecallCombineHarmonically() {
    double[] reference = {5, 6, 7, 8};
    double[] estimated = {5, 6};

    // P = 1, R = 0.5
    assertThat(BeatEvaluation.fMeasure(reference, estimated)).isCloseTo(2 / 3.0, within(1e-12));
  }

  @Test
  void refusesUnsortedBeats() {
    assertThatThrownBy(() -> BeatEvaluation.fMeasure(new double[] {2, 1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static double[] loadEvents(String name) throws IOException {
    // mir_eval.io.load_events skips comment lines.
    return resource(name)
        .lines()
        .map(String::trim)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .mapToDouble(Double::parseDouble)
        .toArray();
  }

  private static double expectedFMeasure(String name) throws IOException {
    Matcher matcher = Pattern.compile("\"F-measure\":\\s*([-+0-9.eE]+)").matcher(resource(name));
    assertThat(matcher.find()).isTrue();
    return Double.parseDouble(matcher.group(1));
  }

  private static String resource(String name) throws IOException {
    try (InputStream stream = BeatEvaluationTest.class.getResourceAsStream("/beats/mir_eval/" + name)) {
      assertThat(stream).as(name).isNotNull();
      return new String(stream.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
