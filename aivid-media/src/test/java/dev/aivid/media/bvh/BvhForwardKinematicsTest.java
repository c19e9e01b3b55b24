package dev.aivid.media.bvh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** World positions checked against poses worked out by hand with 0° and 90° rotations. */
class BvhForwardKinematicsTest {

  private static final Offset<Double> EXACT_ENOUGH = within(1e-9);
  private static final String TWO_JOINTS = BvhTestFiles.text(BvhTestFiles.TWO_JOINTS);
  private static final int HIPS = 0;
  private static final int SPINE = 1;
  private static final int SPINE_END = 2;

  @Test
  void restFrameSitsAtTheAccumulatedOffsets() {
    double[] positions = positions(TWO_JOINTS, 0);

    assertPoint(positions, HIPS, 0, 0, 0);
    assertPoint(positions, SPINE, 0, 10, 0);
    assertPoint(positions, SPINE_END, 0, 10, 5);
  }

  @Test
  void rootTranslationAndZRotationMoveTheChildren() {
    // Root at (1,2,3) turned 90° about Z: Rz(90)·(0,10,0) = (-10,0,0) and Rz(90)·(0,0,5) = (0,0,5).
    double[] positions = positions(TWO_JOINTS, 1);

    assertPoint(positions, HIPS, 1, 2, 3);
    assertPoint(positions, SPINE, -9, 2, 3);
    assertPoint(positions, SPINE_END, -9, 2, 8);
  }

  @Test
  void rootXRotationTipsTheSpineForward() {
    // Rx(90)·(0,10,0) = (0,0,10); Rx(90)·(0,0,5) = (0,-5,0).
    double[] positions = positions(TWO_JOINTS, 2);

    assertPoint(positions, SPINE, 0, 0, 10);
    assertPoint(positions, SPINE_END, 0, -5, 10);
  }

  @Test
  void rotationsComposeInTheListedChannelOrder() {
    // Root "Zrotation Xrotation" 90/90: R = Rz(90)·Rx(90); Spine Zrotation 90 adds Rz(90) below it.
    // Spine = Rz·Rx·(0,10,0) = Rz·(0,0,10) = (0,0,10).
    // End   = Spine + Rz·Rx·Rz·(0,0,5) = (0,0,10) + Rz·Rx·(0,0,5) = (0,0,10) + Rz·(0,-5,0) = (5,0,10).
    double[] positions = positions(TWO_JOINTS, 3);

    assertPoint(positions, SPINE, 0, 0, 10);
    assertPoint(positions, SPINE_END, 5, 0, 10);
  }

  @Test
  void listingTheSameRotationsInAnotherOrderGivesTheOtherProduct() {
    // Root "Xrotation Zrotation" 90/90: R = Rx(90)·Rz(90). Spine = Rx·(-10,0,0) = (-10,0,0).
    // End = Spine + Rx·Rz·(0,0,5) = (-10,0,0) + Rx·(0,0,5) = (-10,-5,0).
    String xThenZ = TWO_JOINTS.replace("Zposition Zrotation Xrotation Yrotation", "Zposition Xrotation Zrotation Yrotation");

    double[] bothNinety = positions(xThenZ.replace("0 0 0 0 90 0 0 0 0", "0 0 0 90 90 0 0 0 0"), 2);

    assertPoint(bothNinety, SPINE, -10, 0, 0);
    assertPoint(bothNinety, SPINE_END, -10, -5, 0);
  }

  @Test
  void aChildRotationAboutYTurnsItsEndSite() {
    // Spine Yrotation 90: End = (0,10,0) + Ry(90)·(0,0,5) = (5,10,0).
    String yTurn = TWO_JOINTS.replace("0 0 0 0 90 0 0 0 0", "0 0 0 0 0 0 0 0 90");

    assertPoint(positions(yTurn, 2), SPINE_END, 5, 10, 0);
  }

  @Test
  void worldRotationsAreReturnedRowMajor() {
    BvhClip clip = BvhTestFiles.parse(TWO_JOINTS);
    var kinematics = new BvhForwardKinematics(clip.skeleton());
    var positions = new double[9];
    var rotations = new double[18];

    kinematics.pose(clip.motion(), 1, positions, rotations);

    double[] zNinety = {0, -1, 0, 1, 0, 0, 0, 0, 1};
    for (int index = 0; index < 9; index++) {
      assertThat(rotations[index]).isCloseTo(zNinety[index], EXACT_ENOUGH);
      assertThat(rotations[9 + index]).isCloseTo(zNinety[index], EXACT_ENOUGH);
    }
  }

  @Test
  void positionChannelsReplaceOrAddToTheOffsetPerMode() {
    String text = "HIERARCHY\nROOT Base\n{\nOFFSET 0 0 0\nJOINT Slider\n{\nOFFSET 0 10 0\n"
        + "CHANNELS 3 Xposition Yposition Zposition\n}\nJOINT Lift\n{\nOFFSET 4 10 0\nCHANNELS 1 Yposition\n}\n}\n"
        + "MOTION\nFrames: 1\nFrame Time: 0.1\n1 2 3 2\n";
    BvhClip clip = BvhTestFiles.parse(text);

    double[] replaced = new BvhForwardKinematics(clip.skeleton(), PositionChannelMode.REPLACE_OFFSET)
        .positions(clip.motion(), 0);
    double[] added = new BvhForwardKinematics(clip.skeleton(), PositionChannelMode.ADD_TO_OFFSET)
        .positions(clip.motion(), 0);

    assertPoint(replaced, 1, 1, 2, 3);
    assertPoint(replaced, 2, 4, 2, 0);
    assertPoint(added, 1, 1, 12, 3);
    assertPoint(added, 2, 4, 12, 0);
  }

  @Test
  void eachRootHangsFromTheOrigin() {
    BvhClip clip = BvhTestFiles.parseResource(BvhTestFiles.TWO_ROOTS);
    var kinematics = new BvhForwardKinematics(clip.skeleton());

    double[] positions = kinematics.positions(clip.motion(), 1);

    assertPoint(positions, 0, 1, 0, 0);
    assertPoint(positions, 1, 5, 2.5, 0);
    assertPoint(positions, 2, 1, 1, 0);
    assertThat(kinematics.position(clip.motion(), 1, 1)).isEqualTo(new Vector3(5, 2.5, 0));
  }

  @Test
  void restPositionsIgnoreChannels() {
    BvhClip clip = BvhTestFiles.parseResource(BvhTestFiles.GRAMMAR_FEATURES);

    double[] rest = new BvhForwardKinematics(clip.skeleton()).restPositions();

    assertPoint(rest, 0, 0, 1, 0);
    assertPoint(rest, 2, 0.1, 0.05, 0);
    assertPoint(rest, 5, 0.1, 0, 0.15);
  }

  @Test
  void rejectsMotionOfAnotherSkeletonAndShortOutputArrays() {
    BvhClip clip = BvhTestFiles.parse(TWO_JOINTS);
    BvhClip other = BvhTestFiles.parseResource(BvhTestFiles.TWO_ROOTS);
    var kinematics = new BvhForwardKinematics(clip.skeleton());

    assertThatThrownBy(() -> kinematics.positions(other.motion(), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> kinematics.pose(clip.motion(), 0, new double[8], new double[18]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> kinematics.positions(clip.motion(), 4)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static double[] positions(String text, int frame) {
    BvhClip clip = BvhTestFiles.parse(text);
    return new BvhForwardKinematics(clip.skeleton()).positions(clip.motion(), frame);
  }

  private static void assertPoint(double[] positions, int point, double x, double y, double z) {
    assertThat(positions[3 * point]).as("x of point %d", point).isCloseTo(x, EXACT_ENOUGH);
    assertThat(positions[3 * point + 1]).as("y of point %d", point).isCloseTo(y, EXACT_ENOUGH);
    assertThat(positions[3 * point + 2]).as("z of point %d", point).isCloseTo(z, EXACT_ENOUGH);
  }
}
