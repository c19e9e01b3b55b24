package dev.aivid.media.scene;

import dev.aivid.media.camera.CameraKeyframe;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.Easing;
import dev.aivid.media.camera.Quaternion;
import dev.aivid.media.camera.Vector3;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The default camera move when a shot has no camera path, read from the prompt's camera words. The camera starts at
 * eye height ({@value #EYE_HEIGHT} units) at the origin looking along -Z with a {@value #FIELD_OF_VIEW_DEGREES}°
 * vertical field of view, and moves with ease-in-out over the whole shot. Recognised (any case, several combine):
 *
 * <ul>
 *   <li>"pan left/right" ({@value #PAN_DEGREES}°; a bare "pan" goes right), "tilt up/down" ({@value #TILT_DEGREES}°)
 *   <li>"push in", "dolly in", "push forward" and "pull out/back", "dolly out" ({@value #PUSH_UNITS} units)
 *   <li>"truck/track/crab left/right" ({@value #TRUCK_UNITS} units), "crane/boom/pedestal up/down"
 *       ({@value #CRANE_UNITS} units)
 *   <li>"orbit"/"arc" (left/right, right by default): {@value #ORBIT_DEGREES}° around the point at subject depth
 *   <li>"zoom in/out" (field of view × {@value #ZOOM_IN_FACTOR} / × {@value #ZOOM_OUT_FACTOR})
 *   <li>"static", "locked off", "still camera": no move
 * </ul>
 *
 * "slow"/"gentle"/"subtle" halve the amounts, "fast"/"quick"/"rapid"/"whip" double them. Without any camera word the
 * camera makes a slow push-in. The move's size does not depend on the shot's length.
 */
public final class CameraMoves {

  public static final double EYE_HEIGHT = 1.5;
  public static final double FIELD_OF_VIEW_DEGREES = 40;
  public static final double PAN_DEGREES = 20;
  public static final double TILT_DEGREES = 10;
  public static final double PUSH_UNITS = 2;
  public static final double TRUCK_UNITS = 1.5;
  public static final double CRANE_UNITS = 1;
  public static final double ORBIT_DEGREES = 30;
  public static final double ZOOM_IN_FACTOR = 0.7;
  public static final double ZOOM_OUT_FACTOR = 1.35;

  /** Keyframes sampled along the move; linear between them, so an orbit follows its arc within millimetres. */
  private static final int SEGMENTS = 12;

  private static final Pattern SLOW = words("slow(ly)?|gentl[ey]|subtle|subtly");
  private static final Pattern FAST = words("fast|quick(ly)?|rapid(ly)?|whip");
  private static final Pattern STATIC = words("static|locked[- ]off|still camera|no camera move(ment)?");
  private static final Pattern PAN = words("pan(s|ning|ned)?(\\s+(to\\s+the\\s+)?(?<direction>left|right))?");
  private static final Pattern TILT = words("tilt(s|ing|ed)?\\s+(?<direction>up|down)");
  private static final Pattern PUSH = words("(push(es|ing|ed)?|dolly(ing)?)[- ]?in|push(es|ing|ed)?[- ]?forward");
  private static final Pattern PULL = words("(pull(s|ing|ed)?[- ]?(out|back)|dolly(ing)?[- ]?(out|back))");
  private static final Pattern TRUCK = words("(truck(s|ing)?|track(s|ing)?|crab(s|bing)?)\\s+(?<direction>left|right)");
  private static final Pattern CRANE = words("(crane(s|ing)?|boom(s|ing)?|pedestal(s|ing)?)\\s+(?<direction>up|down)");
  private static final Pattern ORBIT = words(
      "(orbit(s|ing)?|arc(s|ing)?|circl(e|es|ing)\\s+around)(\\s+(to\\s+the\\s+)?(?<direction>left|right))?");
  private static final Pattern ZOOM = words("zoom(s|ing)?[- ]?(?<direction>in|out)");

  private CameraMoves() {}

  /** The move the prompt's words ask for, lasting {@code seconds}. */
  public static CameraPath fromPrompt(String prompt, double seconds) {
    Objects.requireNonNull(prompt, "prompt");
    if (!(seconds > 0 && seconds <= CameraPath.MAX_DURATION_SECONDS)) {
      throw new IllegalArgumentException(
          "seconds must be within (0, " + CameraPath.MAX_DURATION_SECONDS + "], was " + seconds);
    }
    String text = prompt.toLowerCase(Locale.ROOT);
    if (STATIC.matcher(text).find()) {
      return new CameraPath(null, List.of(keyframe(0, Move.NONE, 0, Easing.LINEAR)));
    }
    Move move = read(text);
    if (move.equals(Move.NONE)) {
      move = new Move(0, 0, PUSH_UNITS / 2, 0, 0, 0, 1);
    }
    List<CameraKeyframe> keyframes = new ArrayList<>(SEGMENTS + 1);
    for (int step = 0; step <= SEGMENTS; step++) {
      double fraction = step / (double) SEGMENTS;
      keyframes.add(keyframe(seconds * fraction, move, Easing.EASE_IN_OUT.apply(fraction), Easing.LINEAR));
    }
    return new CameraPath(null, keyframes);
  }

  /** Amounts reached at the end of the move. */
  private record Move(
      double panDegrees,
      double tiltDegrees,
      double pushUnits,
      double truckUnits,
      double craneUnits,
      double orbitDegrees,
      double fieldOfViewFactor) {
    static final Move NONE = new Move(0, 0, 0, 0, 0, 0, 1);
  }

  private static Move read(String text) {
    double scale = SLOW.matcher(text).find() ? 0.5 : FAST.matcher(text).find() ? 2 : 1;
    double pan = 0;
    var pans = PAN.matcher(text);
    if (pans.find()) {
      pan = "left".equals(pans.group("direction")) ? PAN_DEGREES : -PAN_DEGREES;
    }
    double tilt = signed(TILT, text, "up", TILT_DEGREES);
    double push = PUSH.matcher(text).find() ? PUSH_UNITS : PULL.matcher(text).find() ? -PUSH_UNITS : 0;
    double truck = signed(TRUCK, text, "right", TRUCK_UNITS);
    double crane = signed(CRANE, text, "up", CRANE_UNITS);
    double orbit = 0;
    var orbits = ORBIT.matcher(text);
    if (orbits.find()) {
      orbit = "left".equals(orbits.group("direction")) ? -ORBIT_DEGREES : ORBIT_DEGREES;
    }
    double zoom = 1;
    var zooms = ZOOM.matcher(text);
    if (zooms.find()) {
      zoom = "in".equals(zooms.group("direction")) ? ZOOM_IN_FACTOR : ZOOM_OUT_FACTOR;
      zoom = Math.pow(zoom, scale);
    }
    return new Move(pan * scale, tilt * scale, push * scale, truck * scale, crane * scale, orbit * scale, zoom);
  }

  private static double signed(Pattern pattern, String text, String positive, double amount) {
    var matcher = pattern.matcher(text);
    if (!matcher.find()) {
      return 0;
    }
    return positive.equals(matcher.group("direction")) ? amount : -amount;
  }

  private static CameraKeyframe keyframe(double timeSeconds, Move move, double progress, Easing easing) {
    // An orbit to the right swings the camera to +X around the subject while turning left to keep facing it.
    double orbitRadians = Math.toRadians(move.orbitDegrees * progress);
    double pivotDistance = LayerRole.SUBJECT.defaultDepth();
    double x = pivotDistance * Math.sin(orbitRadians) + move.truckUnits * progress;
    double z = -pivotDistance + pivotDistance * Math.cos(orbitRadians) - move.pushUnits * progress;
    double y = EYE_HEIGHT + move.craneUnits * progress;
    double yaw = move.panDegrees * progress + move.orbitDegrees * progress;
    double pitch = move.tiltDegrees * progress;
    Quaternion orientation = Quaternion.fromAxisAngle(Vector3.UP, yaw)
        .multiply(Quaternion.fromAxisAngle(new Vector3(1, 0, 0), pitch))
        .normalised();
    double fieldOfView = FIELD_OF_VIEW_DEGREES * Math.pow(move.fieldOfViewFactor, progress);
    return new CameraKeyframe(timeSeconds, new Vector3(x, y, z), orientation, null, fieldOfView, easing);
  }

  private static Pattern words(String alternatives) {
    return Pattern.compile("\\b(" + alternatives + ")\\b");
  }
}
