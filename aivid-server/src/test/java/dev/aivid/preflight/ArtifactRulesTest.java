package dev.aivid.preflight;

import static dev.aivid.preflight.PreflightFixtures.has;
import static dev.aivid.preflight.PreflightFixtures.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.assets.StackKind;
import dev.aivid.catalog.Catalog;
import dev.aivid.preflight.PreflightFixtures.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each catalog rule just below and just above its threshold, with the exact evidence. */
class ArtifactRulesTest {
  private final PreflightEngine engine = PreflightFixtures.engine();

  /** Root moving along +X at {@code speed} units per second; 32 fps keeps every position exact in a float. */
  private static byte[] walker(double speed, double seconds) {
    return PreflightFixtures.rig(seconds, 32, time -> new double[] {speed * time, 0, 0, 0});
  }

  private PreflightReport withRig(double speed, String... models) {
    return engine.run(
        new Stack()
            .file(StackKind.SKELETAL_RIG, "run.bvh", walker(speed, 6))
            .value(StackKind.FRAME_RATE, 32)
            .request("@Rig1 sprints", 4, "1280x720", models));
  }

  @Test
  void klingMeshBleedingFiresOnlyAboveSixHundredPixelsPerSecondOfSubjectSpeed() {
    // 14 units/s over a 10-unit body = 1.4 heights/s; the body spans 60 % of 720 px: 1.4 × 432 = 604.8 px/s.
    ModelReport above = withRig(14, "kling-v3").model("kling-v3").orElseThrow();
    Finding finding = only(above, "kling.mesh_bleeding");
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.evidence())
        .containsEntry("subject_peak_screen_speed_pixels_per_second", 604.8)
        .containsEntry("max_screen_speed_pixels_per_second", 600.0)
        .containsEntry("subject_peak_at_seconds", 0.0)
        .containsEntry("subject_peak_body_heights_per_second", 1.4)
        .containsEntry("subject_height_share_of_frame", 0.6)
        .containsEntry("frame_height_pixels", 720.0)
        .containsEntry("speed_factor_needed", 0.992);
    assertThat(finding.autoFix().action()).isEqualTo(FixAction.REDUCE_SPEED);
    assertThat(finding.autoFix().detail()).contains("@Rig1", "0.99×", "seedance-2.0");
    assertThat(above.verdict()).isEqualTo(ModelVerdict.WARNINGS);

    // 13.75 units/s: 1.375 × 432 = 594 px/s.
    ModelReport below = withRig(13.75, "kling-v3").model("kling-v3").orElseThrow();
    assertThat(has(below, "kling.mesh_bleeding")).isFalse();
    assertThat(below.passed())
        .anySatisfy(
            check -> {
              assertThat(check.rule()).isEqualTo("kling.mesh_bleeding");
              assertThat(check.evidence()).containsEntry("subject_peak_screen_speed_pixels_per_second", 594.0);
            });
  }

  @Test
  void theSubjectProjectionScalesWithTheFrameHeight() {
    // At 1080p the same 13.75 units/s is 1.375 × 0.6 × 1080 = 891 px/s.
    PreflightReport report =
        engine.run(
            new Stack()
                .file(StackKind.SKELETAL_RIG, "run.bvh", walker(13.75, 6))
                .value(StackKind.FRAME_RATE, 32)
                .request("@Rig1 sprints", 4, "1920x1080", "kling-v3"));
    assertThat(only(report.model("kling-v3").orElseThrow(), "kling.mesh_bleeding").evidence())
        .containsEntry("subject_peak_screen_speed_pixels_per_second", 891.0);
    assertThat(report.shot().subjectPeakScreenSpeedPixelsPerSecond()).isEqualTo(891.0);
  }

  /** Pan of {@code degreesPerFrame} at 24 fps, 60° vertical fov, 1280x720: focal 360/tan 30° px. */
  private static double panSpeed(double degreesPerFrame) {
    double focal = 360 / Math.tan(Math.toRadians(30));
    return focal * Math.tan(Math.toRadians(degreesPerFrame)) * 24;
  }

  private PreflightReport withPan(double seconds, double yaw, int shotSeconds, String... models) {
    return engine.run(
        new Stack()
            .file(StackKind.CAMERA_PATH, "pan.json", PreflightFixtures.pan(seconds, yaw, 60))
            .request("@Camera1 whips across the street", shotSeconds, "1280x720", models));
  }

  @Test
  void klingMeshBleedingCountsTheCameraScreenSpeed() {
    // 2.35° per frame: 623.538 × tan 2.35° × 24 = 614.2 px/s; 2.25° per frame: 588.0 px/s.
    ModelReport above = withPan(3, 2.35 * 72, 3, "kling-v3").model("kling-v3").orElseThrow();
    Finding finding = only(above, "kling.mesh_bleeding");
    assertThat(finding.evidence().get("camera_peak_screen_speed_pixels_per_second"))
        .isCloseTo(panSpeed(2.35), within(0.0006));
    assertThat(finding.evidence()).containsEntry("max_screen_speed_pixels_per_second", 600.0);
    assertThat(finding.autoFix().detail()).contains("stretch it from 3 s to at least 3.1 s");

    ModelReport below = withPan(3, 2.25 * 72, 3, "kling-v3").model("kling-v3").orElseThrow();
    assertThat(has(below, "kling.mesh_bleeding")).isFalse();
    assertThat(below.passed().stream().filter(check -> check.rule().equals("kling.mesh_bleeding")).findFirst().orElseThrow()
            .evidence().get("camera_peak_screen_speed_pixels_per_second"))
        .isCloseTo(panSpeed(2.25), within(0.0006));
  }

  @Test
  void klingLimbGhostingFiresOnShotsOverEightSeconds() {
    byte[] still = PreflightFixtures.pan(1, 0, 60);
    ModelReport eight =
        engine.run(new Stack().file(StackKind.CAMERA_PATH, "still.json", still).request("a still street", 8, "1280x720", "kling-v3"))
            .model("kling-v3").orElseThrow();
    assertThat(has(eight, "kling.limb_ghosting")).isFalse();
    assertThat(eight.verdict()).isEqualTo(ModelVerdict.OK);

    ModelReport nine =
        engine.run(new Stack().file(StackKind.CAMERA_PATH, "still.json", still).request("a still street", 9, "1280x720", "kling-v3"))
            .model("kling-v3").orElseThrow();
    Finding finding = only(nine, "kling.limb_ghosting");
    assertThat(finding.evidence())
        .containsEntry("seconds", 9.0)
        .containsEntry("max_seconds", 8.0)
        .containsEntry("shots_needed", 2.0);
    assertThat(finding.autoFix().action()).isEqualTo(FixAction.SPLIT_SHOT);
    assertThat(finding.autoFix().detail()).contains("2 shots of at most 8 s (5 s + 4 s)");
  }

  @Test
  void klingLimbGhostingFiresAtOneHundredAndEightyDegreesOfCameraRotation() {
    ModelReport under = withPan(6, 179.5, 6, "kling-v3").model("kling-v3").orElseThrow();
    assertThat(under.findings()).noneMatch(finding -> finding.rule().equals("kling.limb_ghosting"));

    ModelReport over = withPan(6, 180.5, 6, "kling-v3").model("kling-v3").orElseThrow();
    Finding finding = only(over, "kling.limb_ghosting");
    assertThat(finding.evidence().get("camera_rotation_degrees")).isEqualTo(180.5);
    assertThat(finding.evidence()).containsEntry("max_camera_rotation_degrees", 180.0);
    // 180.5° in 144 frames: 180° is first reached at frame ⌈180 / (180.5 / 144)⌉ = 144, i.e. 6 s.
    assertThat(finding.evidence()).containsEntry("rotation_reaches_limit_at_seconds", 6.0);

    // 240° in 4 s is 2.5° a frame: 180° at frame 72, 3 s in; the fix says to cut before it.
    Finding early = only(withPan(4, 240, 6, "kling-v3").model("kling-v3").orElseThrow(), "kling.limb_ghosting");
    assertThat(early.evidence()).containsEntry("rotation_reaches_limit_at_seconds", 3.0);
    assertThat(early.autoFix().detail()).contains("Cut before 3.00 s");
  }

  @Test
  void aHalfOrbitIsAOneHundredAndEightyDegreeRotation() {
    // aivid-media's orbit-180.json: look_at keyframes every 30° around (0, 1, 0), 6 s.
    StringBuilder keyframes = new StringBuilder();
    for (int step = 0; step <= 6; step++) {
      double angle = Math.toRadians(30 * step);
      keyframes.append(step == 0 ? "" : ",").append(
          String.format(
              java.util.Locale.ROOT,
              "{\"time\": %d, \"position\": [%.6f, 1.5, %.6f], \"look_at\": [0, 1, 0], \"fov\": 50}",
              step,
              5 * Math.sin(angle),
              5 * Math.cos(angle)));
    }
    byte[] orbit = ("{\"version\": 1, \"fps\": 24, \"keyframes\": [" + keyframes + "]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ModelReport kling =
        engine.run(new Stack().file(StackKind.CAMERA_PATH, "orbit.json", orbit).request("@Camera1 circles", 6, "1280x720", "kling-v3"))
            .model("kling-v3").orElseThrow();
    Finding finding = only(kling, "kling.limb_ghosting");
    assertThat(finding.evidence().get("camera_rotation_degrees")).isCloseTo(180.0, within(0.01));
    assertThat(finding.evidence()).containsEntry("rotation_reaches_limit_at_seconds", 6.0);
  }

  @Test
  void aShotShorterThanItsCameraPathOnlyCountsTheRotationInsideIt() {
    // 240° over 4 s, but a 2-second shot sees 120° of it.
    PreflightReport report = withPan(4, 240, 2, "kling-v3");
    assertThat(report.shot().cameraRotationDegrees()).isCloseTo(120.0, within(1e-3));
    assertThat(report.model("kling-v3").orElseThrow().findings())
        .noneMatch(finding -> finding.rule().equals("kling.limb_ghosting"));
  }

  @Test
  void soraLimbDiffusionFiresOnShotsOverTwelveSeconds() {
    ModelReport twelve =
        engine.run(new Stack().request("a long take", 12, "1280x720", "sora-2")).model("sora-2").orElseThrow();
    assertThat(has(twelve, "sora.limb_diffusion")).isFalse();
    assertThat(twelve.passed()).anyMatch(check -> check.rule().equals("sora.limb_diffusion"));

    ModelReport sixteen =
        engine.run(new Stack().request("a long take", 16, "1280x720", "sora-2")).model("sora-2").orElseThrow();
    Finding finding = only(sixteen, "sora.limb_diffusion");
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.evidence())
        .containsEntry("seconds", 16.0)
        .containsEntry("max_seconds", 12.0)
        .containsEntry("shots_needed", 2.0);
    assertThat(finding.autoFix().detail()).contains("8 s + 8 s");
  }

  private static byte[] walkerAlongZ(double unitsPerSecond) {
    return PreflightFixtures.rig(10, 32, time -> new double[] {0, 0, unitsPerSecond * time, 0});
  }

  /** A camera 4 units to the side, looking at the walk line (-X), trucking along Z at 1 unit/s for 10 s. */
  private static byte[] sideTruck(double direction) {
    return PreflightFixtures.truck(10, new double[] {4, 1.5, 0}, new double[] {4, 1.5, 10 * direction}, 90);
  }

  private PreflightReport seedance(byte[] rig, byte[] camera, int seconds, String prompt) {
    return engine.run(
        new Stack()
            .file(StackKind.SKELETAL_RIG, "walk.bvh", rig)
            .file(StackKind.CAMERA_PATH, "track.json", camera)
            .value(StackKind.FRAME_RATE, 32)
            .request(prompt, seconds, "1280x720", "seedance-2.0"));
  }

  @Test
  void seedanceLatentOverloadFiresWhenTheCameraTravelsAgainstTheRigOnShotsOverFiveSeconds() {
    // The rig walks -Z at one body height per second, the camera trucks +Z: 180° apart.
    PreflightReport six = seedance(walkerAlongZ(-10), sideTruck(1), 6, "@Rig1 walks, @Camera1 tracks");
    ModelReport model = six.model("seedance-2.0").orElseThrow();
    Finding finding = only(model, "seedance.latent_overload");
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.evidence())
        .containsEntry("seconds", 6.0)
        .containsEntry("min_seconds", 5.0)
        .containsEntry("travel_angle_degrees", 180.0)
        .containsEntry("min_opposition_degrees", 120.0)
        .containsEntry("camera_travel_units", 6.0)
        .containsEntry("rig_travel_body_heights", 6.0)
        .containsEntry("camera_turn_degrees", 0.0)
        .containsEntry("rig_turn_degrees", 0.0);
    assertThat(finding.autoFix().action()).isEqualTo(FixAction.SPLIT_SHOT);
    assertThat(finding.autoFix().detail()).contains("2 shots of at most 5 s (3 s + 3 s)", "drop @Camera1");
    assertThat(model.verdict()).isEqualTo(ModelVerdict.WARNINGS);

    // Five seconds is not "longer than 5": the conflict is noted, not warned about.
    ModelReport five = seedance(walkerAlongZ(-10), sideTruck(1), 5, "@Rig1 walks").model("seedance-2.0").orElseThrow();
    Finding note = only(five, "seedance.latent_overload");
    assertThat(note.severity()).isEqualTo(Severity.INFO);
    assertThat(note.autoFix()).isNull();
    assertThat(five.verdict()).isEqualTo(ModelVerdict.OK);
  }

  @Test
  void aCameraTrackingAlongsideTheRigDoesNotContradictIt() {
    ModelReport model =
        seedance(walkerAlongZ(10), sideTruck(1), 6, "@Rig1 walks").model("seedance-2.0").orElseThrow();
    assertThat(has(model, "seedance.latent_overload")).isFalse();
    Check check =
        model.passed().stream().filter(passed -> passed.rule().equals("seedance.latent_overload")).findFirst().orElseThrow();
    assertThat(check.evidence()).containsEntry("travel_angle_degrees", 0.0).containsEntry("camera_travel_units", 6.0);
    assertThat(check.note()).contains("agree");
  }

  @Test
  void opposedTurnsContradictEvenWithoutTravel() {
    // The rig turns left 90° on the spot over 6 s while the camera pans right 90°.
    byte[] turning = PreflightFixtures.rig(6, 32, time -> new double[] {0, 0, 0, 15 * time});
    ModelReport model =
        seedance(turning, PreflightFixtures.pan(6, -90, 50), 6, "@Rig1 turns").model("seedance-2.0").orElseThrow();
    Finding finding = only(model, "seedance.latent_overload");
    assertThat(finding.evidence().get("camera_turn_degrees")).isCloseTo(-90.0, within(1e-3));
    assertThat(finding.evidence().get("rig_turn_degrees")).isCloseTo(90.0, within(1e-3));
    assertThat(finding.evidence()).containsEntry("min_turn_degrees", 45.0);
    assertThat(finding.message()).contains("@Camera1 turns -90°", "@Rig1 turns +90°");

    // Turning the same way is no contradiction.
    ModelReport same =
        seedance(turning, PreflightFixtures.pan(6, 90, 50), 6, "@Rig1 turns").model("seedance-2.0").orElseThrow();
    assertThat(has(same, "seedance.latent_overload")).isFalse();
  }

  @Test
  void clothDesyncNeedsARigTheModelKeepsAndAHighWindWord() {
    byte[] rig = walkerAlongZ(5);
    PreflightReport storm =
        engine.run(
            new Stack()
                .file(StackKind.SKELETAL_RIG, "walk.bvh", rig)
                .request("@Rig1 leans into the storm, coat wind-blown", 4, "1280x720", "seedance-2.0", "kling-v3"));
    Finding finding = only(storm.model("seedance-2.0").orElseThrow(), "cloth_desync");
    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.evidence()).containsEntry("wind_words", 2.0).containsEntry("rigs_kept", 1.0);
    assertThat(finding.message()).contains("'storm', 'wind'");
    assertThat(finding.autoFix().action()).isEqualTo(FixAction.DROP_CONTROL);
    assertThat(finding.autoFix().detail()).contains("Drop @Rig1");
    // Kling drops the rig, so the cloth is not tied to it.
    assertThat(has(storm.model("kling-v3").orElseThrow(), "cloth_desync")).isFalse();

    PreflightReport calm =
        engine.run(
            new Stack()
                .file(StackKind.SKELETAL_RIG, "walk.bvh", rig)
                .request("@Rig1 walks past the shop windows", 4, "1280x720", "seedance-2.0"));
    assertThat(has(calm.model("seedance-2.0").orElseThrow(), "cloth_desync")).isFalse();
  }

  @Test
  void thresholdsAreCatalogData() {
    var json = PreflightFixtures.catalogJson();
    PreflightFixtures.rule(json, "kling-v3", "kling.mesh_bleeding").put("max_screen_speed_pixels_per_second", 500);
    PreflightFixtures.rule(json, "kling-v3", "kling.limb_ghosting").put("max_seconds", 3);
    PreflightEngine strict = new PreflightEngine(Catalog.parse(json));
    PreflightReport report =
        strict.run(
            new Stack()
                .file(StackKind.SKELETAL_RIG, "run.bvh", walker(13.75, 6))
                .value(StackKind.FRAME_RATE, 32)
                .request("@Rig1 sprints", 4, "1280x720", "kling-v3"));
    ModelReport kling = report.model("kling-v3").orElseThrow();
    assertThat(only(kling, "kling.mesh_bleeding").evidence())
        .containsEntry("subject_peak_screen_speed_pixels_per_second", 594.0)
        .containsEntry("max_screen_speed_pixels_per_second", 500.0);
    assertThat(only(kling, "kling.limb_ghosting").evidence()).containsEntry("max_seconds", 3.0);
  }

  @Test
  void theSeedanceLimitsAndRulesComeFromTheBrief() {
    Catalog catalog = PreflightFixtures.catalog();
    assertThat(catalog.find("seedance-2.0").orElseThrow().capabilities().maxInputs()).isEqualTo(12);
    assertThat(catalog.find("kling-v3").orElseThrow().capabilities().maxInputs()).isEqualTo(8);
    assertThat(catalog.find("sora-2").orElseThrow().capabilities().maxInputs()).isEqualTo(5);
    assertThat(catalog.find("kling-v3").orElseThrow().quality().motionFluidity()).isEqualTo(9.6);
    assertThat(catalog.find("sora-2").orElseThrow().quality().temporalConsistency()).isEqualTo(9.4);
    assertThat(catalog.find("seedance-2.0").orElseThrow().quality().temporalConsistency()).isEqualTo(8.7);
    assertThat(catalog.find("seedance-2.0").orElseThrow().preflightRules())
        .extracting(rule -> rule.rule())
        .containsExactly("seedance.latent_overload", "cloth_desync");
    assertThat(catalog.find("kling-3.0")).isPresent();
    assertThat(List.of("kling.mesh_bleeding", "kling.limb_ghosting"))
        .isEqualTo(catalog.find("kling-v3").orElseThrow().preflightRules().stream().map(rule -> rule.rule()).toList());
  }
}
