package dev.aivid.dashboard.internal;

/** The one escaping helper: every user-controlled string goes through it before it meets HTML. */
public final class Html {
  private Html() {}

  /** Escapes for element text and double- or single-quoted attribute values alike. */
  public static String escape(String text) {
    StringBuilder builder = new StringBuilder(text.length() + 16);
    for (int index = 0; index < text.length(); index++) {
      char character = text.charAt(index);
      switch (character) {
        case '&' -> builder.append("&amp;");
        case '<' -> builder.append("&lt;");
        case '>' -> builder.append("&gt;");
        case '"' -> builder.append("&quot;");
        case '\'' -> builder.append("&#39;");
        case '`' -> builder.append("&#96;");
        default -> builder.append(character);
      }
    }
    return builder.toString();
  }
}
