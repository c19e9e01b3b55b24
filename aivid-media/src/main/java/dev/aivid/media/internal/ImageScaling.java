package dev.aivid.media.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Good-looking resizing with plain Java2D. */
public final class ImageScaling {

  private ImageScaling() {}

  /** Resizes to exactly {@code width} x {@code height}; distorts if the aspect differs. */
  public static BufferedImage resize(BufferedImage source, int width, int height, int imageType) {
    BufferedImage current = source;
    // One bilinear step skips source pixels when shrinking by more than half; halving in steps averages them all.
    while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
      current = draw(current, current.getWidth() / 2, current.getHeight() / 2, imageType);
    }
    return draw(current, width, height, imageType);
  }

  /** Scales to fill {@code width} x {@code height} completely, keeping the aspect and cropping the overflow centrally. */
  public static BufferedImage cover(BufferedImage source, int width, int height, int imageType) {
    double scale = Math.max(width / (double) source.getWidth(), height / (double) source.getHeight());
    int cropWidth = Math.max(1, Math.min(source.getWidth(), (int) Math.round(width / scale)));
    int cropHeight = Math.max(1, Math.min(source.getHeight(), (int) Math.round(height / scale)));
    int cropX = (source.getWidth() - cropWidth) / 2;
    int cropY = (source.getHeight() - cropHeight) / 2;
    BufferedImage cropped = source.getSubimage(cropX, cropY, cropWidth, cropHeight);
    return resize(cropped, width, height, imageType);
  }

  /** The height that keeps the aspect ratio of {@code sourceWidth} x {@code sourceHeight} at {@code width}. */
  public static int heightForWidth(int sourceWidth, int sourceHeight, int width) {
    return Math.max(1, (int) Math.round(width * (double) sourceHeight / sourceWidth));
  }

  private static BufferedImage draw(BufferedImage source, int width, int height, int imageType) {
    var target = new BufferedImage(width, height, imageType);
    Graphics2D graphics = target.createGraphics();
    try {
      graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      graphics.drawImage(source, 0, 0, width, height, null);
    } finally {
      graphics.dispose();
    }
    return target;
  }
}
