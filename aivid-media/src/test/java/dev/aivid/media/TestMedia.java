package dev.aivid.media;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Fixtures and pixel comparisons shared by the tests. */
public final class TestMedia {

  private TestMedia() {}

  /** A smooth picture with a few large shapes: realistic for a codec, easy to recognise after encoding. */
  public static BufferedImage picture(int width, int height) {
    var image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D graphics = image.createGraphics();
    graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    graphics.setPaint(new GradientPaint(0, 0, new Color(20, 60, 140), width, height, new Color(230, 170, 60)));
    graphics.fillRect(0, 0, width, height);
    graphics.setColor(new Color(240, 240, 240));
    graphics.fillOval(width / 8, height / 6, width / 3, height / 2);
    graphics.setColor(new Color(30, 110, 40));
    graphics.fillRect(width / 2, height / 2, width / 3, height / 3);
    graphics.dispose();
    return image;
  }

  public static byte[] encode(BufferedImage image, String formatName) {
    var bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, formatName, bytes)) {
        throw new IllegalStateException("no ImageIO writer for " + formatName);
      }
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
    return bytes.toByteArray();
  }

  /** Every frame of a video, decoded by FFmpeg into independent images. */
  public static List<BufferedImage> decodeFrames(Path video) {
    List<BufferedImage> frames = new ArrayList<>();
    try (var grabber = new FFmpegFrameGrabber(video.toFile()); var converter = new Java2DFrameConverter()) {
      grabber.start();
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        frames.add(copy(converter.convert(frame)));
      }
    } catch (FrameGrabber.Exception failure) {
      throw new IllegalStateException(failure);
    }
    return frames;
  }

  public static BufferedImage firstFrame(Path video) {
    try (var grabber = new FFmpegFrameGrabber(video.toFile()); var converter = new Java2DFrameConverter()) {
      grabber.start();
      return copy(converter.convert(grabber.grabImage()));
    } catch (FrameGrabber.Exception failure) {
      throw new IllegalStateException(failure);
    }
  }

  /** Mean absolute difference per colour channel, 0 (identical) .. 255. */
  public static double meanAbsoluteDifference(BufferedImage first, BufferedImage second) {
    if (first.getWidth() != second.getWidth() || first.getHeight() != second.getHeight()) {
      throw new IllegalArgumentException("sizes differ");
    }
    long sum = 0;
    for (int y = 0; y < first.getHeight(); y++) {
      for (int x = 0; x < first.getWidth(); x++) {
        int a = first.getRGB(x, y);
        int b = second.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
        }
      }
    }
    return sum / (3.0 * first.getWidth() * first.getHeight());
  }

  public static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  private static BufferedImage copy(BufferedImage image) {
    var copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D graphics = copy.createGraphics();
    graphics.drawImage(image, 0, 0, null);
    graphics.dispose();
    return copy;
  }
}
