package dev.aivid.media.camera;

import static dev.aivid.media.camera.CameraFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.MediaException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NerfstudioCameraPathReaderTest {

  @Test
  void importsTheRealNerfstudioExamplePath() {
    NerfstudioCameraPath imported = NerfstudioCameraPathReader.read(CameraFixtures.bytes("nerfstudio-example-camera-path.json"));

    assertThat(imported.renderWidth()).isEqualTo(1920);
    assertThat(imported.renderHeight()).isEqualTo(1080);
    assertThat(imported.cameraType()).isEqualTo("perspective");
    assertThat(imported.seconds()).isEqualTo(4.0);
    assertThat(imported.declaredFramesPerSecond()).isEqualTo(24.0);
    CameraPath path = imported.path();
    assertThat(path.keyframes()).hasSize(96);
    assertThat(path.framesPerSecond()).isEqualTo(24.0);
    assertThat(path.keyframes().get(1).timeSeconds()).isEqualTo(4.0 / 96);
    assertThat(path.durationSeconds()).isCloseTo(95 * 4.0 / 96, within(1e-12));

    // First camera_to_world row-major: translation column (3.0036, 0.0134, 0.4406) in nerfstudio's +Z-up world.
    CameraKeyframe first = path.keyframes().getFirst();
    assertThat(first.position().x()).isCloseTo(3.0035981952284345, within(1e-12));
    assertThat(first.position().y()).isCloseTo(0.4406037361392122, within(1e-12));
    assertThat(first.position().z()).isCloseTo(-0.013382484726752401, within(1e-12));
    assertThat(first.verticalFieldOfViewDegrees()).isEqualTo(50.0);
    // Its view direction, minus the third column, (-0.9897, 0.0060, -0.1430) in nerfstudio axes.
    Vector3 forward = first.orientation().forward();
    assertThat(forward.x()).isCloseTo(-0.9897075077299237, within(1e-9));
    assertThat(forward.y()).isCloseTo(-0.1429785561332216, within(1e-9));
    assertThat(forward.z()).isCloseTo(-0.006015116713956076, within(1e-9));
  }

  @Test
  void theExamplePathIsAFullOrbit() {
    CameraPath path = NerfstudioCameraPathReader.read(CameraFixtures.bytes("nerfstudio-example-camera-path.json")).path();

    CameraMotion motion = path.motion(24, 1920, 1080);
    assertThat(motion.dominantMove()).isEqualTo(DominantMove.ORBIT);
    // A looped circle of 96 frames: the last frame is one step short of the start.
    assertThat(motion.totalYawDegrees()).isCloseTo(360 * 95 / 96.0, within(1.0));
    assertThat(motion.scores().orbitDegrees()).isCloseTo(360 * 95 / 96.0, within(5.0));
    // The cameras aim at nerfstudio's origin.
    assertThat(motion.target()).isNotNull();
    assertThat(motion.target().length()).isLessThan(0.05);
  }

  @Test
  void importsTheRealHearstPath() {
    NerfstudioCameraPath imported = NerfstudioCameraPathReader.read(CameraFixtures.bytes("nerfstudio-hearst-path.json"));

    assertThat(imported.path().keyframes()).hasSize(50);
    assertThat(imported.seconds()).isEqualTo(5.0);
    assertThat(imported.renderWidth()).isEqualTo(1280);
    assertThat(imported.renderHeight()).isEqualTo(720);
    assertThat(imported.cameraType()).isEqualTo("perspective");
    assertThat(imported.path().framesPerSecond()).isEqualTo(10.0);
    assertThat(imported.path().keyframes().getFirst().verticalFieldOfViewDegrees()).isEqualTo(75.0);
    CameraMotion motion = imported.path().motion(10, 1280, 720);
    assertThat(motion.frameCount()).isEqualTo(50);
    // Σ |Δyaw| computed independently from the file (heading of -column 3 about nerfstudio's +Z): 48.03°.
    assertThat(motion.totalYawDegrees()).isCloseTo(48.03, within(0.01));
    // The camera drifts sideways while turning towards one point: a slow 48° orbit.
    assertThat(motion.dominantMove()).isEqualTo(DominantMove.ORBIT);
    assertThat(motion.scores().orbitDegrees()).isCloseTo(48, within(1.0));
    assertThat(motion.peakScreenSpeedPixelsPerSecond()).isLessThan(10);
  }

  @Test
  void importsATruckInTheCurrentExportFormatAndConvertsTheWorldToYUp() {
    NerfstudioCameraPath imported = NerfstudioCameraPathReader.read(CameraFixtures.bytes("nerfstudio-truck.json"));

    CameraPath path = imported.path();
    assertThat(path.keyframes()).hasSize(5);
    assertThat(path.framesPerSecond()).isEqualTo(2.5);
    // nerfstudio camera at (x, -3, 0.5) looking along +Y with +Z up is AIVid's identity orientation at (x, 0.5, 3).
    CameraKeyframe first = path.keyframes().getFirst();
    assertThat(first.position()).isEqualTo(new Vector3(-1, 0.5, 3));
    assertThat(first.orientation().angleToDegrees(Quaternion.IDENTITY)).isLessThan(1e-9);
    assertThat(path.motion(2.5, 1920, 1080).dominantMove()).isEqualTo(DominantMove.TRUCK);
  }

  @Test
  void removesAUniformScaleFromTheRotation() {
    NerfstudioCameraPath imported = NerfstudioCameraPathReader.read(document(
        "[0.01, 0, 0, 1, 0, 0, -0.01, -3, 0, 0.01, 0, 0.5, 0, 0, 0, 1]", "50"));

    assertThat(imported.path().keyframes().getFirst().orientation().angleToDegrees(Quaternion.IDENTITY)).isLessThan(1e-9);
  }

  @Test
  void rejectsBadPaths() {
    assertFails(utf8("{\"camera_path\": [], \"render_width\": 1920, \"render_height\": 1080, \"seconds\": 1}"),
        CameraPathErrors.EMPTY, "at least one keyframe");
    assertFails(document("[1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, NaN, 0, 0, 0, 1]", "50"),
        CameraPathErrors.NOT_A_NUMBER, "camera_path[0].camera_to_world[11] is NaN");
    assertFails(document("[1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0]", "50"),
        CameraPathErrors.SYNTAX, "must hold exactly 16 numbers, has 15");
    assertFails(document("[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]", "50"),
        CameraPathErrors.SINGULAR_MATRIX, "singular");
    assertFails(document("[2, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1]", "50"),
        CameraPathErrors.SINGULAR_MATRIX, "not orthonormal");
    assertFails(document("[1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1]", "0"), CameraPathErrors.INVALID_FOV, "camera_path[0].fov");
    assertFails(utf8("{\"camera_path\": [], \"render_width\": 1920, \"render_height\": 1080}"),
        CameraPathErrors.EMPTY, "at least one keyframe");
    assertFails(utf8("{\"camera_path\": [{}], \"render_width\": 1920, \"render_height\": 1080}"),
        CameraPathErrors.SYNTAX, "seconds is missing");
    assertFails(utf8("{\"camera_path\": [{}], \"render_width\": 1920.5, \"render_height\": 1080, \"seconds\": 1}"),
        CameraPathErrors.SYNTAX, "render_width is 1920.5");
    assertFails(utf8("{\"render_width\": 1920, \"render_height\": 1080, \"seconds\": 1}"), CameraPathErrors.SYNTAX, "camera_path is missing");
  }

  @Test
  void rejectsMoreThanTenThousandCameras() {
    var cameras = new StringBuilder();
    for (int index = 0; index <= CameraPath.MAX_KEYFRAMES; index++) {
      cameras.append(index == 0 ? "" : ",").append("{\"camera_to_world\": [1,0,0,0,0,0,-1,0,0,1,0,0,0,0,0,1], \"fov\": 50}");
    }
    assertFails(utf8(String.format(Locale.ROOT,
            "{\"camera_path\": [%s], \"render_width\": 1920, \"render_height\": 1080, \"seconds\": 400}", cameras)),
        CameraPathErrors.TOO_MANY_KEYFRAMES, "10001 keyframes");
  }

  private static byte[] document(String cameraToWorld, String fov) {
    return utf8("{\"camera_path\": [{\"camera_to_world\": " + cameraToWorld + ", \"fov\": " + fov + ", \"aspect\": 1.5}], "
        + "\"render_width\": 1920, \"render_height\": 1080, \"seconds\": 2, \"fps\": 24, \"camera_type\": \"Perspective\"}");
  }

  private static void assertFails(byte[] bytes, String code, String messagePart) {
    assertThatThrownBy(() -> NerfstudioCameraPathReader.read(bytes))
        .isInstanceOfSatisfying(MediaException.class, failure -> {
          assertThat(failure.code()).isEqualTo(code);
          assertThat(failure.getMessage()).contains(messagePart);
        });
  }
}
