package dev.aivid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2.2 contrast of the dashboard's colours, computed from the stylesheet and the scripts
 * themselves: text at least 4.5:1 against every background it is drawn on, the focus ring and the
 * form controls' borders at least 3:1. A colour added to the stylesheet fails the last test until
 * it is audited here.
 */
class DashboardContrastTest {
  private static final double TEXT = 4.5;
  private static final double NON_TEXT = 3.0;
  private static final String CSS = read("/dashboard/static/dashboard.css");
  private static final Map<String, String> VARIABLES = variables(CSS);

  /** Text colour, background, what it is. */
  private record Pair(String foreground, String background, String use) {}

  private static final List<Pair> TEXT_PAIRS =
      List.of(
          new Pair("--ink", "#fff", "body text on cards, tables, inputs"),
          new Pair("--ink", "--bg", "body text on the page"),
          new Pair("--ink", "--warn-bg", "warnings and one-time secrets"),
          new Pair("--ink", "#eef2f6", "buttons"),
          new Pair("--ink", "#e8f0fe", "the selected mention, the drop zone while dragging"),
          new Pair("--muted", "#fff", "secondary text on cards"),
          new Pair("--muted", "--bg", "the footer"),
          new Pair("--accent", "#fff", "links on cards"),
          new Pair("--accent", "--bg", "links on the page"),
          new Pair("--accent", "#eef2f6", "link-styled buttons (Download, Remix)"),
          new Pair("--bad", "#fff", "errors, retired badge, failed QC"),
          new Pair("--bad", "--bg", "errors on the page"),
          new Pair("#116329", "#fff", "active badge, ok verdict, passed QC"),
          new Pair("#7a4d00", "#fff", "deprecated badge, warnings verdict and QC"),
          new Pair("#fff", "--accent", "primary button, selected code tab"),
          new Pair("#e6edf3", "#0d1117", "the code panel"));

  private static final List<Pair> NON_TEXT_PAIRS =
      List.of(
          new Pair("--focus", "#fff", "focus ring on cards"),
          new Pair("--focus", "--bg", "focus ring on the page"),
          new Pair("--control", "#fff", "input, select and button borders"));

  /** Colours that carry no information: video and canvas backdrops, separators, a border next to text. */
  private static final Set<String> DECORATIVE = Set.of("#000", "#111", "#d0d7de", "#d4a72c");

  @Test
  void everyTextColourHasAtLeastFourAndAHalfToOneAgainstItsBackground() {
    for (Pair pair : TEXT_PAIRS) {
      assertThat(ratio(colour(pair.foreground()), colour(pair.background())))
          .as("%s: %s on %s", pair.use(), pair.foreground(), pair.background())
          .isGreaterThanOrEqualTo(TEXT);
    }
  }

  @Test
  void theFocusRingAndControlBordersHaveAtLeastThreeToOne() {
    for (Pair pair : NON_TEXT_PAIRS) {
      assertThat(ratio(colour(pair.foreground()), colour(pair.background())))
          .as("%s: %s on %s", pair.use(), pair.foreground(), pair.background())
          .isGreaterThanOrEqualTo(NON_TEXT);
    }
  }

  @Test
  void whiteTextOnTheModelColoursOfTheTimelineIsReadableAtEveryHue() {
    Matcher hsl = Pattern.compile("hsl\\(\\$\\{hash % 360\\} (\\d+)% (\\d+)%\\)").matcher(read("/dashboard/static/common.js"));
    assertThat(hsl.find()).as("colour() in common.js").isTrue();
    double saturation = Integer.parseInt(hsl.group(1)) / 100.0;
    double lightness = Integer.parseInt(hsl.group(2)) / 100.0;
    double worst = Double.MAX_VALUE;
    for (int hue = 0; hue < 360; hue++) {
      worst = Math.min(worst, ratio(new double[] {1, 1, 1}, hslToRgb(hue, saturation, lightness)));
    }
    assertThat(worst).isGreaterThanOrEqualTo(TEXT);
  }

  @Test
  void everyColourInTheStylesheetIsAudited() {
    Set<String> audited = new TreeSet<>(DECORATIVE);
    for (Pair pair : concat(TEXT_PAIRS, NON_TEXT_PAIRS)) {
      audited.add(literal(pair.foreground()));
      audited.add(literal(pair.background()));
    }
    Set<String> used = new TreeSet<>();
    Matcher hex = Pattern.compile("#[0-9a-fA-F]{3,6}\\b").matcher(CSS);
    while (hex.find()) {
      used.add(hex.group().toLowerCase(Locale.ROOT));
    }
    assertThat(audited).containsAll(used);
  }

  private static List<Pair> concat(List<Pair> first, List<Pair> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }

  private static String literal(String name) {
    return (name.startsWith("--") ? VARIABLES.get(name) : name).toLowerCase(Locale.ROOT);
  }

  private static double[] colour(String name) {
    String hex = literal(name).substring(1);
    if (hex.length() == 3) {
      hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
    }
    int value = Integer.parseInt(hex, 16);
    return new double[] {(value >> 16 & 0xff) / 255.0, (value >> 8 & 0xff) / 255.0, (value & 0xff) / 255.0};
  }

  /** WCAG 2.2 relative luminance contrast, (lighter + 0.05) / (darker + 0.05). */
  static double ratio(double[] first, double[] second) {
    double a = luminance(first);
    double b = luminance(second);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }

  private static double luminance(double[] rgb) {
    double[] linear = new double[3];
    for (int index = 0; index < 3; index++) {
      double channel = rgb[index];
      linear[index] = channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
  }

  /** CSS Color 4's hsl() to sRGB. */
  private static double[] hslToRgb(int hue, double saturation, double lightness) {
    double[] rgb = new double[3];
    int[] offsets = {0, 8, 4};
    for (int index = 0; index < 3; index++) {
      double k = (offsets[index] + hue / 30.0) % 12;
      double a = saturation * Math.min(lightness, 1 - lightness);
      rgb[index] = lightness - a * Math.max(-1, Math.min(Math.min(k - 3, 9 - k), 1));
    }
    return rgb;
  }

  @Test
  void theContrastFormulaMatchesTheKnownExtremes() {
    assertThat(ratio(new double[] {0, 0, 0}, new double[] {1, 1, 1})).isEqualTo(21.0);
    assertThat(ratio(colour("#767676"), colour("#fff"))).isBetween(4.54, 4.55);
  }

  private static Map<String, String> variables(String css) {
    Map<String, String> variables = new HashMap<>();
    Matcher declaration = Pattern.compile("(--[a-z-]+):\\s*(#[0-9a-fA-F]{3,6})").matcher(css);
    while (declaration.find()) {
      variables.put(declaration.group(1), declaration.group(2));
    }
    return variables;
  }

  private static String read(String resource) {
    try (InputStream input = DashboardContrastTest.class.getResourceAsStream(resource)) {
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
