package dev.aivid.media.mask;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.function.IntBinaryOperator;

/** Greyscale images built pixel by pixel, so the expected values are exact. */
final class MaskFixtures {

  private MaskFixtures() {}

  /** An 8-bit greyscale image whose sample at (x, y) is {@code sample}. */
  static BufferedImage grey(int width, int height, IntBinaryOperator sample) {
    return filled(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), sample);
  }

  /** A 16-bit greyscale image. */
  static BufferedImage grey16(int width, int height, IntBinaryOperator sample) {
    return filled(new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY), sample);
  }

  /** An RGB image whose three channels all equal {@code sample}. */
  static BufferedImage greyAsRgb(int width, int height, IntBinaryOperator sample) {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int value = sample.applyAsInt(x, y);
        image.setRGB(x, y, (value << 16) | (value << 8) | value);
      }
    }
    return image;
  }

  /** For images 100 wide: 255 before x 20, 128 before 30, 127 before 40, then 0; so 30 % of the pixels are above 0.5. */
  static int stripes(int x, int y) {
    if (x < 20) {
      return 255;
    }
    if (x < 30) {
      return 128;
    }
    if (x < 40) {
      return 127;
    }
    return 0;
  }

  private static BufferedImage filled(BufferedImage image, IntBinaryOperator sample) {
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        raster.setSample(x, y, 0, sample.applyAsInt(x, y));
      }
    }
    return image;
  }
}
