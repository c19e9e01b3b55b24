package dev.aivid.media.bvh;

import static dev.aivid.media.bvh.BvhChannel.X_ROTATION;
import static dev.aivid.media.bvh.BvhChannel.Y_ROTATION;
import static dev.aivid.media.bvh.BvhChannel.Z_ROTATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The two CMU clips described in {@code src/test/resources/bvh/README.md}. */
class RealBvhFilesTest {

  @ParameterizedTest
  @ValueSource(strings = {BvhTestFiles.CMU_WALK, BvhTestFiles.CMU_HOP})
  void parsesTheCmuSkeleton(String file) {
    BvhSkeleton skeleton = BvhTestFiles.parseResource(file).skeleton();

    assertThat(skeleton.jointCount()).isEqualTo(31);
    assertThat(skeleton.endSites()).hasSize(7);
    assertThat(skeleton.channelCount()).isEqualTo(96);
    assertThat(skeleton.rootIndices()).containsExactly(0);
    BvhJoint leftKnee = skeleton.joints().get(skeleton.jointIndex("LeftKnee").orElseThrow());
    BvhJoint leftElbow = skeleton.joints().get(skeleton.jointIndex("LeftElbow").orElseThrow());
    assertThat(leftKnee.channels()).containsExactly(Z_ROTATION, Y_ROTATION, X_ROTATION);
    assertThat(leftElbow.channels()).containsExactly(Z_ROTATION, X_ROTATION, Y_ROTATION);
    assertThat(leftElbow.offset()).isEqualTo(new Vector3(0, -4.25106, 0));
  }

  @ParameterizedTest
  @ValueSource(strings = {BvhTestFiles.CMU_WALK, BvhTestFiles.CMU_HOP})
  void hasTheDeclaredFramesAt120Fps(String file) {
    BvhMotion motion = BvhTestFiles.parseResource(file).motion();

    assertThat(motion.frameCount()).isEqualTo(file.equals(BvhTestFiles.CMU_WALK) ? 994 : 1102);
    assertThat(motion.frameTimeSeconds()).isEqualTo(0.0083333);
    assertThat(motion.framesPerSecond()).isCloseTo(120, within(0.01));
  }

  @ParameterizedTest
  @ValueSource(strings = {BvhTestFiles.CMU_WALK, BvhTestFiles.CMU_HOP})
  void forwardKinematicsGivesFinitePositionsAndRigidBones(String file) {
    BvhClip clip = BvhTestFiles.parseResource(file);
    var kinematics = new BvhForwardKinematics(clip.skeleton());
    int knee = clip.skeleton().jointIndex("LeftKnee").orElseThrow();
    int ankle = clip.skeleton().jointIndex("LeftAnkle").orElseThrow();
    double shinLength = clip.skeleton().joints().get(ankle).offset().distanceTo(Vector3.ZERO);

    for (int frame = 0; frame < clip.motion().frameCount(); frame++) {
      double[] positions = kinematics.positions(clip.motion(), frame);
      assertThat(Arrays.stream(positions).allMatch(Double::isFinite)).as("finite positions in frame %d", frame).isTrue();
      assertThat(kinematics.position(clip.motion(), frame, knee)
          .distanceTo(kinematics.position(clip.motion(), frame, ankle)))
          .isCloseTo(shinLength, within(1e-9));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {BvhTestFiles.CMU_WALK, BvhTestFiles.CMU_HOP})
  void analysisIsSane(String file) {
    BvhAnalysis analysis = BvhAnalysis.of(BvhTestFiles.parseResource(file));

    // The conversion's unit is about 5.6 cm (the scaled copies in bvh11 multiply by 0.05644): 24.27 units ≈ 1.37 m
    // from toe tips to head End Site.
    assertThat(analysis.restHeight()).isCloseTo(24.27, within(0.01));
    assertThat(analysis.durationSeconds()).isBetween(8.0, 9.5);
    // About 0.6 m/s on average; short bursts are several times faster.
    assertThat(analysis.rootSpeedMeanUnitsPerSecond()).isBetween(5.0, 20.0);
    assertThat(analysis.rootSpeedMaxUnitsPerSecond()).isBetween(analysis.rootSpeedMeanUnitsPerSecond(), 60.0);
    assertThat(analysis.motionEnergy()).isPositive().isFinite();
    // Michael Jackson styled: the hop clip includes a full spin (net -352°), the walk turns back and forth.
    assertThat(analysis.rootYawTotalDegrees()).isBetween(360.0, 1_000.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {BvhTestFiles.CMU_WALK, BvhTestFiles.CMU_HOP})
  void everyLandingIsNearTheGroundAfterADescent(String file) {
    BvhClip clip = BvhTestFiles.parseResource(file);
    BvhAnalysis analysis = BvhAnalysis.of(clip);
    var kinematics = new BvhForwardKinematics(clip.skeleton());
    double band = LandingThresholds.DEFAULT.contactBandFraction() * analysis.restHeight();

    assertThat(analysis.landings()).isNotEmpty();
    for (BvhLanding landing : analysis.landings()) {
      double before = lowestFootHeight(clip, kinematics, landing.jointIndex(), landing.frameIndex() - 6);
      double at = lowestFootHeight(clip, kinematics, landing.jointIndex(), landing.frameIndex());
      assertThat(at).as("%s at %d", landing.jointName(), landing.frameIndex()).isLessThan(before);
      assertThat(at).isLessThan(2 * band);
    }
  }

  /**
   * Regression values, checked by eye against a per-frame table of ankle and toe heights: each is the end of a swing
   * where the foot rose 2-10 units and came back down.
   */
  @ParameterizedTest
  @ValueSource(strings = {BvhTestFiles.CMU_WALK, BvhTestFiles.CMU_HOP})
  void findsTheStepsAndTheHop(String file) {
    List<BvhLanding> landings = BvhAnalysis.of(BvhTestFiles.parseResource(file)).landings();

    if (file.equals(BvhTestFiles.CMU_WALK)) {
      assertThat(landings).extracting(BvhLanding::jointName, BvhLanding::frameIndex).contains(
          tuple("RightAnkle", 221), tuple("LeftAnkle", 581), tuple("RightAnkle", 651), tuple("LeftAnkle", 712),
          tuple("RightAnkle", 781));
    } else {
      // The hop: left foot down at 825, right foot at 870, then a last step at 1003.
      assertThat(landings).extracting(BvhLanding::jointName, BvhLanding::frameIndex).contains(
          tuple("RightAnkle", 207), tuple("LeftAnkle", 825), tuple("RightAnkle", 870), tuple("RightAnkle", 1003));
    }
    assertThat(landings).hasSizeBetween(5, 20);
  }

  @ParameterizedTest
  @ValueSource(strings = {BvhTestFiles.CMU_WALK, BvhTestFiles.CMU_HOP})
  void positionChannelModesAgreeWhenOnlyTheRootMovesAndItsOffsetIsZero(String file) {
    BvhClip clip = BvhTestFiles.parseResource(file);

    double[] replaced = new BvhForwardKinematics(clip.skeleton(), PositionChannelMode.REPLACE_OFFSET)
        .positions(clip.motion(), 100);
    double[] added = new BvhForwardKinematics(clip.skeleton(), PositionChannelMode.ADD_TO_OFFSET)
        .positions(clip.motion(), 100);

    assertThat(added).containsExactly(replaced);
  }

  private static double lowestFootHeight(BvhClip clip, BvhForwardKinematics kinematics, int footJoint, int frame) {
    double[] positions = kinematics.positions(clip.motion(), frame);
    double lowest = Double.POSITIVE_INFINITY;
    for (FootChains.FootChain chain : FootChains.find(clip.skeleton())) {
      if (chain.jointIndex() == footJoint) {
        for (int point : chain.points()) {
          lowest = Math.min(lowest, positions[3 * point + 1]);
        }
      }
    }
    return lowest;
  }
}
