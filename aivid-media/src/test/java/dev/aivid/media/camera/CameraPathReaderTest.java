package dev.aivid.media.camera;

import static dev.aivid.media.camera.CameraFixtures.utf8;
import static dev.aivid.media.camera.CameraFixtures.withKeyframe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.MediaException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CameraPathReaderTest {

  private static final String LEVEL = "\"position\": [0, 0, 0], \"rotation\": {}, \"fov\": 50";

  @Test
  void readsTheOrbitExample() {
    CameraPath orbit = CameraFixtures.path("orbit-180.json");

    assertThat(orbit.framesPerSecond()).isEqualTo(24.0);
    assertThat(orbit.keyframes()).hasSize(7);
    assertThat(orbit.durationSeconds()).isEqualTo(6.0);
    CameraKeyframe first = orbit.keyframes().getFirst();
    assertThat(first.position()).isEqualTo(new Vector3(0, 1.5, 5));
    assertThat(first.lookAt()).isEqualTo(new Vector3(0, 1, 0));
    assertThat(first.verticalFieldOfViewDegrees()).isEqualTo(50.0);
    assertThat(first.easing()).isEqualTo(Easing.LINEAR);
    assertForward(first.orientation(), new Vector3(0, -0.5, -5).normalised());
  }

  @Test
  void derivesOrientationFromYawPitchRollWithPositiveYawTurningLeft() {
    CameraKeyframe keyframe = single("\"position\": [0, 0, 0], \"rotation\": {\"yaw\": 90}, \"fov\": 50");
    assertForward(keyframe.orientation(), new Vector3(-1, 0, 0));

    CameraKeyframe tilted = single("\"position\": [0, 0, 0], \"rotation\": {\"pitch\": 30}, \"fov\": 50");
    assertForward(tilted.orientation(), new Vector3(0, 0.5, -Math.sqrt(0.75)));

    CameraKeyframe rolled = single("\"position\": [0, 0, 0], \"rotation\": {\"roll\": 90}, \"fov\": 50");
    assertForward(rolled.orientation(), new Vector3(0, 0, -1));
    assertVector(rolled.orientation().up(), new Vector3(-1, 0, 0));
  }

  @Test
  void takesPositionAndOrientationFromAMatrixAndChecksAGivenPosition() {
    // Camera-to-world: yaw of 90° (looking along -X), at (1, 2, 3).
    CameraKeyframe keyframe = single("\"matrix\": [[0, 0, 1, 1], [0, 1, 0, 2], [-1, 0, 0, 3], [0, 0, 0, 1]], \"fov\": 50");

    assertThat(keyframe.position()).isEqualTo(new Vector3(1, 2, 3));
    assertForward(keyframe.orientation(), new Vector3(-1, 0, 0));
    assertThat(keyframe.orientation().angleToDegrees(Rotations.fromYawPitchRoll(90, 0, 0))).isLessThan(1e-6);

    assertFails(withKeyframe("{\"time\": 0, \"position\": [1, 2, 4], "
        + "\"matrix\": [[0, 0, 1, 1], [0, 1, 0, 2], [-1, 0, 0, 3], [0, 0, 0, 1]], \"fov\": 50}"),
        CameraPathErrors.SYNTAX, "disagrees with the translation");
  }

  @Test
  void interpolatesWithEasing() {
    CameraPath dolly = CameraFixtures.path("dolly.json");

    // ease_in_out at a quarter: 4 · 0.25³ = 0.0625 of the 6 units from z 10 to z 4.
    assertThat(dolly.poseAt(1).position().z()).isCloseTo(10 - 6 * 0.0625, within(1e-12));
    assertThat(dolly.poseAt(2).position().z()).isCloseTo(7, within(1e-12));
    assertThat(dolly.poseAt(3).position().z()).isCloseTo(10 - 6 * 0.9375, within(1e-12));
    assertThat(dolly.poseAt(2).lookAt()).isEqualTo(new Vector3(0, 1.5, 0));
    assertThat(dolly.poseAt(-1).position()).isEqualTo(new Vector3(0, 1.5, 10));
    assertThat(dolly.poseAt(99).position()).isEqualTo(new Vector3(0, 1.5, 4));
  }

  @Test
  void slerpsOrientationAndInterpolatesFieldOfView() {
    CameraPath path = CameraPathReader.read(utf8("""
        {"version": 1, "keyframes": [
          {"time": 0, "position": [0, 0, 0], "rotation": {"yaw": 0}, "fov": 30},
          {"time": 2, "position": [0, 0, 0], "rotation": {"yaw": 90}, "fov": 60, "easing": "ease_out"}
        ]}
        """));

    CameraPose middle = path.poseAt(1);
    assertThat(middle.yawDegrees()).isCloseTo(45, within(1e-9));
    assertThat(middle.verticalFieldOfViewDegrees()).isCloseTo(45, within(1e-12));
    assertThat(middle.lookAt()).isNull();
  }

  @Test
  void holdKeepsTheKeyframeUntilTheNextOne() {
    CameraPath path = CameraPathReader.read(utf8("""
        {"version": 1, "keyframes": [
          {"time": 1, "position": [0, 0, 0], "rotation": {}, "fov": 30, "easing": "hold"},
          {"time": 2, "position": [5, 0, 0], "rotation": {}, "fov": 30}
        ]}
        """));

    assertThat(path.poseAt(0).position()).isEqualTo(Vector3.ZERO);
    assertThat(path.poseAt(1.999).position()).isEqualTo(Vector3.ZERO);
    assertThat(path.poseAt(2).position()).isEqualTo(new Vector3(5, 0, 0));
  }

  @Test
  void samplesOneFramePerTickIncludingBothEnds() {
    CameraPath pan = CameraFixtures.path("pan.json");

    List<CameraPose> frames = pan.frames(30);
    assertThat(frames).hasSize(91);
    assertThat(frames.getLast().timeSeconds()).isEqualTo(3.0);
    assertThat(frames.get(45).yawDegrees()).isCloseTo(-45, within(1e-9));
    assertThat(pan.frameCount(24)).isEqualTo(73);
    assertThat(CameraFixtures.path("static.json").frames(24)).hasSize(121);
  }

  @Test
  void writesAPathThatReadsBackTheSame() {
    for (String name : List.of("orbit-180.json", "dolly.json", "pan.json", "static.json")) {
      CameraPath original = CameraFixtures.path(name);
      CameraPath copy = CameraPathReader.read(CameraPathWriter.write(original));

      assertThat(copy.framesPerSecond()).isEqualTo(original.framesPerSecond());
      assertThat(copy.keyframes()).hasSameSizeAs(original.keyframes());
      for (int index = 0; index < original.keyframes().size(); index++) {
        CameraKeyframe expected = original.keyframes().get(index);
        CameraKeyframe actual = copy.keyframes().get(index);
        assertThat(actual.timeSeconds()).isEqualTo(expected.timeSeconds());
        assertThat(actual.position()).isEqualTo(expected.position());
        assertThat(actual.lookAt()).isEqualTo(expected.lookAt());
        assertThat(actual.easing()).isEqualTo(expected.easing());
        assertThat(actual.verticalFieldOfViewDegrees()).isEqualTo(expected.verticalFieldOfViewDegrees());
        assertThat(actual.orientation().angleToDegrees(expected.orientation())).isLessThan(1e-6);
      }
    }
  }

  @Test
  void rejectsTimesThatDoNotIncrease() {
    assertFails(twoKeyframes(1, 1), CameraPathErrors.TIMES_NOT_INCREASING, "keyframe 1 is at 1.0 s, not after keyframe 0 at 1.0 s");
    assertFails(twoKeyframes(2, 1), CameraPathErrors.TIMES_NOT_INCREASING, "keyframe 1 is at 1.0 s");
  }

  @Test
  void rejectsNonFiniteNumbers() {
    assertFails(withKeyframe("{\"time\": 0, \"position\": [0, NaN, 0], \"rotation\": {}, \"fov\": 50}"),
        CameraPathErrors.NOT_A_NUMBER, "keyframes[0].position[1] is NaN");
    assertFails(withKeyframe("{\"time\": Infinity, " + LEVEL + "}"), CameraPathErrors.NOT_A_NUMBER, "keyframes[0].time is Infinity");
    assertFails(withKeyframe("{\"time\": 0, \"position\": [0, 0, 0], \"rotation\": {\"yaw\": -1e999}, \"fov\": 50}"),
        CameraPathErrors.NOT_A_NUMBER, "keyframes[0].rotation.yaw is -Infinity");
    assertFails(withKeyframe("{\"time\": 0, \"position\": [0, 0, 0], \"rotation\": {}, \"fov\": NaN}"),
        CameraPathErrors.NOT_A_NUMBER, "keyframes[0].fov");
  }

  @Test
  void rejectsMatricesThatAreNoRigidTransform() {
    assertSingular("[[0, 0, 0, 1], [0, 0, 0, 2], [0, 0, 0, 3], [0, 0, 0, 1]]", "singular");
    assertSingular("[[2, 0, 0, 0], [0, 2, 0, 0], [0, 0, 2, 0], [0, 0, 0, 1]]", "not orthonormal");
    assertSingular("[[1, 0.1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]", "not orthonormal");
    assertSingular("[[-1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]", "reflection");
    assertSingular("[[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 1, 1]]", "bottom row must be 0 0 0 1");
    assertFails(withKeyframe("{\"time\": 0, \"position\": [0, 1, 0], \"look_at\": [0, 1, 0], \"fov\": 50}"),
        CameraPathErrors.SINGULAR_MATRIX, "look_at gives no orientation");
    assertFails(withKeyframe("{\"time\": 0, \"position\": [0, 1, 0], \"look_at\": [0, 9, 0], \"fov\": 50}"),
        CameraPathErrors.SINGULAR_MATRIX, "straight above or below");
  }

  @Test
  void acceptsAMatrixPrintedWithFewDecimals() {
    CameraKeyframe keyframe = single("\"matrix\": [[0.7071, 0, 0.7071, 0], [0, 1, 0, 0], [-0.7071, 0, 0.7071, 0], [0, 0, 0, 1]], \"fov\": 50");

    assertThat(keyframe.orientation().angleToDegrees(Rotations.fromYawPitchRoll(45, 0, 0))).isLessThan(0.01);
  }

  @Test
  void rejectsEmptyAndOversizedPaths() {
    assertFails(utf8("{\"version\": 1, \"keyframes\": []}"), CameraPathErrors.EMPTY, "at least one keyframe");

    var keyframes = new StringBuilder();
    for (int index = 0; index <= CameraPath.MAX_KEYFRAMES; index++) {
      keyframes.append(index == 0 ? "" : ",").append("{\"time\": ").append(index * 0.01).append(", ").append(LEVEL).append('}');
    }
    byte[] huge = utf8("{\"version\": 1, \"keyframes\": [" + keyframes + "]}");
    assertFails(huge, CameraPathErrors.TOO_MANY_KEYFRAMES, "10001 keyframes exceed the limit of 10000");

    byte[] enormous = new byte[CameraJson.MAX_BYTES + 1];
    Arrays.fill(enormous, (byte) ' ');
    assertFails(enormous, CameraPathErrors.SYNTAX, "exceeds the limit");
  }

  @Test
  void rejectsInvalidFieldsOfView() {
    for (String fov : List.of("0", "1e-320", "0.09", "179.5", "180", "-5", "400")) {
      assertFails(withKeyframe("{\"time\": 0, \"position\": [0, 0, 0], \"rotation\": {}, \"fov\": " + fov + "}"),
          CameraPathErrors.INVALID_FOV, "must be within 0.1..179");
    }
    for (String fov : List.of("0.1", "179")) {
      assertThat(single("\"position\": [0, 0, 0], \"rotation\": {}, \"fov\": " + fov).verticalFieldOfViewDegrees())
          .isEqualTo(Double.parseDouble(fov));
    }
  }

  @Test
  void rejectsStructuralProblemsAsSyntax() {
    assertFails(utf8("not json"), CameraPathErrors.SYNTAX, "unexpected 'n'");
    assertFails(utf8("[]"), CameraPathErrors.SYNTAX, "the document must be an object, was array");
    assertFails(utf8("{\"keyframes\": []}"), CameraPathErrors.SYNTAX, "version is missing");
    assertFails(utf8("{\"version\": 2, \"keyframes\": []}"), CameraPathErrors.SYNTAX, "version 2.0 is not supported");
    assertFails(utf8("{\"version\": 1, \"keyframes\": [], \"extra\": 1}"), CameraPathErrors.SYNTAX, "unknown member extra");
    assertFails(utf8("{\"version\": 1, \"fps\": 0.5, \"keyframes\": []}"), CameraPathErrors.SYNTAX, "fps is 0.5");
    assertFails(withKeyframe("{\"time\": 0, \"position\": [0, 0], \"rotation\": {}, \"fov\": 50}"),
        CameraPathErrors.SYNTAX, "keyframes[0].position must hold exactly 3 numbers, has 2");
    assertFails(withKeyframe("{\"time\": 0, \"position\": [0, 0, 0], \"fov\": 50}"),
        CameraPathErrors.SYNTAX, "exactly one of look_at, rotation or matrix, has 0");
    assertFails(withKeyframe("{\"time\": 0, \"position\": [0, 0, 0], \"rotation\": {}, \"look_at\": [1, 0, 0], \"fov\": 50}"),
        CameraPathErrors.SYNTAX, "has 2");
    assertFails(withKeyframe("{\"time\": 0, \"rotation\": {}, \"fov\": 50}"), CameraPathErrors.SYNTAX, "keyframes[0].position is missing");
    assertFails(withKeyframe("{\"time\": 0, \"position\": [0, 0, 0], \"rotation\": {\"tilt\": 3}, \"fov\": 50}"),
        CameraPathErrors.SYNTAX, "unknown member keyframes[0].rotation.tilt");
    assertFails(withKeyframe("{\"time\": 0, " + LEVEL + ", \"easing\": \"bounce\"}"), CameraPathErrors.SYNTAX, "\"bounce\" is not one of");
    assertFails(withKeyframe("{\"time\": -1, " + LEVEL + "}"), CameraPathErrors.SYNTAX, "keyframes[0].time is -1.0 s");
    assertFails(withKeyframe("{\"time\": 601, " + LEVEL + "}"), CameraPathErrors.SYNTAX, "within 0..600");
    assertFails(withKeyframe("{\"time\": 0, \"position\": [0, 2e6, 0], \"rotation\": {}, \"fov\": 50}"),
        CameraPathErrors.SYNTAX, "beyond ±");
    assertFails(utf8("{\"version\": 1, \"keyframes\": [" + "[".repeat(40) + "]".repeat(40) + "]}"),
        CameraPathErrors.SYNTAX, "nesting deeper than 32 levels");
    assertFails(null, CameraPathErrors.SYNTAX, "empty document");
  }

  private static byte[] twoKeyframes(double first, double second) {
    return utf8("{\"version\": 1, \"keyframes\": [{\"time\": " + first + ", " + LEVEL + "}, {\"time\": " + second + ", " + LEVEL + "}]}");
  }

  private static CameraKeyframe single(String keyframeBody) {
    return CameraPathReader.read(withKeyframe("{\"time\": 0, " + keyframeBody + "}")).keyframes().getFirst();
  }

  private static void assertSingular(String matrix, String messagePart) {
    assertFails(withKeyframe("{\"time\": 0, \"matrix\": " + matrix + ", \"fov\": 50}"), CameraPathErrors.SINGULAR_MATRIX, messagePart);
  }

  static void assertFails(byte[] bytes, String code, String messagePart) {
    assertThatThrownBy(() -> CameraPathReader.read(bytes))
        .isInstanceOfSatisfying(MediaException.class, failure -> {
          assertThat(failure.code()).isEqualTo(code);
          assertThat(failure.getMessage()).contains(messagePart);
        });
  }

  private static void assertForward(Quaternion orientation, Vector3 expected) {
    assertVector(orientation.forward(), expected);
  }

  private static void assertVector(Vector3 actual, Vector3 expected) {
    assertThat(actual.x()).isCloseTo(expected.x(), within(1e-9));
    assertThat(actual.y()).isCloseTo(expected.y(), within(1e-9));
    assertThat(actual.z()).isCloseTo(expected.z(), within(1e-9));
  }
}
