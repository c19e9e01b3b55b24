package dev.aivid.media.qc;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Small H.264 clips rendered in-process, each frame painted by a {@link Painter}. */
final class SyntheticClips {

  static final int WIDTH = 160;
  static final int HEIGHT = 90;
  static final int FRAMES_PER_SECOND = 24;

  /** Paints frame {@code index} onto a canvas of the clip's size. */
  @FunctionalInterface
  interface Painter {
    void paint(Graphics2D graphics, int index, int width, int height);
  }

  private SyntheticClips() {}

  static Path record(Path file, int frames, Painter painter) {
    return record(file, "mp4", "libopenh264", WIDTH, HEIGHT, FRAMES_PER_SECOND, frames, painter);
  }

  static Path record(Path file, String format, String codec, int frames, Painter painter) {
    return record(file, format, codec, WIDTH, HEIGHT, FRAMES_PER_SECOND, frames, painter);
  }

  static Path record(
      Path file, String format, String codec, int width, int height, int framesPerSecond, int frames,
      Painter painter) {
    var recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
    recorder.setFormat(format);
    recorder.setVideoCodecName(codec);
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(framesPerSecond);
    recorder.setGopSize(framesPerSecond);
    recorder.setVideoBitrate(Math.max(400_000, width * height * framesPerSecond / 4));
    var canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    try (var converter = new Java2DFrameConverter()) {
      recorder.start();
      for (int index = 0; index < frames; index++) {
        Graphics2D graphics = canvas.createGraphics();
        try {
          graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
          painter.paint(graphics, index, width, height);
        } finally {
          graphics.dispose();
        }
        recorder.record(converter.convert(canvas), AV_PIX_FMT_BGR24);
      }
      recorder.stop();
    } catch (FrameRecorder.Exception failure) {
      throw new IllegalStateException(failure);
    } finally {
      try {
        recorder.release();
      } catch (FrameRecorder.Exception ignored) {
        // Test clean-up only.
      }
    }
    return file;
  }

  /** A diagonal colour gradient drifting right by two pixels a frame, and a disc gliding to and fro across it. */
  static void movingGradient(Graphics2D graphics, int index, int width, int height) {
    int offset = index * 2;
    graphics.setPaint(new GradientPaint(offset, 0, new Color(30, 70, 150), offset + width / 2f, height,
        new Color(220, 160, 70), true));
    graphics.fillRect(0, 0, width, height);
    graphics.setColor(new Color(235, 235, 225));
    int diameter = height / 2;
    graphics.fillOval(bounce(offset, width - diameter), height / 4, diameter, diameter);
  }

  /** Scene two of a cut test: a light field with a dark bar sliding down. */
  static void lightField(Graphics2D graphics, int index, int width, int height) {
    fill(graphics, new Color(230, 220, 120), width, height);
    graphics.setColor(new Color(60, 90, 40));
    graphics.fillRect(width / 3, bounce(index, height - height / 4), width / 3, height / 4);
  }

  /** Scene three of a cut test: a dark field with a pale disc rising. */
  static void darkField(Graphics2D graphics, int index, int width, int height) {
    fill(graphics, new Color(40, 20, 60), width, height);
    graphics.setColor(new Color(200, 190, 230));
    int diameter = height / 3;
    graphics.fillOval(width / 2, bounce(height - index, height - diameter), diameter, diameter);
  }

  /** Many small, strongly contrasting blobs: the kind of detail that makes motion change many pixels. */
  static BufferedImage detailedTexture(int width, int height, long seed) {
    var random = new Random(seed);
    var texture = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D graphics = texture.createGraphics();
    try {
      fill(graphics, new Color(120, 110, 100), width, height);
      for (int blob = 0; blob < width * height / 60; blob++) {
        graphics.setColor(new Color(random.nextInt(0x1000000)));
        int diameter = 3 + random.nextInt(10);
        graphics.fillOval(random.nextInt(width), random.nextInt(height), diameter, diameter);
      }
    } finally {
      graphics.dispose();
    }
    return texture;
  }

  /** Slides {@code texture} left by {@code pixelsPerFrame}; the texture must be wide enough for the whole clip. */
  static Painter pan(BufferedImage texture, int pixelsPerFrame) {
    return (graphics, index, width, height) -> graphics.drawImage(texture, -index * pixelsPerFrame, 0, null);
  }

  /** Triangle wave 0..range..0, so moving things never jump. */
  private static int bounce(int position, int range) {
    int period = 2 * Math.max(1, range);
    int phase = Math.floorMod(position, period);
    return phase <= range ? phase : period - phase;
  }

  static void black(Graphics2D graphics, int index, int width, int height) {
    fill(graphics, Color.BLACK, width, height);
  }

  static void fill(Graphics2D graphics, Color colour, int width, int height) {
    graphics.setColor(colour);
    graphics.fillRect(0, 0, width, height);
  }

  /** The moving gradient with every other frame darkened to a quarter of its brightness. */
  static void strobe(Graphics2D graphics, int index, int width, int height) {
    movingGradient(graphics, 0, width, height);
    if (index % 2 == 1) {
      graphics.setColor(new Color(0, 0, 0, 190));
      graphics.fillRect(0, 0, width, height);
    }
  }
}
