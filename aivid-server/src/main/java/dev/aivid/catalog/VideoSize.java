package dev.aivid.catalog;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A frame size written {@code WIDTHxHEIGHT}, as in OpenAI's {@code size} field. */
public record VideoSize(int width, int height) {
  private static final Pattern FORMAT = Pattern.compile("([1-9][0-9]{0,4})x([1-9][0-9]{0,4})");

  public VideoSize {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("width and height must be positive");
    }
  }

  public static Optional<VideoSize> parse(String text) {
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new VideoSize(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
