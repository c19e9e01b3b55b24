package dev.aivid.media.previz;

import java.awt.FontMetrics;
import java.util.ArrayList;
import java.util.List;

/** Greedy word wrap with an ellipsis when the text needs more lines than allowed. */
final class TextWrap {

  private static final String ELLIPSIS = "\u2026";

  private TextWrap() {}

  static List<String> lines(String text, FontMetrics metrics, int maxWidth, int maxLines) {
    List<String> lines = new ArrayList<>();
    String current = "";
    for (String word : text.strip().split("\\s+")) {
      if (lines.size() > maxLines) {
        break;
      }
      String candidate = current.isEmpty() ? word : current + " " + word;
      if (metrics.stringWidth(candidate) <= maxWidth) {
        current = candidate;
        continue;
      }
      if (!current.isEmpty()) {
        lines.add(current);
      }
      current = word;
      while (metrics.stringWidth(current) > maxWidth && lines.size() <= maxLines) {
        int cut = fittingPrefixLength(current, metrics, maxWidth);
        lines.add(current.substring(0, cut));
        current = current.substring(cut);
      }
    }
    if (!current.isEmpty()) {
      lines.add(current);
    }
    if (lines.size() <= maxLines) {
      return lines;
    }
    List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
    kept.set(maxLines - 1, ellipsize(kept.getLast(), metrics, maxWidth));
    return kept;
  }

  private static String ellipsize(String line, FontMetrics metrics, int maxWidth) {
    String shortened = line;
    while (!shortened.isEmpty() && metrics.stringWidth(shortened + ELLIPSIS) > maxWidth) {
      shortened = shortened.substring(0, previousBoundary(shortened, shortened.length()));
    }
    return shortened.strip() + ELLIPSIS;
  }

  /** At least one code point, so that a very narrow frame still makes progress. */
  private static int fittingPrefixLength(String word, FontMetrics metrics, int maxWidth) {
    int length = word.offsetByCodePoints(0, 1);
    while (length < word.length()) {
      int next = word.offsetByCodePoints(length, 1);
      if (metrics.stringWidth(word.substring(0, next)) > maxWidth) {
        break;
      }
      length = next;
    }
    return length;
  }

  private static int previousBoundary(String text, int index) {
    return text.offsetByCodePoints(index, -1);
  }
}
