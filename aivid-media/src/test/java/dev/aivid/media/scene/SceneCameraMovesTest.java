package dev.aivid.media.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.CameraPose;
import org.junit.jupiter.api.Test;

class SceneCameraMovesTest {

  private static final double SECONDS = 4;

  @Test
  void startsAtEyeHeightLookingDownMinusZ() {
    CameraPose start = CameraMoves.fromPrompt("pan left", SECONDS).poseAt(0);

    assertThat(start.position().y()).isEqualTo(CameraMoves.EYE_HEIGHT);
    assertThat(start.yawDegrees()).isCloseTo(0, within(1e-9));
    assertThat(start.verticalFieldOfViewDegrees()).isEqualTo(CameraMoves.FIELD_OF_VIEW_DEGREES);
  }

  @Test
  void panLeftTurnsLeftAndPanRightTurnsRight() {
    assertThat(end("The camera pans left across the bay").yawDegrees()).isCloseTo(20, within(1e-6));
    assertThat(end("Slow pan to the right").yawDegrees()).isCloseTo(-10, within(1e-6));
    assertThat(end("a whip pan").yawDegrees()).isCloseTo(-40, within(1e-6));
  }

  @Test
  void tiltUpRaisesThePitchAndTiltDownLowersIt() {
    assertThat(end("tilt up to the sky").pitchDegrees()).isCloseTo(10, within(1e-6));
    assertThat(end("Tilting down").pitchDegrees()).isCloseTo(-10, within(1e-6));
  }

  @Test
  void pushInMovesForwardAndPullOutMovesBack() {
    assertThat(end("push in on her face").position().z()).isCloseTo(-2, within(1e-9));
    assertThat(end("Dolly-in").position().z()).isCloseTo(-2, within(1e-9));
    assertThat(end("pull out to reveal the city").position().z()).isCloseTo(2, within(1e-9));
  }

  @Test
  void truckAndCraneMoveSidewaysAndUp() {
    assertThat(end("truck right with the runner").position().x()).isCloseTo(1.5, within(1e-9));
    assertThat(end("tracking left").position().x()).isCloseTo(-1.5, within(1e-9));
    assertThat(end("crane up over the wall").position().y()).isCloseTo(CameraMoves.EYE_HEIGHT + 1, within(1e-9));
  }

  @Test
  void anOrbitCirclesTheSubjectWhileFacingIt() {
    CameraPath path = CameraMoves.fromPrompt("orbit around the statue", SECONDS);
    double subject = LayerRole.SUBJECT.defaultDepth();

    for (double time = 0; time <= SECONDS; time += 0.5) {
      CameraPose pose = path.poseAt(time);
      double toSubjectX = 0 - pose.position().x();
      double toSubjectZ = -subject - pose.position().z();
      assertThat(Math.hypot(toSubjectX, toSubjectZ)).as("distance at %s s", time).isCloseTo(subject, within(0.02));
      double bearing = Math.toDegrees(Math.atan2(-toSubjectX, -toSubjectZ));
      assertThat(pose.yawDegrees()).as("yaw at %s s", time).isCloseTo(bearing, within(0.2));
    }
    assertThat(path.poseAt(SECONDS).yawDegrees()).isCloseTo(30, within(1e-6));
    assertThat(path.poseAt(SECONDS).position().x()).isPositive();
  }

  @Test
  void zoomChangesOnlyTheFieldOfView() {
    CameraPose zoomed = end("zoom in");

    assertThat(zoomed.verticalFieldOfViewDegrees()).isCloseTo(40 * CameraMoves.ZOOM_IN_FACTOR, within(1e-9));
    assertThat(zoomed.position()).isEqualTo(CameraMoves.fromPrompt("zoom in", SECONDS).poseAt(0).position());
    assertThat(end("zoom out").verticalFieldOfViewDegrees()).isCloseTo(40 * CameraMoves.ZOOM_OUT_FACTOR, within(1e-9));
  }

  @Test
  void withoutCameraWordsTheCameraPushesInSlowly() {
    CameraPose last = end("A lighthouse on a cliff at dusk");

    assertThat(last.position().z()).isCloseTo(-CameraMoves.PUSH_UNITS / 2, within(1e-9));
    assertThat(last.yawDegrees()).isCloseTo(0, within(1e-9));
  }

  @Test
  void aLockedOffShotDoesNotMove() {
    CameraPath path = CameraMoves.fromPrompt("locked-off wide shot of the harbour, pan left", SECONDS);

    assertThat(path.keyframes()).hasSize(1);
    assertThat(path.poseAt(SECONDS).position()).isEqualTo(path.poseAt(0).position());
  }

  @Test
  void movesCombineAndEaseInAndOut() {
    CameraPath path = CameraMoves.fromPrompt("push in and pan right", SECONDS);

    assertThat(path.poseAt(SECONDS).yawDegrees()).isCloseTo(-20, within(1e-6));
    assertThat(path.poseAt(SECONDS).position().z()).isCloseTo(-2, within(1e-9));
    double firstTenth = -path.poseAt(SECONDS / 10).position().z();
    double middleTenth = path.poseAt(0.45 * SECONDS).position().z() - path.poseAt(0.55 * SECONDS).position().z();
    assertThat(middleTenth).isGreaterThan(3 * firstTenth);
    assertThat(path.durationSeconds()).isEqualTo(SECONDS);
  }

  @Test
  void wordsInsideOtherWordsDoNotCount() {
    assertThat(end("a panorama of the Alps").yawDegrees()).isCloseTo(0, within(1e-9));
    assertThat(end("a panorama of the Alps").position().z()).isCloseTo(-1, within(1e-9));
  }

  private static CameraPose end(String prompt) {
    return CameraMoves.fromPrompt(prompt, SECONDS).poseAt(SECONDS);
  }
}
