package dev.aivid.media.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.MediaException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoQcTest {

  private static final double ONE_FRAME = 1.0 / SyntheticClips.FRAMES_PER_SECOND;

  @TempDir
  Path directory;

  @Test
  void aCleanMovingGradientPassesWithoutAnyIssue() {
    Path clip = SyntheticClips.record(directory.resolve("clean.mp4"), 72, SyntheticClips::movingGradient);

    QcReport report = VideoQc.check(clip, order(3));

    assertThat(report.issues()).isEmpty();
    assertThat(report.passes()).isTrue();
    assertThat(report.container()).isEqualTo("mp4");
    assertThat(report.videoCodec()).isEqualTo("h264");
    assertThat(report.width()).isEqualTo(160);
    assertThat(report.height()).isEqualTo(90);
    assertThat(report.framesPerSecond()).isCloseTo(24, within(0.01));
    assertThat(report.durationSeconds()).isCloseTo(3, within(ONE_FRAME));
    assertThat(report.frameCount()).isEqualTo(72);
    assertThat(report.blackIntervals()).isEmpty();
    assertThat(report.frozenIntervals()).isEmpty();
    assertThat(report.sceneCutSeconds()).isEmpty();
    assertThat(report.flickerScore()).isGreaterThan(QcThresholds.FLICKER_MINIMUM_SCORE);
    assertThat(report.meanAbsoluteFrameDifference()).isCloseTo(255 * (1 - report.flickerScore()), within(1e-9));
  }

  @Test
  void aSecondOfBlackInTheMiddleIsReportedAsABlackSegmentToTheFrame() {
    // Frames 36..59 are black: 1.5 s to 2.5 s.
    Path clip = SyntheticClips.record(directory.resolve("gap.mp4"), 96, (graphics, index, width, height) -> {
      if (index >= 36 && index < 60) {
        SyntheticClips.black(graphics, index, width, height);
      } else {
        SyntheticClips.movingGradient(graphics, index, width, height);
      }
    });

    QcReport report = VideoQc.check(clip, order(4));

    assertThat(report.blackIntervals()).singleElement().satisfies(black -> {
      assertThat(black.startSeconds()).isCloseTo(1.5, within(ONE_FRAME));
      assertThat(black.endSeconds()).isCloseTo(2.5, within(ONE_FRAME));
    });
    assertThat(codes(report)).containsExactly(QcIssue.BLACK_SEGMENT);
    assertThat(report.issues().getFirst().severity()).isEqualTo(QcIssue.WARNING);
    assertThat(report.passes()).isTrue();
  }

  @Test
  void anAllBlackClipIsABlackVideoAndFails() {
    Path clip = SyntheticClips.record(directory.resolve("black.mp4"), 48, SyntheticClips::black);

    QcReport report = VideoQc.check(clip, order(2));

    assertThat(codes(report)).containsExactly(QcIssue.BLACK_VIDEO);
    assertThat(report.issues().getFirst().severity()).isEqualTo(QcIssue.ERROR);
    assertThat(report.passes()).isFalse();
    assertThat(report.frozenIntervals()).as("a black still is black, not also frozen").isEmpty();
    assertThat(report.blackIntervals()).singleElement().satisfies(black -> {
      assertThat(black.startSeconds()).isZero();
      assertThat(black.endSeconds()).isCloseTo(2, within(ONE_FRAME));
    });
  }

  @Test
  void aPictureHeldForThreeSecondsIsAFrozenSegment() {
    // Frame 24 (1 s) is shown until frame 96 (4 s), where the motion carries on.
    Path clip = SyntheticClips.record(directory.resolve("held.mp4"), 120, (graphics, index, width, height) ->
        SyntheticClips.movingGradient(graphics, index < 24 ? index : Math.max(24, index - 72), width, height));

    QcReport report = VideoQc.check(clip, order(5));

    assertThat(report.frozenIntervals()).singleElement().satisfies(frozen -> {
      assertThat(frozen.startSeconds()).isCloseTo(1, within(ONE_FRAME));
      assertThat(frozen.endSeconds()).isCloseTo(4, within(ONE_FRAME));
    });
    assertThat(codes(report)).containsExactly(QcIssue.FROZEN_SEGMENT);
    assertThat(report.passes()).isTrue();
  }

  @Test
  void aClipThatNeverMovesIsAFrozenVideoAndFails() {
    Path clip = SyntheticClips.record(directory.resolve("still.mp4"), 72,
        (graphics, index, width, height) -> SyntheticClips.movingGradient(graphics, 0, width, height));

    QcReport report = VideoQc.check(clip, order(3));

    assertThat(codes(report)).containsExactly(QcIssue.FROZEN_VIDEO);
    assertThat(report.passes()).isFalse();
  }

  @Test
  void twoHardCutsAreFoundToTheFrame() {
    // Shots change at frame 30 (1.25 s) and frame 66 (2.75 s).
    Path clip = SyntheticClips.record(directory.resolve("cuts.mp4"), 96, (graphics, index, width, height) -> {
      if (index < 30) {
        SyntheticClips.movingGradient(graphics, index, width, height);
      } else if (index < 66) {
        SyntheticClips.lightField(graphics, index, width, height);
      } else {
        SyntheticClips.darkField(graphics, index, width, height);
      }
    });

    QcReport report = VideoQc.check(clip, order(4));

    assertThat(report.sceneCutSeconds()).hasSize(2);
    assertThat(report.sceneCutSeconds().get(0)).isCloseTo(1.25, within(ONE_FRAME));
    assertThat(report.sceneCutSeconds().get(1)).isCloseTo(2.75, within(ONE_FRAME));
    assertThat(report.issues()).isEmpty();
  }

  @Test
  void aStrobingStaticShotScoresLowAndIsFlaggedAsFlicker() {
    Path clip = SyntheticClips.record(directory.resolve("strobe.mp4"), 72, SyntheticClips::strobe);

    QcReport report = VideoQc.check(clip, order(3));

    assertThat(report.flickerScore()).isLessThan(0.8);
    assertThat(codes(report)).containsExactly(QcIssue.FLICKER);
    assertThat(report.issues().getFirst().severity()).isEqualTo(QcIssue.WARNING);
  }

  @Test
  void aFastPanOverDetailIsMotionNotFlickerEvenThoughItScoresLow() {
    var texture = SyntheticClips.detailedTexture(SyntheticClips.WIDTH + 4 * 48, SyntheticClips.HEIGHT, 11);
    Path clip = SyntheticClips.record(directory.resolve("pan.mp4"), 48, SyntheticClips.pan(texture, 4));

    QcReport report = VideoQc.check(clip, order(2));

    assertThat(report.flickerScore()).isLessThan(QcThresholds.FLICKER_MINIMUM_SCORE);
    assertThat(report.issues()).isEmpty();
  }

  @Test
  void aSmallerPictureThanOrderedIsTheWrongSizeAndFails() {
    Path clip = SyntheticClips.record(directory.resolve("small.mp4"), 24, SyntheticClips::movingGradient);

    QcReport report = VideoQc.check(clip, new QcOrder(320, 180, 1, 24.0, 0.1));

    assertThat(codes(report)).containsExactly(QcIssue.WRONG_SIZE);
    assertThat(report.issues().getFirst().severity()).isEqualTo(QcIssue.ERROR);
    assertThat(report.passes()).isFalse();
  }

  @Test
  void aLargerPictureOfTheOrderedShapeIsOnlyAWarning() {
    Path clip = SyntheticClips.record(directory.resolve("large.mp4"), 24, SyntheticClips::movingGradient);

    QcReport report = VideoQc.check(clip, new QcOrder(128, 72, 1, 24.0, 0.1));

    assertThat(codes(report)).containsExactly(QcIssue.WRONG_SIZE);
    assertThat(report.issues().getFirst().severity()).isEqualTo(QcIssue.WARNING);
    assertThat(report.passes()).isTrue();
  }

  @Test
  void aPictureOfAnotherShapeIsTheWrongSize() {
    Path clip = SyntheticClips.record(directory.resolve("shape.mp4"), 24, SyntheticClips::movingGradient);

    QcReport report = VideoQc.check(clip, new QcOrder(90, 160, 1, 24.0, 0.1));

    assertThat(report.issues()).singleElement().satisfies(issue -> {
      assertThat(issue.code()).isEqualTo(QcIssue.WRONG_SIZE);
      assertThat(issue.severity()).isEqualTo(QcIssue.ERROR);
    });
  }

  @Test
  void aDurationOutsideTheToleranceIsTheWrongDurationAndFails() {
    Path clip = SyntheticClips.record(directory.resolve("short.mp4"), 48, SyntheticClips::movingGradient);

    QcReport tooShort = VideoQc.check(clip, new QcOrder(160, 90, 5, null, 0.5));
    QcReport withinTolerance = VideoQc.check(clip, new QcOrder(160, 90, 2.4, null, 0.5));

    assertThat(codes(tooShort)).containsExactly(QcIssue.WRONG_DURATION);
    assertThat(tooShort.passes()).isFalse();
    assertThat(withinTolerance.issues()).isEmpty();
  }

  @Test
  void anotherFrameRateThanOrderedIsOnlyAWarning() {
    Path clip = SyntheticClips.record(directory.resolve("rate.mp4"), 24, SyntheticClips::movingGradient);

    QcReport report = VideoQc.check(clip, new QcOrder(160, 90, 1, 30.0, 0.1));

    assertThat(codes(report)).containsExactly(QcIssue.WRONG_FRAME_RATE);
    assertThat(report.passes()).isTrue();
  }

  @Test
  void aWebmDeliveryIsTheWrongContainerAndCodecButStillPasses() {
    Path clip = SyntheticClips.record(directory.resolve("clip.webm"), "webm", "libvpx", 24,
        SyntheticClips::movingGradient);

    QcReport report = VideoQc.check(clip, order(1));

    assertThat(report.container()).isEqualTo("matroska,webm");
    assertThat(report.videoCodec()).isEqualTo("vp8");
    assertThat(codes(report)).containsExactly(QcIssue.WRONG_CONTAINER, QcIssue.WRONG_CODEC);
    assertThat(report.passes()).isTrue();
  }

  @Test
  void aFileThatIsNoVideoCannotBeChecked() {
    assertThatThrownBy(() -> VideoQc.check(directory.resolve("missing.mp4"), order(1)))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("probe_failed"));
  }

  @Test
  void anInterruptedCheckStopsAndKeepsTheInterrupt() {
    Path clip = SyntheticClips.record(directory.resolve("interrupted.mp4"), 24, SyntheticClips::movingGradient);

    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> VideoQc.check(clip, order(1))).isInstanceOfSatisfying(MediaException.class,
          failure -> assertThat(failure.code()).isEqualTo("qc_cancelled"));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void portraitVideosAreAnalysedUpright() {
    assertThat(VideoQc.analysisWidth(1080, 1920)).isEqualTo(36);
    assertThat(VideoQc.analysisHeight(1080, 1920)).isEqualTo(64);
    assertThat(VideoQc.analysisWidth(1920, 1080)).isEqualTo(64);
    assertThat(VideoQc.analysisHeight(1920, 1080)).isEqualTo(36);
    assertThat(VideoQc.analysisWidth(40, 30)).as("never enlarged").isEqualTo(40);
  }

  private static QcOrder order(double seconds) {
    return new QcOrder(SyntheticClips.WIDTH, SyntheticClips.HEIGHT, seconds, 24.0, 0.1);
  }

  private static List<String> codes(QcReport report) {
    return report.issues().stream().map(QcIssue::code).toList();
  }
}
