package dev.aivid.media.scene;

import dev.aivid.media.palette.Colour;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * The style reference as a colour wash: each layer pixel moves {@value #STRENGTH_PERCENT} % of the way towards the
 * tint colour at the pixel's own luma, so light and shade survive while the hue follows the style.
 */
public final class StyleTint {

  public static final int STRENGTH_PERCENT = 35;

  private static final int STRENGTH_256 = STRENGTH_PERCENT * 256 / 100;
  private static final int SAMPLES_PER_SIDE = 64;

  private StyleTint() {}

  /** The mean colour of a style reference, sampled on a 64×64 grid. */
  public static Colour of(BufferedImage style) {
    Objects.requireNonNull(style, "style");
    long red = 0;
    long green = 0;
    long blue = 0;
    int columns = Math.min(SAMPLES_PER_SIDE, style.getWidth());
    int rows = Math.min(SAMPLES_PER_SIDE, style.getHeight());
    for (int row = 0; row < rows; row++) {
      int y = (int) ((row + 0.5) * style.getHeight() / rows);
      for (int column = 0; column < columns; column++) {
        int rgb = style.getRGB((int) ((column + 0.5) * style.getWidth() / columns), y);
        red += (rgb >> 16) & 0xFF;
        green += (rgb >> 8) & 0xFF;
        blue += rgb & 0xFF;
      }
    }
    long count = (long) columns * rows;
    return new Colour((int) (red / count), (int) (green / count), (int) (blue / count));
  }

  /** Washes ARGB pixels in place, keeping alpha. */
  static void apply(int[] pixels, Colour tint) {
    int tintLuma = Math.max(16, luma(tint.red(), tint.green(), tint.blue()));
    for (int index = 0; index < pixels.length; index++) {
      int pixel = pixels[index];
      int red = (pixel >> 16) & 0xFF;
      int green = (pixel >> 8) & 0xFF;
      int blue = pixel & 0xFF;
      int luma = luma(red, green, blue);
      red = towards(red, Math.min(255, tint.red() * luma / tintLuma));
      green = towards(green, Math.min(255, tint.green() * luma / tintLuma));
      blue = towards(blue, Math.min(255, tint.blue() * luma / tintLuma));
      pixels[index] = (pixel & 0xFF000000) | (red << 16) | (green << 8) | blue;
    }
  }

  private static int towards(int value, int target) {
    return value + (((target - value) * STRENGTH_256) >> 8);
  }

  static int luma(int red, int green, int blue) {
    // BT.601 luma weights 0.299, 0.587, 0.114 in 256ths.
    return (77 * red + 150 * green + 29 * blue) >> 8;
  }
}
