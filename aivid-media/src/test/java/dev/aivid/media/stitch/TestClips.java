package dev.aivid.media.stitch;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_0RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import dev.aivid.media.internal.FFmpegLibraries;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Solid-colour H.264 clips to stitch, and the stitched film read back frame by frame. */
final class TestClips {

  static final Color RED = new Color(220, 40, 40);
  static final Color GREEN = new Color(40, 200, 60);
  static final Color BLUE = new Color(40, 60, 220);
  static final Color YELLOW = new Color(230, 210, 40);
  static final Color MAGENTA = new Color(210, 40, 210);
  static final Color BLACK = Color.BLACK;

  private TestClips() {}

  /** A clip of {@code frames} frames, each filled with {@code colourOfFrame.apply(index)}. */
  static Path record(
      Path file, int width, int height, int framesPerSecond, int frames, IntFunction<Color> colourOfFrame) {
    FFmpegLibraries.ensureLoaded();
    var recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
    recorder.setFormat("mp4");
    recorder.setVideoCodecName("libopenh264");
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(framesPerSecond);
    recorder.setGopSize(framesPerSecond);
    recorder.setVideoBitrate(Math.max(400_000, width * height * framesPerSecond / 4));
    var canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    try (var converter = new Java2DFrameConverter()) {
      recorder.start();
      for (int index = 0; index < frames; index++) {
        Graphics2D graphics = canvas.createGraphics();
        graphics.setColor(colourOfFrame.apply(index));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        recorder.record(converter.convert(canvas), AV_PIX_FMT_BGR24);
      }
      recorder.stop();
      recorder.release();
    } catch (Exception failure) {
      throw new IllegalStateException(failure);
    }
    return file;
  }

  static Path solid(Path file, int width, int height, int framesPerSecond, int frames, Color colour) {
    return record(file, width, height, framesPerSecond, frames, index -> colour);
  }

  /** One decoded frame of a film: its timestamp and the mean colour of small patches. */
  record Sample(long timestampMicros, Color centre, Color leftEdge) {}

  /** Every frame of {@code film}, with the mean colour of 5x5 patches at the centre and 10 px from the left edge. */
  static List<Sample> readBack(Path film) {
    FFmpegLibraries.ensureLoaded();
    var samples = new ArrayList<Sample>();
    try (var grabber = new FFmpegFrameGrabber(film.toFile())) {
      grabber.setPixelFormat(AV_PIX_FMT_0RGB);
      grabber.start();
      Frame frame;
      while ((frame = grabber.grabImage()) != null) {
        IntBuffer pixels = ((ByteBuffer) frame.image[0]).duplicate().order(ByteOrder.BIG_ENDIAN).asIntBuffer();
        int stride = frame.imageStride / 4;
        samples.add(new Sample(frame.timestamp,
            patch(pixels, stride, frame.imageWidth / 2, frame.imageHeight / 2),
            patch(pixels, stride, 10, frame.imageHeight / 2)));
      }
      grabber.stop();
    } catch (Exception failure) {
      throw new IllegalStateException(failure);
    }
    return samples;
  }

  private static Color patch(IntBuffer pixels, int stride, int centreX, int centreY) {
    int red = 0;
    int green = 0;
    int blue = 0;
    for (int y = centreY - 2; y <= centreY + 2; y++) {
      for (int x = centreX - 2; x <= centreX + 2; x++) {
        int pixel = pixels.get(y * stride + x);
        red += (pixel >> 16) & 0xff;
        green += (pixel >> 8) & 0xff;
        blue += pixel & 0xff;
      }
    }
    return new Color(red / 25, green / 25, blue / 25);
  }

  /** Index in {@code palette} of the colour nearest {@code colour}. */
  static int nearest(Color colour, List<Color> palette) {
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int index = 0; index < palette.size(); index++) {
      double distance = distance(colour, palette.get(index));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = index;
      }
    }
    return best;
  }

  static double distance(Color first, Color second) {
    double red = first.getRed() - second.getRed();
    double green = first.getGreen() - second.getGreen();
    double blue = first.getBlue() - second.getBlue();
    return Math.sqrt(red * red + green * green + blue * blue);
  }

  /** Output frames where the nearest palette colour changes from the frame before. */
  static List<Integer> changes(List<Sample> samples, List<Color> palette) {
    var changes = new ArrayList<Integer>();
    for (int index = 1; index < samples.size(); index++) {
      if (nearest(samples.get(index).centre(), palette) != nearest(samples.get(index - 1).centre(), palette)) {
        changes.add(index);
      }
    }
    return changes;
  }
}
