package dev.aivid.media.bvh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.bvh.SyntheticClips.BipedFrame;
import org.junit.jupiter.api.Test;

class BvhAnalysisTest {

  private static final double THIRTY_FPS = 1 / 30.0;

  @Test
  void findsEachFootLandingOfAStepAndAJumpAtTheExactFrame() {
    BvhAnalysis analysis = BvhAnalysis.of(BvhTestFiles.parse(SyntheticClips.walkThenJump()));

    assertThat(analysis.landings())
        .extracting(BvhLanding::jointName, BvhLanding::frameIndex)
        .containsExactly(tuple("LeftFoot", 18), tuple("RightFoot", 36), tuple("LeftFoot", 56), tuple("RightFoot", 56));
    assertThat(analysis.landings().get(0).timeSeconds()).isCloseTo(18 * THIRTY_FPS, within(1e-6));
    assertThat(analysis.landings().get(0).jointIndex()).isEqualTo(2);
  }

  @Test
  void describesTheSyntheticClip() {
    BvhAnalysis analysis = BvhAnalysis.of(BvhTestFiles.parse(SyntheticClips.walkThenJump()));

    assertThat(analysis.frameCount()).isEqualTo(72);
    assertThat(analysis.durationSeconds()).isCloseTo(72 * THIRTY_FPS, within(1e-5));
    // Rest pose spans the toe tips at -1.1 to the head at +0.8.
    assertThat(analysis.restHeight()).isCloseTo(1.9, within(1e-9));
    // The root only moves in the jump: 12 of 71 steps at 0.05 units per frame.
    assertThat(analysis.rootSpeedMaxUnitsPerSecond()).isCloseTo(1.5, within(1e-3));
    assertThat(analysis.rootSpeedMeanUnitsPerSecond()).isCloseTo(12 * 1.5 / 71, within(1e-3));
    assertThat(analysis.rootYawTotalDegrees()).isZero();
    assertThat(analysis.motionEnergy()).isPositive();
  }

  @Test
  void aFootLoweredSlowlyOrJitteringOnTheGroundDoesNotLand() {
    var frames = new BipedFrame[60];
    for (int frame = 0; frame < frames.length; frame++) {
      // Down 0.3 over 59 frames: 0.15 units per second, below the descent speed of 0.25 x 1.9 per second.
      double slowLift = 0.3 - 0.3 * frame / 59.0;
      double jitter = frame % 2 == 0 ? 0.003 : 0;
      frames[frame] = new BipedFrame(0, SyntheticClips.STANDING_ROOT_HEIGHT, 0, 0, slowLift, jitter);
    }

    BvhAnalysis analysis = BvhAnalysis.of(BvhTestFiles.parse(SyntheticClips.biped(THIRTY_FPS, frames)));

    assertThat(analysis.landings()).isEmpty();
  }

  @Test
  void stricterThresholdsCanRejectALanding() {
    var strict = new LandingThresholds(0.10, 0.5, 0.25, 0.05);

    BvhAnalysis analysis = BvhAnalysis.of(BvhTestFiles.parse(SyntheticClips.walkThenJump()), strict);

    assertThat(analysis.landings()).isEmpty();
  }

  @Test
  void measuresRootSpeedAlongAStraightLine() {
    var frames = new BipedFrame[11];
    for (int frame = 0; frame < frames.length; frame++) {
      frames[frame] = new BipedFrame(0.5 * frame, SyntheticClips.STANDING_ROOT_HEIGHT, 0, 0, 0, 0);
    }

    BvhAnalysis analysis = BvhAnalysis.of(BvhTestFiles.parse(SyntheticClips.biped(0.1, frames)));

    assertThat(analysis.rootSpeedMeanUnitsPerSecond()).isCloseTo(5, within(1e-4));
    assertThat(analysis.rootSpeedMaxUnitsPerSecond()).isCloseTo(5, within(1e-4));
    // Every point translates with the root, so the mean squared speed is 5².
    assertThat(analysis.motionEnergy()).isCloseTo(25, within(1e-3));
    assertThat(analysis.landings()).isEmpty();
  }

  @Test
  void totalsRootYawWithoutSignAcrossTheWrapAround() {
    double[] yaws = {0, 30, 60, 90, 60, 30, 0, -30, -60, -90, -120, -150, -180, 150, 120};
    var frames = new BipedFrame[yaws.length];
    for (int frame = 0; frame < yaws.length; frame++) {
      frames[frame] = new BipedFrame(0, SyntheticClips.STANDING_ROOT_HEIGHT, 0, yaws[frame], 0, 0);
    }

    BvhAnalysis analysis = BvhAnalysis.of(BvhTestFiles.parse(SyntheticClips.biped(THIRTY_FPS, frames)));

    assertThat(analysis.rootYawTotalDegrees()).isCloseTo(14 * 30, within(1e-3));
  }

  @Test
  void yawIgnoresPitchAndRollOfTheRoot() {
    String text = "HIERARCHY\nROOT Hips\n{\nOFFSET 0 0 0\nCHANNELS 3 Yrotation Xrotation Zrotation\n}\n"
        + "MOTION\nFrames: 3\nFrame Time: 0.1\n0 20 -10\n45 20 -10\n45 -30 15\n";

    BvhAnalysis analysis = BvhAnalysis.of(BvhTestFiles.parse(text));

    // Yaw first (outermost) then pitch and roll: the twist about Y is close to the Y angle.
    assertThat(analysis.rootYawTotalDegrees()).isBetween(40.0, 60.0);
  }

  @Test
  void aStillOrEmptyClipHasNoMotion() {
    BvhAnalysis still = BvhAnalysis.of(BvhTestFiles.parse(SyntheticClips.biped(THIRTY_FPS,
        BipedFrame.standing(), BipedFrame.standing(), BipedFrame.standing())));
    BvhAnalysis empty = BvhAnalysis.of(BvhTestFiles.parse(SyntheticClips.biped(THIRTY_FPS)));

    assertThat(still.motionEnergy()).isZero();
    assertThat(still.rootSpeedMaxUnitsPerSecond()).isZero();
    assertThat(still.landings()).isEmpty();
    assertThat(empty.frameCount()).isZero();
    assertThat(empty.durationSeconds()).isZero();
    assertThat(empty.motionEnergy()).isZero();
  }

  @Test
  void aSkeletonWithoutFeetHasNoLandings() {
    BvhAnalysis analysis = BvhAnalysis.of(BvhTestFiles.parseResource(BvhTestFiles.TWO_JOINTS));

    assertThat(analysis.landings()).isEmpty();
    assertThat(analysis.rootSpeedMaxUnitsPerSecond()).isPositive();
  }

  @Test
  void footNamesMatchInAnyCaseAndChainsStartAtTheTopmostFootJoint() {
    assertThat(FootChains.isFootName("l_ANKLE")).isTrue();
    assertThat(FootChains.isFootName("RightToeBase")).isTrue();
    assertThat(FootChains.isFootName("LeftHand")).isFalse();

    BvhSkeleton skeleton = BvhTestFiles.parseResource(BvhTestFiles.CMU_WALK).skeleton();
    assertThat(FootChains.find(skeleton))
        .extracting(FootChains.FootChain::jointName, chain -> chain.points().length)
        .containsExactly(tuple("LeftAnkle", 3), tuple("RightAnkle", 3));
  }
}
