package dev.aivid.providers.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a prompt into movement and environment clauses for the spatio-temporal header, with a
 * small fixed vocabulary so the same prompt always gives the same header.
 *
 * <p>A clause is the text between sentence ends ({@code . ! ? ;}), commas and line breaks. A clause
 * holding a verb of motion or a camera word is movement; otherwise one holding a setting, light,
 * weather, time-of-day or place word is environment; anything else (who the subject is, what it
 * wears) is neither and lives only in the prompt itself. Words are matched after stripping the
 * regular English endings (-s, -es, -ies, -ed, -ing, a doubled final consonant).
 *
 * <p>A movement clause that ends in a setting ("A kite swoops | over a misty park at dusk") is cut
 * at the first preposition whose tail names a setting and no motion: the head is movement, the tail
 * environment. Stack @mentions ({@code @Camera1}) are kept in the text but never classified.
 */
final class PromptClauses {
  private static final Pattern CLAUSE_END = Pattern.compile("[.!?;]+(?=\\s|$)|,|\\R");
  private static final Pattern WORD = Pattern.compile("[a-z]+(?:-[a-z]+)*");
  private static final Pattern MENTION = Pattern.compile("@[A-Za-z]+\\d*");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String TRAILING_PUNCTUATION = ".,;:!?";
  private static final Pattern PREPOSITION =
      Pattern.compile(
          "\\b(?:at|in|on|under|through|over|across|beneath|during|amid|amidst|inside|near|along|"
              + "beside|above|into|onto|toward|towards|against)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Set<String> MOTION =
      words(
          "move walk run ran fly flew flown swoop glide drift fall fell jump leap dance spin spun"
              + " turn rotate twirl chase race rush sway wave rise rose climb dive swim swam roll"
              + " slide slid push pull follow sweep swept approach retreat enter exit leave cross"
              + " circle flow swirl splash flutter flap bounce shake shook tremble explode crash"
              + " sprint march ride rode drive drove soar descend ascend accelerate hover throw"
              + " threw catch caught kick swing swung wander stroll hurry gallop trot crawl creep"
              + " crept tumble collapse burst pour drip ripple billow blow blew wobble nod reach"
              + " grab lift drop step pace skate surf ski sail float sink sank shatter scatter"
              + " sprinkle zip dash bolt");

  private static final Set<String> CAMERA =
      words(
          "camera pan tilt zoom dolly truck pedestal orbit crane track tracking handheld steadicam"
              + " push-in pull-out close-up closeup aerial drone pov slow-motion timelapse"
              + " time-lapse shot angle framing whip-pan focus rack-focus lens gimbal fpv");

  private static final Set<String> ENVIRONMENT =
      words(
          "light lighting lit sunlight moonlight daylight sun sunny sunset sunrise dusk dawn"
              + " twilight noon night midnight evening morning afternoon hour golden fog foggy mist"
              + " misty haze hazy rain rainy snow snowy storm stormy cloud cloudy overcast sky"
              + " weather wind windy forest woods park city street alley room kitchen office studio"
              + " interior exterior indoors outdoors beach ocean sea shore coast mountain hill"
              + " valley desert field meadow river lake garden village town countryside jungle cave"
              + " castle underwater neon shadow background backdrop atmosphere ambient glow lamp"
              + " candle candlelight autumn winter summer landscape horizon skyline rooftop bridge"
              + " harbor harbour market cafe warehouse stage setting location moon star starlight"
              + " lantern backlight backlit silhouette");

  /** The clauses of one prompt, in prompt order, each without its trailing punctuation. */
  record Split(List<String> movement, List<String> environment) {
    Split {
      movement = List.copyOf(movement);
      environment = List.copyOf(environment);
    }
  }

  private PromptClauses() {}

  private static Set<String> words(String spaceSeparated) {
    return Set.of(spaceSeparated.split(" "));
  }

  static Split split(String prompt) {
    List<String> movement = new ArrayList<>();
    List<String> environment = new ArrayList<>();
    for (String clause : clauses(prompt)) {
      switch (classify(clause)) {
        case MOVEMENT -> {
          int cut = settingTail(clause);
          movement.add(clause.substring(0, cut).strip());
          if (cut < clause.length()) {
            environment.add(clause.substring(cut).strip());
          }
        }
        case ENVIRONMENT -> environment.add(clause);
        case NEITHER -> {}
      }
    }
    return new Split(movement, environment);
  }

  enum Kind {
    MOVEMENT,
    ENVIRONMENT,
    NEITHER
  }

  static Kind classify(String clause) {
    boolean environment = false;
    Matcher words = WORD.matcher(MENTION.matcher(clause).replaceAll(" ").toLowerCase(Locale.ROOT));
    while (words.find()) {
      String word = words.group();
      if (matches(word, MOTION) || matches(word, CAMERA)) {
        return Kind.MOVEMENT;
      }
      environment |= matches(word, ENVIRONMENT);
    }
    return environment ? Kind.ENVIRONMENT : Kind.NEITHER;
  }

  /**
   * Where the setting starts in a movement clause: the first preposition after which only setting
   * words follow, when motion precedes it; the clause's length when there is none.
   */
  private static int settingTail(String clause) {
    Matcher prepositions = PREPOSITION.matcher(clause);
    while (prepositions.find()) {
      int start = prepositions.start();
      if (start > 0
          && classify(clause.substring(0, start)) == Kind.MOVEMENT
          && classify(clause.substring(start)) == Kind.ENVIRONMENT) {
        return start;
      }
    }
    return clause.length();
  }

  static List<String> clauses(String prompt) {
    List<String> clauses = new ArrayList<>();
    for (String part : CLAUSE_END.split(prompt)) {
      String clause = stripTrailingPunctuation(SPACES.matcher(part).replaceAll(" ").strip());
      if (!clause.isEmpty()) {
        clauses.add(clause);
      }
    }
    return clauses;
  }

  private static String stripTrailingPunctuation(String text) {
    int end = text.length();
    while (end > 0 && TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(0, end).strip();
  }

  private static boolean matches(String word, Set<String> vocabulary) {
    for (String stem : stems(word)) {
      if (vocabulary.contains(stem)) {
        return true;
      }
    }
    return false;
  }

  /** The word and the forms it has once a regular English ending is taken off. */
  private static List<String> stems(String word) {
    List<String> stems = new ArrayList<>(List.of(word));
    if (word.endsWith("ies") && word.length() > 4) {
      stems.add(word.substring(0, word.length() - 3) + "y");
    }
    for (String ending : List.of("es", "s", "ed", "d", "ing")) {
      if (word.endsWith(ending) && word.length() > ending.length() + 2) {
        String stem = word.substring(0, word.length() - ending.length());
        stems.add(stem);
        if (ending.equals("ing") || ending.equals("ed")) {
          stems.add(stem + "e");
          if (stem.length() > 2
              && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)) {
            stems.add(stem.substring(0, stem.length() - 1));
          }
        }
      }
    }
    return stems;
  }
}
