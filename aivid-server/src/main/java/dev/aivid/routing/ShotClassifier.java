package dev.aivid.routing;

import dev.aivid.preflight.ShotFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Environment (backgrounds, establishing shots: temporal consistency matters) or high motion
 * (athletics, action: motion fluidity matters), from the stack's measured motion and the prompt's
 * words. Measured motion wins: a rig, or a camera faster than preflight's threshold, is high motion
 * whatever the words say.
 */
public final class ShotClassifier {
  public static final String HIGH_MOTION = "high_motion";
  public static final String ENVIRONMENT = "environment";

  private static final Set<String> MOTION_WORDS =
      Set.of(
          "sprint", "sprints", "sprinting", "run", "runs", "running", "chase", "chases", "chasing",
          "fight", "fights", "fighting", "jump", "jumps", "jumping", "leap", "leaps", "leaping",
          "dance", "dances", "dancing", "parkour", "race", "races", "racing", "kick", "kicks",
          "punch", "punches", "spin", "spins", "spinning", "flip", "flips", "tumble", "tumbles",
          "skate", "skates", "skating", "surf", "surfs", "surfing", "dash", "dashes", "athlete",
          "athletic", "athletics", "acrobatic", "acrobatics", "explosion", "explodes", "crash",
          "crashes", "stunt", "fast", "rapid", "rapidly", "whip", "swing", "swings", "battle");
  private static final Set<String> ENVIRONMENT_WORDS =
      Set.of(
          "cityscape", "skyline", "landscape", "establishing", "aerial", "panorama", "panoramic",
          "vista", "background", "backdrop", "scenery", "environment", "wide", "horizon", "city",
          "streets", "street", "mountains", "mountain", "ocean", "forest", "desert", "sunset",
          "sunrise", "timelapse", "time-lapse", "architecture", "interior", "exterior", "still",
          "static", "calm", "slowly", "slow");
  private static final Pattern WORD = Pattern.compile("[\\p{L}-]+");

  private ShotClassifier() {}

  public record Classification(String shotClass, List<String> cues) {
    public Classification {
      cues = List.copyOf(cues);
    }
  }

  public static Classification classify(String prompt, ShotFigures figures) {
    List<String> cues = new ArrayList<>();
    if (figures.subjectPeakScreenSpeedPixelsPerSecond() != null) {
      cues.add(String.format(Locale.ROOT, "skeletal rig moving up to %.0f px/s", figures.subjectPeakScreenSpeedPixelsPerSecond()));
    }
    Double camera = figures.cameraPeakScreenSpeedPixelsPerSecond();
    if (camera != null) {
      cues.add(String.format(Locale.ROOT, "camera path up to %.0f px/s", camera));
    }
    if (figures.shotClass().equals(HIGH_MOTION)) {
      return new Classification(HIGH_MOTION, cues);
    }
    List<String> motion = new ArrayList<>();
    List<String> environment = new ArrayList<>();
    Matcher matcher = WORD.matcher(prompt.toLowerCase(Locale.ROOT));
    while (matcher.find()) {
      String word = matcher.group();
      if (MOTION_WORDS.contains(word) && !motion.contains(word)) {
        motion.add(word);
      } else if (ENVIRONMENT_WORDS.contains(word) && !environment.contains(word)) {
        environment.add(word);
      }
    }
    if (!motion.isEmpty()) {
      cues.add("motion words in the prompt: " + String.join(", ", motion));
    }
    if (!environment.isEmpty()) {
      cues.add("environment words in the prompt: " + String.join(", ", environment));
    }
    // Motion words outweigh scenery words: a sprint through a city is an athletics shot.
    String shotClass = motion.size() * 2 > environment.size() && !motion.isEmpty() ? HIGH_MOTION : ENVIRONMENT;
    if (cues.isEmpty()) {
      cues.add("no rig, no fast camera and no motion words: treated as an environment shot");
    }
    return new Classification(shotClass, cues);
  }
}
