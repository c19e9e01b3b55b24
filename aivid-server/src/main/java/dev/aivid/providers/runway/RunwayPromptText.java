package dev.aivid.providers.runway;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@code promptText}: the shot's prompt, then the sentences that carry controls Gen-4.5 has
 * no field for (camera language, palette colours, "Avoid: …"), within Runway's limit counted in
 * UTF-16 code units, which is what {@link String#length()} counts.
 */
final class RunwayPromptText {
  static final int MAX_UTF16_UNITS = 1000;

  private RunwayPromptText() {}

  /**
   * @param text the promptText to send
   * @param fullLength its length before cutting; equal to {@code text.length()} when nothing was
   *     cut
   */
  record Composed(String text, int fullLength) {
    boolean cut() {
      return fullLength != text.length();
    }
  }

  /**
   * The prompt is cut first when the whole is too long, so the short control sentences (which the
   * verdicts promise are in the text) survive; only if they alone overflow is the end cut.
   */
  static Composed compose(String prompt, List<String> sentences) {
    String base = prompt.strip();
    String suffix = String.join(" ", sentences);
    String whole = join(sentences.isEmpty() ? base : terminated(base), suffix);
    if (whole.length() <= MAX_UTF16_UNITS) {
      return new Composed(whole, whole.length());
    }
    // One unit for the ellipsis that marks the cut, one for the space before the sentences.
    int budget = MAX_UTF16_UNITS - suffix.length() - 2;
    if (!suffix.isEmpty() && budget >= MAX_UTF16_UNITS / 4) {
      return new Composed(join(cutAtWord(base, budget) + "…", suffix), whole.length());
    }
    return new Composed(cutAtWord(whole, MAX_UTF16_UNITS), whole.length());
  }

  /** The longest prefix of at most {@code limit} units that ends at a word boundary. */
  static String cutAtWord(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    int cut = -1;
    for (int index = limit; index > limit / 2; index--) {
      if (Character.isWhitespace(text.charAt(index))) {
        cut = index;
        break;
      }
    }
    if (cut < 0) {
      // No space in reach (e.g. Chinese or Japanese text): cut hard, but never inside a surrogate
      // pair.
      cut = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }
    return text.substring(0, cut).stripTrailing();
  }

  static String sentence(String label, String content) {
    return label + ": " + withoutEndPunctuation(content.strip()) + ".";
  }

  static String withoutEndPunctuation(String text) {
    int end = text.length();
    while (end > 0 && ".!?;,…。".indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(0, end).stripTrailing();
  }

  private static String terminated(String text) {
    if (text.isEmpty() || ".!?…。".indexOf(text.charAt(text.length() - 1)) >= 0) {
      return text;
    }
    return text + ".";
  }

  private static String join(@Nullable String first, String second) {
    if (first == null || first.isEmpty()) {
      return second;
    }
    return second.isEmpty() ? first : first + " " + second;
  }
}
