package dev.aivid.media.bvh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.MediaException;
import org.junit.jupiter.api.Test;

class BvhResamplingTest {

  private static final String TWO_FRAMES = "HIERARCHY\nROOT Arm\n{\nOFFSET 0 0 0\n"
      + "CHANNELS 4 Xposition Yposition Zposition Zrotation\nEnd Site\n{\nOFFSET 10 0 0\n}\n}\n"
      + "MOTION\nFrames: 2\nFrame Time: 0.5\n0 0 0 0\n2 4 6 90\n";

  @Test
  void doublingTheRateInterpolatesValuesAndPositionsHalfway() {
    BvhFrames frames = BvhTestFiles.parse(TWO_FRAMES).framesAt(4);

    // 2 frames of 0.5 s last 1 s: 4 frames at 4 fps, at 0, 0.25, 0.5 and 0.75 s; the last holds the final pose.
    assertThat(frames.motion().frameCount()).isEqualTo(4);
    assertThat(frames.motion().frameTimeSeconds()).isEqualTo(0.25);
    assertThat(frames.motion().values()).containsExactly(
        0f, 0f, 0f, 0f,
        1f, 2f, 3f, 45f,
        2f, 4f, 6f, 90f,
        2f, 4f, 6f, 90f);
    BvhPositions positions = frames.positions();
    assertThat(positions.frameCount()).isEqualTo(4);
    assertThat(positions.pointCount()).isEqualTo(2);
    assertThat(positions.position(1, 0)).isEqualTo(new Vector3(1, 2, 3));
    // Positions are interpolated, not re-posed: halfway between (10,0,0) and (2,14,6).
    assertThat(positions.x(1, 1)).isCloseTo(6, within(1e-5));
    assertThat(positions.y(1, 1)).isCloseTo(7, within(1e-5));
    assertThat(positions.z(1, 1)).isCloseTo(3, within(1e-5));
    assertThat(positions.y(2, 1)).isCloseTo(14, within(1e-5));
  }

  @Test
  void rotationsTakeTheShortWayRound() {
    BvhClip clip = BvhTestFiles.parse(TWO_FRAMES.replace("0 0 0 0\n2 4 6 90", "0 0 0 350\n0 0 0 10"));

    float[] values = clip.framesAt(4).motion().values();

    assertThat(values[4 + 3]).isEqualTo(360f);
  }

  @Test
  void theNativeRateReproducesTheFramesOfARealFile() {
    BvhClip clip = BvhTestFiles.parseResource(BvhTestFiles.CMU_WALK);
    var kinematics = new BvhForwardKinematics(clip.skeleton());

    BvhFrames frames = clip.framesAt(clip.motion().framesPerSecond());

    assertThat(frames.motion().frameCount()).isEqualTo(clip.motion().frameCount());
    for (int frame : new int[] {0, 1, 500, 993}) {
      double[] expected = kinematics.positions(clip.motion(), frame);
      for (int point = 0; point < clip.skeleton().pointCount(); point++) {
        assertThat(frames.positions().x(frame, point)).isCloseTo(expected[3 * point], within(1e-3));
        assertThat(frames.positions().y(frame, point)).isCloseTo(expected[3 * point + 1], within(1e-3));
      }
    }
  }

  @Test
  void downsamplesARealFileToVideoRate() {
    BvhClip clip = BvhTestFiles.parseResource(BvhTestFiles.CMU_WALK);

    BvhFrames frames = clip.framesAt(24);

    // 994 frames at 120 fps = 8.283 s -> 199 frames at 24 fps.
    assertThat(frames.motion().frameCount()).isEqualTo(199);
    assertThat(frames.positions().frameCount()).isEqualTo(199);
    for (float coordinate : frames.positions().coordinates()) {
      assertThat(coordinate).isFinite();
    }
  }

  @Test
  void anEmptyClipStaysEmpty() {
    BvhClip clip = BvhTestFiles.parse(TWO_FRAMES.replace("Frames: 2", "Frames: 0").replace("0 0 0 0\n2 4 6 90\n", ""));

    assertThat(clip.framesAt(30).positions().frameCount()).isZero();
  }

  @Test
  void refusesRatesOutsideTheRangeAndResultsOverTheLimits() {
    BvhClip clip = BvhTestFiles.parse(TWO_FRAMES);
    BvhClip long60Seconds = BvhTestFiles.parse(TWO_FRAMES.replace("Frame Time: 0.5", "Frame Time: 60")
        .replace("Frames: 2", "Frames: 100") + "0 0 0 0\n".repeat(98));

    assertThatThrownBy(() -> clip.framesAt(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clip.framesAt(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> clip.framesAt(1_001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> long60Seconds.framesAt(1_000))
        .isInstanceOf(MediaException.class)
        .extracting(failure -> ((MediaException) failure).code())
        .isEqualTo(BvhErrorCodes.RESAMPLE_TOO_LARGE);
  }
}
