package dev.aivid.providers.kling;

import java.util.ArrayList;
import java.util.List;

/**
 * The prompt text with sentences folded in (camera words, palette, "Avoid: …"), kept within Kling's
 * 2500 characters: the shot's own text is shortened first so the folded controls survive.
 */
final class KlingPrompt {
  static final int MAX_CHARACTERS = 2500;

  private final String base;
  private final List<String> sentences = new ArrayList<>();

  KlingPrompt(String base) {
    this.base = base.strip();
  }

  void addSentence(String sentence) {
    String text = sentence.strip();
    if (!text.isEmpty()) {
      sentences.add(text.endsWith(".") ? text : text + ".");
    }
  }

  /** The text and whether anything of the shot's own prompt was cut. */
  record Text(String value, boolean truncated) {}

  Text build() {
    String folded = String.join(" ", sentences);
    if (folded.isEmpty()) {
      return fit(base);
    }
    if (base.isEmpty()) {
      return fit(folded);
    }
    String separator = base.endsWith(".") || base.endsWith("!") || base.endsWith("?") ? " " : ". ";
    String whole = base + separator + folded;
    if (length(whole) <= MAX_CHARACTERS) {
      return new Text(whole, false);
    }
    String suffix = ". " + folded;
    int room = MAX_CHARACTERS - length(suffix);
    if (room < 1) {
      return new Text(cut(whole, MAX_CHARACTERS), true);
    }
    return new Text(cut(base, room).stripTrailing() + suffix, true);
  }

  static Text fit(String text) {
    return length(text) <= MAX_CHARACTERS
        ? new Text(text, false)
        : new Text(cut(text, MAX_CHARACTERS), true);
  }

  /** Kling counts characters; code points keep a surrogate pair whole. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  static String cut(String text, int codePoints) {
    if (length(text) <= codePoints) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, codePoints));
  }
}
