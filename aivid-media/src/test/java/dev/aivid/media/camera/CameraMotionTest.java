package dev.aivid.media.camera;

import static dev.aivid.media.camera.CameraFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CameraMotionTest {

  @Test
  void anOrbitOfHalfACircleYawsHalfACircleAroundItsTarget() {
    CameraMotion motion = CameraFixtures.path("orbit-180.json").motion(24, 1920, 1080);

    assertThat(motion.totalYawDegrees()).isCloseTo(180, within(1.0));
    assertThat(motion.scores().orbitDegrees()).isCloseTo(180, within(1.0));
    assertThat(motion.target()).isEqualTo(new Vector3(0, 1, 0));
    assertThat(motion.dominantMove()).isEqualTo(DominantMove.ORBIT);
    assertThat(motion.frameCount()).isEqualTo(145);
    assertThat(motion.cutCount()).isZero();
    // Chords of 30° on a circle of radius 5 (positions written with 6 decimals): 2 · 5 · sin(15°) per second.
    assertThat(motion.meanTranslationSpeedUnitsPerSecond()).isCloseTo(10 * Math.sin(Math.toRadians(15)), within(1e-6));
  }

  @Test
  void panSpeedOnScreenMatchesTheHandComputedValue() {
    CameraMotion motion = CameraFixtures.path("pan.json").motion(30, 1920, 1080);

    // 90° in 3 s at 30 fps is 1° per frame. A point on the optical axis of frame i appears in frame i+1 at
    // focal · tan(1°) from the centre, with focal = (1080 / 2) / tan(60° / 2) = 935.307 px:
    // 935.307 · 0.0174551 = 16.3259 px per frame = 489.78 px/s.
    double focal = 540 / Math.tan(Math.toRadians(30));
    double expected = focal * Math.tan(Math.toRadians(1)) * 30;
    assertThat(expected).isCloseTo(489.78, within(0.01));
    assertThat(motion.meanScreenSpeedPixelsPerSecond()).isCloseTo(expected, within(1e-6));
    assertThat(motion.peakScreenSpeedPixelsPerSecond()).isCloseTo(expected, within(1e-6));
    assertThat(motion.totalYawDegrees()).isCloseTo(90, within(1e-9));
    assertThat(motion.totalPitchDegrees()).isCloseTo(0, within(1e-9));
    assertThat(motion.translationDistanceUnits()).isZero();
    assertThat(motion.dominantMove()).isEqualTo(DominantMove.PAN);
    // Horizontal field of view at 16:9 with 60° vertical: 2 · atan(tan(30°) · 16/9) = 91.49°.
    assertThat(motion.scores().pan()).isCloseTo(90 / 91.4928, within(1e-3));
  }

  @Test
  void aDollyMovesForwardWithoutMovingTheSubjectOnScreen() {
    CameraMotion motion = CameraFixtures.path("dolly.json").motion(24, 1280, 720);

    assertThat(motion.dominantMove()).isEqualTo(DominantMove.DOLLY);
    assertThat(motion.translationDistanceUnits()).isCloseTo(6, within(1e-9));
    assertThat(motion.meanTranslationSpeedUnitsPerSecond()).isCloseTo(1.5, within(1e-9));
    // ease_in_out peaks at three times the mean speed mid-way; frame steps of 1/24 s average the peak down slightly.
    assertThat(motion.peakTranslationSpeedUnitsPerSecond()).isCloseTo(4.5, within(0.1));
    assertThat(motion.peakScreenSpeedPixelsPerSecond()).isCloseTo(0, within(1e-6));
    // Σ |Δz| / distance to the subject approximates ln(10 / 4).
    assertThat(motion.scores().dolly()).isCloseTo(Math.log(10.0 / 4), within(0.01));
    assertThat(motion.scores().orbitDegrees()).isCloseTo(0, within(1e-9));
    assertThat(motion.totalYawDegrees()).isCloseTo(0, within(1e-9));
  }

  @Test
  void aStaticShotIsStaticAndItsHoldCountsAsACut() {
    CameraMotion motion = CameraFixtures.path("static.json").motion(24, 1920, 1080);

    assertThat(motion.dominantMove()).isEqualTo(DominantMove.STATIC);
    assertThat(motion.cutCount()).isEqualTo(1);
    assertThat(motion.frameCount()).isEqualTo(121);
    assertThat(motion.peakScreenSpeedPixelsPerSecond()).isZero();
    assertThat(motion.peakTranslationSpeedUnitsPerSecond()).isZero();
    assertThat(motion.target()).isNull();
  }

  @Test
  void aSingleKeyframeIsAStaticOneFrameClip() {
    CameraPath still = CameraPathReader.read(utf8(
        "{\"version\": 1, \"keyframes\": [{\"time\": 0, \"position\": [0, 0, 0], \"rotation\": {}, \"fov\": 50}]}"));

    CameraMotion motion = still.motion(24, 640, 360);
    assertThat(motion.frameCount()).isEqualTo(1);
    assertThat(motion.durationSeconds()).isZero();
    assertThat(motion.dominantMove()).isEqualTo(DominantMove.STATIC);
  }

  @Test
  void classifiesZoomTiltTruckAndPedestal() {
    assertThat(dominant("\"position\": [0, 0, 0], \"rotation\": {}, \"fov\": 60", "\"position\": [0, 0, 0], \"rotation\": {}, \"fov\": 30"))
        .isEqualTo(DominantMove.ZOOM);
    assertThat(dominant("\"position\": [0, 0, 0], \"rotation\": {}, \"fov\": 50",
        "\"position\": [0, 0, 0], \"rotation\": {\"pitch\": 40}, \"fov\": 50"))
        .isEqualTo(DominantMove.TILT);
    assertThat(dominant("\"position\": [0, 0, 0], \"rotation\": {}, \"fov\": 50", "\"position\": [2, 0, 0], \"rotation\": {}, \"fov\": 50"))
        .isEqualTo(DominantMove.TRUCK);
    assertThat(dominant("\"position\": [0, 0, 0], \"rotation\": {}, \"fov\": 50", "\"position\": [0, 2, 0], \"rotation\": {}, \"fov\": 50"))
        .isEqualTo(DominantMove.PEDESTAL);
    assertThat(dominant("\"position\": [0, 0, 0], \"rotation\": {}, \"fov\": 50", "\"position\": [0, 0, -2], \"rotation\": {}, \"fov\": 50"))
        .isEqualTo(DominantMove.DOLLY);
    // A 2° pan sweeps 2 % of a 91° wide frame: below the 5 % threshold.
    assertThat(dominant("\"position\": [0, 0, 0], \"rotation\": {}, \"fov\": 60",
        "\"position\": [0, 0, 0], \"rotation\": {\"yaw\": 2}, \"fov\": 60"))
        .isEqualTo(DominantMove.STATIC);
  }

  @Test
  void aTrackingShotWithAMovingTargetIsNoOrbit() {
    CameraMotion motion = CameraPathReader.read(utf8("""
        {"version": 1, "keyframes": [
          {"time": 0, "position": [0, 1, 5], "look_at": [0, 1, 0], "fov": 50},
          {"time": 4, "position": [6, 1, 5], "look_at": [6, 1, 0], "fov": 50}
        ]}
        """)).motion(24, 1920, 1080);

    assertThat(motion.target()).isNull();
    assertThat(motion.dominantMove()).isEqualTo(DominantMove.TRUCK);
    // The world point 5 units ahead (at the look-at distance) slides sideways by 6 / 4 / 24 = 0.0625 units per frame:
    // focal · 0.0625 / 5 with focal = 540 / tan(25°) = 1158.04 px, so 14.475 px per frame or 347.4 px/s.
    double expected = 540 / Math.tan(Math.toRadians(25)) * 0.0625 / 5 * 24;
    assertThat(motion.meanScreenSpeedPixelsPerSecond()).isCloseTo(expected, within(1e-6));
    assertThat(motion.meanTranslationSpeedUnitsPerSecond()).isCloseTo(1.5, within(1e-9));
  }

  @Test
  void findsTheOrbitCentreFromConvergingViewAxesWithoutLookAt() {
    var keyframes = new StringBuilder();
    for (int step = 0; step <= 8; step++) {
      double angle = step * 10;
      double radians = Math.toRadians(angle);
      keyframes.append(step == 0 ? "" : ",").append(String.format(java.util.Locale.ROOT,
          "{\"time\": %d, \"position\": [%.9f, 0, %.9f], \"rotation\": {\"yaw\": %.1f}, \"fov\": 40}",
          step, 4 * Math.sin(radians), 4 * Math.cos(radians), angle));
    }
    CameraMotion motion = CameraPathReader.read(utf8("{\"version\": 1, \"keyframes\": [" + keyframes + "]}")).motion(12, 1920, 1080);

    assertThat(motion.target()).isNotNull();
    assertThat(motion.target().length()).isLessThan(0.05);
    assertThat(motion.dominantMove()).isEqualTo(DominantMove.ORBIT);
    assertThat(motion.totalYawDegrees()).isCloseTo(80, within(1e-6));
  }

  @Test
  void rejectsFrameRatesAndSizesOutOfRange() {
    CameraPath pan = CameraFixtures.path("pan.json");

    assertThatIllegalArgumentException().isThrownBy(() -> pan.motion(0.5, 1920, 1080));
    assertThatIllegalArgumentException().isThrownBy(() -> pan.motion(241, 1920, 1080));
    assertThatIllegalArgumentException().isThrownBy(() -> pan.motion(24, 0, 1080));
    assertThatIllegalArgumentException().isThrownBy(() -> pan.frames(Double.NaN));
  }

  private static DominantMove dominant(String from, String to) {
    return CameraPathReader.read(utf8("{\"version\": 1, \"keyframes\": [{\"time\": 0, " + from + "}, {\"time\": 2, " + to + "}]}"))
        .motion(24, 1920, 1080)
        .dominantMove();
  }
}
