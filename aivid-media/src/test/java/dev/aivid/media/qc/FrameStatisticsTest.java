package dev.aivid.media.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The detectors on hand-made measurements, without any video. */
class FrameStatisticsTest {

  @Test
  void steadyFastMotionIsNoSceneCutButAJumpIs() {
    // Motion speeds up to 30% of full scale a frame and stays there; then a cut at frame 10.
    List<FrameMeasurement> frames =
        withLumaDifferences(0, 0.01, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.3, 0.3, 0.8, 0.01);

    assertThat(SceneCuts.detect(frames)).containsExactly(10.0);
  }

  @Test
  void aCutSpreadOverTwoFramesIsReportedOnce() {
    List<FrameMeasurement> frames = withLumaDifferences(0, 0.01, 0.4, 0.45, 0.01, 0.01);

    assertThat(SceneCuts.detect(frames)).containsExactly(2.0);
  }

  @Test
  void sceneScoresFollowScdet() {
    List<FrameMeasurement> frames = withLumaDifferences(0, 0.2, 0.5, 0.45);

    double[] scores = SceneCuts.scores(frames);

    // mafd 20, 50, 45 → min(mafd, |mafd − previous|) = 20, 30, 5.
    assertThat(scores[1]).isCloseTo(20, within(1e-9));
    assertThat(scores[2]).isCloseTo(30, within(1e-9));
    assertThat(scores[3]).isCloseTo(5, within(1e-9));
  }

  @Test
  void flickerIsVbenchsMeanAbsoluteDifferenceScore() {
    List<FrameMeasurement> frames = List.of(
        frame(0, 0, 0, false), frame(1, 51, 0, false), frame(2, 0, 0, false));

    Flicker flicker = Flicker.measure(frames);

    assertThat(flicker.meanAbsoluteFrameDifference()).isCloseTo(25.5, within(1e-9));
    assertThat(flicker.score()).isCloseTo(0.9, within(1e-9));
    assertThat(flicker.staticShot()).isTrue();
  }

  @Test
  void aShotIsStaticWhileAtMostAnEighthOfItsPairsMove() {
    List<FrameMeasurement> frames = new ArrayList<>();
    for (int index = 0; index < 17; index++) {
      // 16 pairs: round(2 · 16 / 16) = 2 may move.
      double structure = index == 5 || index == 9 ? 1.0 : 0.0;
      frames.add(frame(index, 10, structure, false));
    }
    assertThat(Flicker.measure(frames).staticShot()).isTrue();

    frames.set(12, frame(12, 10, 1.0, false));
    assertThat(Flicker.measure(frames).staticShot()).isFalse();
  }

  @Test
  void aSingleFrameHasNoFlicker() {
    Flicker flicker = Flicker.measure(List.of(frame(0, 0, 0, false)));

    assertThat(flicker.score()).isEqualTo(1);
    assertThat(flicker.meanAbsoluteFrameDifference()).isZero();
  }

  @Test
  void aFreezeRunsFromItsReferenceFrameToTheNextChange() {
    List<FrameMeasurement> frames = new ArrayList<>();
    boolean[] frozen = {false, false, true, true, false, true, false, false};
    for (int index = 0; index < frozen.length; index++) {
      frames.add(frame(index, 0, 0, frozen[index]));
    }

    List<Interval> runs = ContentChecks.frozenRuns(frames, 8);

    assertThat(runs).containsExactly(new Interval(1, 4), new Interval(4, 6));
  }

  @Test
  void aRunAtTheEndLastsUntilTheEndOfTheVideo() {
    List<FrameMeasurement> frames = new ArrayList<>();
    for (int index = 0; index < 4; index++) {
      frames.add(new FrameMeasurement(index * 0.5, index >= 2 ? 1 : 0, 0, 0, 0, false));
    }

    assertThat(ContentChecks.blackRuns(frames, 2.0)).containsExactly(new Interval(1.0, 2.0));
  }

  /** One frame a second, each with the given luma difference to the frame before. */
  private static List<FrameMeasurement> withLumaDifferences(double... differences) {
    return IntStream.range(0, differences.length)
        .mapToObj(index -> new FrameMeasurement(index, 0, differences[index], 0, 0, false))
        .toList();
  }

  private static FrameMeasurement frame(double timeSeconds, double colourDifference, double structure, boolean frozen) {
    return new FrameMeasurement(timeSeconds, 0, 0, colourDifference, structure, frozen);
  }
}
