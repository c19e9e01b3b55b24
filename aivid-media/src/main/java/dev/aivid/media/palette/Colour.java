package dev.aivid.media.palette;

import java.util.Locale;

/** An sRGB colour, 8 bits per channel. */
public record Colour(int red, int green, int blue) {

  public Colour {
    if ((red | green | blue) < 0 || red > 255 || green > 255 || blue > 255) {
      throw new IllegalArgumentException("channels must be within 0..255, were " + red + ", " + green + ", " + blue);
    }
  }

  public static Colour fromRgb(int packedRgb) {
    return new Colour((packedRgb >> 16) & 0xFF, (packedRgb >> 8) & 0xFF, packedRgb & 0xFF);
  }

  /** 0xRRGGBB. */
  public int rgb() {
    return (red << 16) | (green << 8) | blue;
  }

  /** "#rrggbb", lower case. */
  public String hex() {
    return String.format(Locale.ROOT, "#%06x", rgb());
  }
}
