package dev.aivid.preflight.internal;

import dev.aivid.catalog.CatalogException;
import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.PreflightRuleConfig;
import dev.aivid.preflight.AutoFix;
import dev.aivid.preflight.Check;
import dev.aivid.preflight.Finding;
import dev.aivid.preflight.FixAction;
import dev.aivid.preflight.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The artifact rules of the brief, each driven by thresholds from the catalog. Definitions and the
 * reasons behind them are in docs/preflight.md; every finding carries the numbers it was decided on.
 */
public final class RuleBook {
  public static final String MESH_BLEEDING = "kling.mesh_bleeding";
  public static final String LIMB_GHOSTING = "kling.limb_ghosting";
  public static final String LIMB_DIFFUSION = "sora.limb_diffusion";
  public static final String LATENT_OVERLOAD = "seedance.latent_overload";
  public static final String CLOTH_DESYNC = "cloth_desync";

  private static final Map<String, List<String>> REQUIRED =
      Map.of(
          MESH_BLEEDING, List.of("max_screen_speed_pixels_per_second", "subject_height_share_of_frame"),
          LIMB_GHOSTING, List.of("max_seconds", "max_camera_rotation_degrees"),
          LIMB_DIFFUSION, List.of("max_seconds"),
          LATENT_OVERLOAD,
              List.of(
                  "min_seconds",
                  "min_opposition_degrees",
                  "min_camera_travel_units",
                  "min_rig_travel_body_heights",
                  "min_turn_degrees"),
          CLOTH_DESYNC, List.of());

  /** Sums of many small angle steps carry rounding; this much short of a limit still reaches it. */
  static final double ANGLE_TOLERANCE_DEGREES = 1e-6;

  private RuleBook() {}

  /** Fails at startup on an unknown rule id, a missing or non-positive threshold, or no words. */
  public static void validate(CatalogModel model) {
    for (PreflightRuleConfig config : model.preflightRules()) {
      List<String> required = REQUIRED.get(config.rule());
      if (required == null) {
        throw new CatalogException(
            "invalid_preflight_rule",
            model.id() + ": unknown preflight rule '" + config.rule() + "'; known rules are " + REQUIRED.keySet());
      }
      for (String name : required) {
        double value = config.threshold(name).orElse(Double.NaN);
        if (!(value > 0) || Double.isInfinite(value)) {
          throw new CatalogException(
              "invalid_preflight_rule",
              model.id() + ": rule " + config.rule() + " needs a positive number '" + name + "'");
        }
      }
      if (config.rule().equals(CLOTH_DESYNC) && config.words().isEmpty()) {
        throw new CatalogException(
            "invalid_preflight_rule", model.id() + ": rule " + CLOTH_DESYNC + " needs a non-empty 'words' list");
      }
    }
  }

  /** What the rules of one model found, and which of them ran clean. */
  public record Results(List<Finding> findings, List<Check> passed) {
    void pass(String rule, String note, Map<String, Double> evidence) {
      passed.add(new Check(rule, note, evidence));
    }

    void add(Finding finding) {
      findings.add(finding);
    }
  }

  public static Results evaluate(RuleContext context) {
    Results findings = new Results(new ArrayList<>(), new ArrayList<>());
    for (PreflightRuleConfig config : context.model().preflightRules()) {
      switch (config.rule()) {
        case MESH_BLEEDING -> meshBleeding(context, config, findings);
        case LIMB_GHOSTING -> limbGhosting(context, config, findings);
        case LIMB_DIFFUSION -> limbDiffusion(context, config, findings);
        case LATENT_OVERLOAD -> latentOverload(context, config, findings);
        case CLOTH_DESYNC -> clothDesync(context, config, findings);
        default -> throw new IllegalStateException("validated at startup: " + config.rule());
      }
    }
    return new Results(List.copyOf(findings.findings()), List.copyOf(findings.passed()));
  }

  /**
   * Subject or camera faster than the limit on screen. The rig counts even when the model drops it:
   * it describes the action the shot asks for, which the model still has to render. The camera counts
   * when the model keeps the path (honoured or approximated).
   */
  private static void meshBleeding(RuleContext context, PreflightRuleConfig config, Results findings) {
    double limit = threshold(config, "max_screen_speed_pixels_per_second");
    double share = threshold(config, "subject_height_share_of_frame");
    String name = context.model().displayName();
    boolean checked = false;
    for (Sized<RigFigures> rig : context.material().rigs()) {
      checked = true;
      double speed = rig.figures().peakScreenSpeedPixelsPerSecond(share, context.size().height());
      if (speed <= limit) {
        findings.pass(
            MESH_BLEEDING,
            String.format(
                Locale.ROOT,
                "the subject of %s peaks at %.1f px/s, within %s px/s",
                rig.input().mention(),
                speed,
                number(limit)),
            evidence(
                "subject_peak_screen_speed_pixels_per_second", round(speed),
                "max_screen_speed_pixels_per_second", limit));
      } else {
        double factor = limit / speed;
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("subject_peak_screen_speed_pixels_per_second", round(speed));
        evidence.put("max_screen_speed_pixels_per_second", limit);
        evidence.put("subject_peak_at_seconds", round(rig.figures().peakAtSeconds()));
        evidence.put("subject_peak_body_heights_per_second", round(rig.figures().peakBodyHeightsPerSecond()));
        evidence.put("subject_height_share_of_frame", share);
        evidence.put("frame_height_pixels", (double) context.size().height());
        evidence.put("speed_factor_needed", floor3(factor));
        findings.add(
            new Finding(
                MESH_BLEEDING,
                Severity.WARNING,
                String.format(
                    Locale.ROOT,
                    "The subject of %s moves %.1f px/s on screen at %.2f s; %s mesh-bleeds above %s px/s"
                        + " (overlapping objects fuse).",
                    rig.input().label(),
                    speed,
                    rig.figures().peakAtSeconds(),
                    name,
                    number(limit)),
                evidence,
                new AutoFix(
                    FixAction.REDUCE_SPEED,
                    String.format(
                        Locale.ROOT,
                        "Play %s at %.2f× speed or frame the subject at most %.0f%% of the frame height%s.",
                        rig.input().mention(),
                        floor2(factor),
                        Math.floor(share * factor * 100),
                        orRoute(context)))));
      }
    }
    for (Sized<CameraFigures> camera : context.material().cameras()) {
      if (!context.keeps(camera.input())) {
        continue;
      }
      checked = true;
      double speed = camera.figures().peakScreenSpeedPixelsPerSecond();
      if (speed <= limit) {
        findings.pass(
            MESH_BLEEDING,
            String.format(
                Locale.ROOT,
                "%s peaks at %.1f px/s on screen, within %s px/s",
                camera.input().mention(),
                speed,
                number(limit)),
            evidence(
                "camera_peak_screen_speed_pixels_per_second", round(speed),
                "max_screen_speed_pixels_per_second", limit));
      } else {
        double stretched = camera.figures().pathSeconds() * speed / limit;
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("camera_peak_screen_speed_pixels_per_second", round(speed));
        evidence.put("max_screen_speed_pixels_per_second", limit);
        evidence.put("camera_mean_screen_speed_pixels_per_second", round(camera.figures().meanScreenSpeedPixelsPerSecond()));
        evidence.put("camera_path_seconds", round(camera.figures().pathSeconds()));
        evidence.put("speed_factor_needed", floor3(limit / speed));
        findings.add(
            new Finding(
                MESH_BLEEDING,
                Severity.WARNING,
                String.format(
                    Locale.ROOT,
                    "%s sweeps the frame at up to %.1f px/s; %s mesh-bleeds above %s px/s.",
                    camera.input().label(),
                    speed,
                    name,
                    number(limit)),
                evidence,
                new AutoFix(
                    FixAction.REDUCE_SPEED,
                    String.format(
                        Locale.ROOT,
                        "Slow %s: stretch it from %s s to at least %.1f s%s.",
                        camera.input().mention(),
                        number(camera.figures().pathSeconds()),
                        Math.ceil(stretched * 10) / 10,
                        orRoute(context)))));
      }
    }
    if (!checked) {
      findings.pass(MESH_BLEEDING, "nothing to check: no rig, and no camera path this model keeps", Map.of());
    }
  }

  /** Shots longer than the limit, or a camera that turns the limit or more within the shot. */
  private static void limbGhosting(RuleContext context, PreflightRuleConfig config, Results findings) {
    double maxSeconds = threshold(config, "max_seconds");
    double maxRotation = threshold(config, "max_camera_rotation_degrees");
    String name = context.model().displayName();
    if (context.seconds() > maxSeconds) {
      int shots = (int) Math.ceil(context.seconds() / maxSeconds);
      Map<String, Double> evidence = new LinkedHashMap<>();
      evidence.put("seconds", (double) context.seconds());
      evidence.put("max_seconds", maxSeconds);
      evidence.put("shots_needed", (double) shots);
      findings.add(
          new Finding(
              LIMB_GHOSTING,
              Severity.WARNING,
              String.format(
                  Locale.ROOT,
                  "The shot is %d s; %s ghosts limbs in shots over %s s.",
                  context.seconds(),
                  name,
                  number(maxSeconds)),
              evidence,
              new AutoFix(
                  FixAction.SPLIT_SHOT,
                  "Split it into " + shots + " shots of at most " + number(maxSeconds) + " s ("
                      + splitExample(context.seconds(), shots) + ")" + orRoute(context) + ".")));
    } else {
      findings.pass(
          LIMB_GHOSTING,
          "the shot is " + context.seconds() + " s, within " + number(maxSeconds) + " s",
          evidence("seconds", context.seconds(), "max_seconds", maxSeconds));
    }
    for (Sized<CameraFigures> camera : context.material().cameras()) {
      if (!context.keeps(camera.input())) {
        continue;
      }
      double rotation = camera.figures().totalYawDegrees();
      // A 180° orbit sums to 179.999…° in floating point; it is still a 180° rotation.
      if (rotation < maxRotation - ANGLE_TOLERANCE_DEGREES) {
        findings.pass(
            LIMB_GHOSTING,
            String.format(
                Locale.ROOT, "%s turns %.1f°, under %s°", camera.input().mention(), rotation, number(maxRotation)),
            evidence("camera_rotation_degrees", round(rotation), "max_camera_rotation_degrees", maxRotation));
      } else {
        double reachedAt = camera.figures().secondsWhenYawReaches(maxRotation - ANGLE_TOLERANCE_DEGREES);
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("camera_rotation_degrees", round(rotation));
        evidence.put("max_camera_rotation_degrees", maxRotation);
        evidence.put("rotation_reaches_limit_at_seconds", round(reachedAt));
        evidence.put("window_seconds", round(camera.figures().windowSeconds()));
        findings.add(
            new Finding(
                LIMB_GHOSTING,
                Severity.WARNING,
                String.format(
                    Locale.ROOT,
                    "%s turns %.1f° within the shot; %s clips limbs on camera rotations of %s° or more.",
                    camera.input().label(),
                    rotation,
                    name,
                    number(maxRotation)),
                evidence,
                new AutoFix(
                    FixAction.SPLIT_SHOT,
                    String.format(
                        Locale.ROOT,
                        "Cut before %.2f s, where the camera has turned %s°, and continue in a second shot%s.",
                        reachedAt,
                        number(maxRotation),
                        orRoute(context)))));
      }
    }
  }

  private static void limbDiffusion(RuleContext context, PreflightRuleConfig config, Results findings) {
    double maxSeconds = threshold(config, "max_seconds");
    if (context.seconds() <= maxSeconds) {
      findings.pass(
          LIMB_DIFFUSION,
          "the shot is " + context.seconds() + " s, within " + number(maxSeconds) + " s",
          evidence("seconds", context.seconds(), "max_seconds", maxSeconds));
      return;
    }
    int shots = (int) Math.ceil(context.seconds() / maxSeconds);
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("seconds", (double) context.seconds());
    evidence.put("max_seconds", maxSeconds);
    evidence.put("shots_needed", (double) shots);
    findings.add(
        new Finding(
            LIMB_DIFFUSION,
            Severity.WARNING,
            String.format(
                Locale.ROOT,
                "The shot is %d s; %s loses skeletal integrity (limb diffusion) in clips over %s s.",
                context.seconds(),
                context.model().displayName(),
                number(maxSeconds)),
            evidence,
            new AutoFix(
                FixAction.SPLIT_SHOT,
                "Split it into " + shots + " shots of at most " + number(maxSeconds) + " s ("
                    + splitExample(context.seconds(), shots) + ")" + orRoute(context) + ".")));
  }

  /**
   * A camera path and a rig contradict each other when, over the shot, (a) both travel (camera at
   * least {@code min_camera_travel_units}, rig root at least {@code min_rig_travel_body_heights}) and
   * their horizontal directions are at least {@code min_opposition_degrees} apart, or (b) both turn
   * at least {@code min_turn_degrees} about the vertical, in opposite senses. Both files are taken to
   * share the world's axes (+Y up, as BVH and AIVid camera paths both are). A contradiction warns on
   * shots longer than {@code min_seconds} and is noted (info) on shorter ones.
   */
  private static void latentOverload(RuleContext context, PreflightRuleConfig config, Results findings) {
    double minSeconds = threshold(config, "min_seconds");
    double minOpposition = threshold(config, "min_opposition_degrees");
    double minCameraTravel = threshold(config, "min_camera_travel_units");
    double minRigTravel = threshold(config, "min_rig_travel_body_heights");
    double minTurn = threshold(config, "min_turn_degrees");
    boolean checked = false;
    for (Sized<CameraFigures> camera : context.material().cameras()) {
      if (!context.keeps(camera.input())) {
        continue;
      }
      for (Sized<RigFigures> rig : context.material().rigs()) {
        if (!context.keeps(rig.input())) {
          continue;
        }
        CameraFigures path = camera.figures();
        RigFigures motion = rig.figures();
        boolean bothTravel = path.travelUnits() >= minCameraTravel && motion.travelBodyHeights() >= minRigTravel;
        double angle = bothTravel ? angleBetween(path.travelX(), path.travelZ(), motion.travelX(), motion.travelZ()) : 0;
        boolean opposedTravel = bothTravel && angle >= minOpposition;
        boolean opposedTurn =
            Math.abs(path.turnDegrees()) >= minTurn
                && Math.abs(motion.turnDegrees()) >= minTurn
                && Math.signum(path.turnDegrees()) != Math.signum(motion.turnDegrees());
        checked = true;
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("seconds", (double) context.seconds());
        evidence.put("min_seconds", minSeconds);
        evidence.put("travel_angle_degrees", round(angle));
        evidence.put("min_opposition_degrees", minOpposition);
        evidence.put("camera_travel_units", round(path.travelUnits()));
        evidence.put("rig_travel_body_heights", round(motion.travelBodyHeights()));
        evidence.put("camera_turn_degrees", round(path.turnDegrees()));
        evidence.put("rig_turn_degrees", round(motion.turnDegrees()));
        evidence.put("min_turn_degrees", minTurn);
        if (!opposedTravel && !opposedTurn) {
          findings.pass(
              LATENT_OVERLOAD,
              String.format(
                  Locale.ROOT,
                  "%s and %s agree: %s; the camera turns %+.0f°, the rig %+.0f°",
                  camera.input().mention(),
                  rig.input().mention(),
                  bothTravel
                      ? String.format(Locale.ROOT, "they travel %.0f° apart", angle)
                      : "they do not both travel",
                  path.turnDegrees(),
                  motion.turnDegrees()),
              evidence);
          continue;
        }
        String why =
            opposedTravel
                ? String.format(
                    Locale.ROOT,
                    "%s travels %.2f units while %s travels %.2f body heights %.0f° away from that direction",
                    camera.input().mention(),
                    path.travelUnits(),
                    rig.input().mention(),
                    motion.travelBodyHeights(),
                    angle)
                : String.format(
                    Locale.ROOT,
                    "%s turns %+.0f° while %s turns %+.0f°",
                    camera.input().mention(),
                    path.turnDegrees(),
                    rig.input().mention(),
                    motion.turnDegrees());
        boolean long_ = context.seconds() > minSeconds;
        int shots = (int) Math.ceil(context.seconds() / minSeconds);
        findings.add(
            new Finding(
                LATENT_OVERLOAD,
                long_ ? Severity.WARNING : Severity.INFO,
                long_
                    ? String.format(
                        Locale.ROOT,
                        "The camera path and the rig contradict each other: %s. On a %d s shot (over %s s) %s"
                            + " warps the geometry (latent overload).",
                        why,
                        context.seconds(),
                        number(minSeconds),
                        context.model().displayName())
                    : String.format(
                        Locale.ROOT,
                        "The camera path and the rig contradict each other (%s), but at %d s (at most %s s) %s"
                            + " holds; keep the shot this short.",
                        why,
                        context.seconds(),
                        number(minSeconds),
                        context.model().displayName()),
                evidence,
                long_
                    ? new AutoFix(
                        FixAction.SPLIT_SHOT,
                        "Split it into " + shots + " shots of at most " + number(minSeconds) + " s ("
                            + splitExample(context.seconds(), shots) + "), or drop "
                            + camera.input().mention() + " and let " + rig.input().mention() + " lead.")
                    : null));
      }
    }
    if (!checked) {
      findings.pass(LATENT_OVERLOAD, "nothing to check: this model does not keep both a camera path and a rig", Map.of());
    }
  }

  /** A rig the model keeps, and a prompt with high-wind words: cloth detaches from the body. */
  private static void clothDesync(RuleContext context, PreflightRuleConfig config, Results findings) {
    List<Sized<RigFigures>> rigs = context.material().rigs();
    String rigMention = null;
    for (Sized<RigFigures> rig : rigs) {
      if (context.keeps(rig.input())) {
        rigMention = rig.input().mention();
        break;
      }
    }
    if (rigMention == null) {
      findings.pass(CLOTH_DESYNC, "nothing to check: this model keeps no skeletal rig", Map.of());
      return;
    }
    Set<String> words = new LinkedHashSet<>();
    config.words().forEach(word -> words.add(word.toLowerCase(Locale.ROOT)));
    Set<String> found = new LinkedHashSet<>();
    int count = 0;
    for (String token : context.prompt().toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (words.contains(token)) {
        found.add(token);
        count++;
      }
    }
    if (found.isEmpty()) {
      findings.pass(CLOTH_DESYNC, "the prompt has no high-wind words", evidence("wind_words", 0));
      return;
    }
    Map<String, Double> evidence = new LinkedHashMap<>();
    evidence.put("wind_words", (double) count);
    evidence.put("rigs_kept", (double) rigs.stream().filter(rig -> context.keeps(rig.input())).count());
    String quoted = "'" + String.join("', '", found) + "'";
    findings.add(
        new Finding(
            CLOTH_DESYNC,
            Severity.WARNING,
            "The prompt asks for high wind (" + quoted + ") on a rigged character (" + rigMention + "); "
                + context.model().displayName() + " desyncs fabric from skeletal rigs in high wind, so clothing"
                + " can detach from the body.",
            evidence,
            new AutoFix(
                FixAction.DROP_CONTROL,
                "Drop " + rigMention + " for this shot (the cloth then follows the wind), or take " + quoted
                    + " out of the prompt.")));
  }

  private static Map<String, Double> evidence(Object... namesAndValues) {
    Map<String, Double> evidence = new LinkedHashMap<>();
    for (int index = 0; index < namesAndValues.length; index += 2) {
      evidence.put((String) namesAndValues[index], ((Number) namesAndValues[index + 1]).doubleValue());
    }
    return evidence;
  }

  private static String orRoute(RuleContext context) {
    return context.alternative() == null ? "" : ", or route the shot to " + context.alternative();
  }

  static String splitExample(int seconds, int shots) {
    List<String> parts = new ArrayList<>();
    int base = seconds / shots;
    int extra = seconds % shots;
    for (int shot = 0; shot < shots; shot++) {
      parts.add((base + (shot < extra ? 1 : 0)) + " s");
    }
    return String.join(" + ", parts);
  }

  /** Unsigned angle between two horizontal directions, 0..180. */
  static double angleBetween(double ax, double az, double bx, double bz) {
    double cross = ax * bz - az * bx;
    double dot = ax * bx + az * bz;
    return Math.toDegrees(Math.abs(Math.atan2(cross, dot)));
  }

  private static double threshold(PreflightRuleConfig config, String name) {
    return config.threshold(name).orElseThrow(() -> new IllegalStateException("validated at startup: " + name));
  }

  public static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static double floor3(double value) {
    return Math.floor(value * 1000) / 1000.0;
  }

  private static double floor2(double value) {
    return Math.floor(value * 100) / 100.0;
  }

  public static String number(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
