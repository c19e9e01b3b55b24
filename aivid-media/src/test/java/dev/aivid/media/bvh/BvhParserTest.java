package dev.aivid.media.bvh;

import static dev.aivid.media.bvh.BvhChannel.X_POSITION;
import static dev.aivid.media.bvh.BvhChannel.X_ROTATION;
import static dev.aivid.media.bvh.BvhChannel.Y_POSITION;
import static dev.aivid.media.bvh.BvhChannel.Y_ROTATION;
import static dev.aivid.media.bvh.BvhChannel.Z_POSITION;
import static dev.aivid.media.bvh.BvhChannel.Z_ROTATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class BvhParserTest {

  @Test
  void parsesTheSkeletonAndMotionOfASmallFile() {
    BvhClip clip = BvhTestFiles.parseResource(BvhTestFiles.TWO_JOINTS);

    BvhSkeleton skeleton = clip.skeleton();
    assertThat(skeleton.joints()).containsExactly(
        new BvhJoint("Hips", -1, new Vector3(0, 0, 0),
            List.of(X_POSITION, Y_POSITION, Z_POSITION, Z_ROTATION, X_ROTATION, Y_ROTATION), 0),
        new BvhJoint("Spine", 0, new Vector3(0, 10, 0), List.of(Z_ROTATION, X_ROTATION, Y_ROTATION), 6));
    assertThat(skeleton.endSites()).containsExactly(new BvhEndSite(1, new Vector3(0, 0, 5)));
    assertThat(skeleton.channelCount()).isEqualTo(9);
    assertThat(skeleton.pointCount()).isEqualTo(3);
    assertThat(skeleton.pointName(2)).isEqualTo("Spine/End Site");
    assertThat(skeleton.pointParent(2)).isEqualTo(1);
    assertThat(skeleton.rootIndices()).containsExactly(0);

    BvhMotion motion = clip.motion();
    assertThat(motion.frameCount()).isEqualTo(4);
    assertThat(motion.frameTimeSeconds()).isEqualTo(0.0333333);
    assertThat(motion.durationSeconds()).isCloseTo(0.1333332, within(1e-12));
    assertThat(motion.values()).hasSize(36);
    assertThat(motion.value(1, 0)).isEqualTo(1f);
    assertThat(motion.value(1, 3)).isEqualTo(90f);
    assertThat(motion.value(3, 6)).isEqualTo(90f);
  }

  @Test
  void acceptsEveryGrammarFeatureOfTheFeatureFile() {
    BvhClip clip = BvhTestFiles.parseResource(BvhTestFiles.GRAMMAR_FEATURES);

    List<BvhJoint> joints = clip.skeleton().joints();
    assertThat(joints).extracting(BvhJoint::name)
        .containsExactly("Pelvis", "left upper leg", "LeftFoot", "Prop", "Slider");
    assertThat(joints).extracting(BvhJoint::parentIndex).containsExactly(-1, 0, 1, 0, 3);
    assertThat(joints.get(0).offset()).isEqualTo(new Vector3(0, 1, 0));
    assertThat(joints.get(0).channels())
        .containsExactly(X_POSITION, Y_POSITION, Z_POSITION, Y_ROTATION, X_ROTATION, Z_ROTATION);
    assertThat(joints.get(1).offset()).isEqualTo(new Vector3(0.1, -0.05, 0));
    assertThat(joints.get(2).channels()).isEmpty();
    assertThat(joints.get(3).channels()).isEmpty();
    assertThat(joints.get(4).channels()).containsExactly(Z_POSITION, X_POSITION);
    assertThat(joints).extracting(BvhJoint::firstChannelIndex).containsExactly(0, 6, 9, 9, 9);
    assertThat(clip.skeleton().endSites()).containsExactly(
        new BvhEndSite(2, new Vector3(0, -0.05, 0.15)), new BvhEndSite(4, Vector3.ZERO));

    BvhMotion motion = clip.motion();
    assertThat(motion.frameCount()).isEqualTo(2);
    assertThat(motion.channelCount()).isEqualTo(11);
    assertThat(motion.frameTimeSeconds()).isEqualTo(0.0416667);
    assertThat(motion.value(0, 9)).isEqualTo(0.5f);
    assertThat(motion.value(0, 10)).isEqualTo(-12.5f);
    assertThat(motion.value(1, 0)).isEqualTo(1.5f);
    assertThat(motion.value(1, 3)).isEqualTo(90f);
  }

  @Test
  void acceptsSeveralRootsWhoseChannelsFollowInFileOrder() {
    BvhClip clip = BvhTestFiles.parseResource(BvhTestFiles.TWO_ROOTS);

    assertThat(clip.skeleton().rootIndices()).containsExactly(0, 1);
    assertThat(clip.skeleton().joints().get(1).firstChannelIndex()).isEqualTo(3);
    assertThat(clip.motion().value(1, 3)).isEqualTo(2.5f);
  }

  @Test
  void lineEndingsTabsAndByteOrderMarkDoNotChangeTheResult() {
    String text = BvhTestFiles.text(BvhTestFiles.TWO_JOINTS);
    BvhClip expected = BvhTestFiles.parse(text);

    for (String variant : List.of(
        text.replace("\n", "\r\n"),
        text.replace("\n", "\r"),
        text.replace("  ", "\t").replace(" ", "\t\t "),
        "\uFEFF" + text,
        text.replace("\n", "\n\n  \n"),
        text.replace("Frame Time: 0.0333333", "Frame Time:0.0333333").replace("Frames: 4", "FRAMES : 4"))) {
      BvhClip clip = BvhTestFiles.parse(variant);

      assertThat(clip.skeleton()).isEqualTo(expected.skeleton());
      assertThat(clip.motion().values()).containsExactly(expected.motion().values());
      assertThat(clip.motion().frameTimeSeconds()).isEqualTo(expected.motion().frameTimeSeconds());
    }
  }

  @Test
  void mixedCrlfAndLfWithFlushLeftLinesAsInTheCmuFilesParse() {
    String text = "HIERARCHY\r\nROOT Hips\n{\r\n\tOFFSET 0 0 0\r\nCHANNELS 3 Zrotation Yrotation Xrotation\n"
        + "\tEnd Site\r\n\t{\nOFFSET 0 1 0\r\n\t}\r\n}\nMOTION\r\nFrames: 1\nFrame Time: .0083333\r\n1 2 3\r\n";

    BvhClip clip = BvhTestFiles.parse(text);

    assertThat(clip.motion().frameTimeSeconds()).isEqualTo(0.0083333);
    assertThat(clip.motion().values()).containsExactly(1f, 2f, 3f);
  }

  @Test
  void acceptsAFileWithoutFramesAndAFileWithoutTrailingNewline() {
    String header = "HIERARCHY\nROOT A\n{\nOFFSET 0 0 0\nCHANNELS 1 Xrotation\n}\nMOTION\n";

    assertThat(BvhTestFiles.parse(header + "Frames: 0\nFrame Time: 0.1\n").motion().frameCount()).isZero();
    assertThat(BvhTestFiles.parse(header + "Frames: 0\nFrame Time: 0.1").motion().frameCount()).isZero();
    assertThat(BvhTestFiles.parse(header + "Frames: 2\nFrame Time: 0.1\n5\n6").motion().values())
        .containsExactly(5f, 6f);
  }

  @Test
  void aJointWithoutChannelsStillNeedsNoFrameValues() {
    String text = "HIERARCHY\nROOT Statue\n{\nOFFSET 1 2 3\n}\nMOTION\nFrames: 3\nFrame Time: 0.5\n\n";

    BvhClip clip = BvhTestFiles.parse(text);

    assertThat(clip.motion().frameCount()).isEqualTo(3);
    assertThat(clip.motion().channelCount()).isZero();
  }

  @Test
  void repeatedChannelNamesAreKeptInOrder() {
    String text = "HIERARCHY\nROOT A\n{\nOFFSET 0 0 0\nCHANNELS 2 Xrotation XROTATION\n}\n"
        + "MOTION\nFrames: 1\nFrame Time: 0.1\n10 20\n";

    assertThat(BvhTestFiles.parse(text).skeleton().joints().get(0).channels()).containsExactly(X_ROTATION, X_ROTATION);
  }

  @Test
  void parsesNumbersInEveryCommonSpelling() {
    String text = "HIERARCHY\nROOT A\n{\nOFFSET 0 0 0\nCHANNELS 10 Xposition Yposition Zposition Xposition Yposition"
        + " Zposition Xposition Yposition Zposition Xposition\n}\nMOTION\nFrames: 1\nFrame Time: 1\n"
        + "-0 +1.5 .25 7. 2.36234e-013 -1E+2 0.000001 123456789 -0.0083333 3.4e38\n";

    float[] values = BvhTestFiles.parse(text).motion().values();

    assertThat(values).containsExactly(-0f, 1.5f, 0.25f, 7f, 2.36234e-13f, -100f, 1e-6f, 123456789f, -0.0083333f,
        3.4e38f);
  }

  @Test
  void readsAStreamThatDeliversOneByteAtATime() {
    byte[] bytes = BvhTestFiles.bytes(BvhTestFiles.GRAMMAR_FEATURES);
    InputStream trickle = new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] buffer, int offset, int length) {
        return super.read(buffer, offset, Math.min(length, 1));
      }
    };

    BvhClip clip = BvhParser.parse(trickle, bytes.length);

    assertThat(clip).usingRecursiveComparison().isEqualTo(BvhParser.parse(bytes));
  }

  @Test
  void aStreamOfExactlyTheLimitIsAccepted() {
    byte[] bytes = BvhTestFiles.bytes(BvhTestFiles.TWO_JOINTS);

    BvhClip clip = BvhParser.parse(new ByteArrayInputStream(bytes), bytes.length);

    assertThat(clip.motion().frameCount()).isEqualTo(4);
  }

  @Test
  void channelNamesMatchIgnoringCase() {
    assertThat(BvhChannel.fromFileName("zROTATION")).contains(Z_ROTATION);
    assertThat(BvhChannel.fromFileName("Wrotation")).isEmpty();
  }
}
