package dev.aivid.media.frames;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import dev.aivid.media.internal.ImageScaling;
import dev.aivid.media.internal.UntrustedInput;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.jspecify.annotations.Nullable;

/** Stills taken from a video: a poster thumbnail and a scrubbing spritesheet. */
public final class FrameSampler {

  private static final int TILE_TYPE = BufferedImage.TYPE_INT_RGB;
  private static final long MAX_SHEET_PIXELS = 50_000_000L;

  private FrameSampler() {}

  /** JPEG of the frame at the middle of the video, scaled to fit maxWidth (keep aspect; never enlarged). */
  public static byte[] thumbnailJpeg(Path video, int maxWidth) {
    requirePositive("maxWidth", maxWidth);
    try (var frames = open(video)) {
      BufferedImage frame = frames.frameAt(frames.durationMicros() / 2);
      int width = Math.min(maxWidth, frame.getWidth());
      int height = ImageScaling.heightForWidth(frame.getWidth(), frame.getHeight(), width);
      return JpegEncoding.encode(ImageScaling.resize(frame, width, height, TILE_TYPE));
    }
  }

  /** JPEG grid (columns x rows) of evenly spaced frames, each tile tileWidth wide (keep aspect), row by row. */
  public static byte[] spritesheetJpeg(Path video, int columns, int rows, int tileWidth) {
    requirePositive("columns", columns);
    requirePositive("rows", rows);
    requirePositive("tileWidth", tileWidth);
    try (var frames = open(video)) {
      int tileHeight = ImageScaling.heightForWidth(frames.width(), frames.height(), tileWidth);
      if ((long) columns * tileWidth * rows * tileHeight > MAX_SHEET_PIXELS) {
        throw new IllegalArgumentException("spritesheet of " + columns + "x" + rows + " tiles of " + tileWidth + " is too large");
      }
      var sheet = new BufferedImage(columns * tileWidth, rows * tileHeight, TILE_TYPE);
      Graphics2D graphics = sheet.createGraphics();
      try {
        graphics.setColor(Color.BLACK);
        graphics.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        int tiles = columns * rows;
        for (int tile = 0; tile < tiles; tile++) {
          // Tile centres, so the first and last tiles are not the often black or fading edges of the clip.
          long timestamp = (long) (frames.durationMicros() * (tile + 0.5) / tiles);
          BufferedImage frame = frames.frameAt(timestamp);
          BufferedImage scaled = ImageScaling.resize(frame, tileWidth, tileHeight, TILE_TYPE);
          graphics.drawImage(scaled, (tile % columns) * tileWidth, (tile / columns) * tileHeight, null);
        }
      } finally {
        graphics.dispose();
      }
      return JpegEncoding.encode(sheet);
    }
  }

  private static VideoFrames open(Path video) {
    Objects.requireNonNull(video, "video");
    if (!Files.isRegularFile(video)) {
      throw new MediaException("probe_failed", "no such file: " + video.getFileName());
    }
    FFmpegLibraries.ensureLoaded();
    return VideoFrames.open(video);
  }

  private static void requirePositive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** A grabber that hands out decoded frames by timestamp. */
  private static final class VideoFrames implements AutoCloseable {

    private final FFmpegFrameGrabber grabber;
    private final Java2DFrameConverter converter = new Java2DFrameConverter();
    private @Nullable BufferedImage lastFrame;

    private VideoFrames(FFmpegFrameGrabber grabber) {
      this.grabber = grabber;
    }

    static VideoFrames open(Path video) {
      var grabber = new FFmpegFrameGrabber(video.toFile());
      UntrustedInput.openOptions().forEach(grabber::setOption);
      try {
        grabber.start();
      } catch (FrameGrabber.Exception | RuntimeException failure) {
        closeQuietly(grabber);
        throw new MediaException("probe_failed", "not a video FFmpeg can open: " + video.getFileName(), failure);
      }
      if (grabber.getVideoStream() < 0 || grabber.getImageWidth() < 1 || grabber.getImageHeight() < 1) {
        closeQuietly(grabber);
        throw new MediaException("probe_failed", "no video stream in " + video.getFileName());
      }
      return new VideoFrames(grabber);
    }

    int width() {
      return grabber.getImageWidth();
    }

    int height() {
      return grabber.getImageHeight();
    }

    long durationMicros() {
      return Math.max(0, grabber.getLengthInTime());
    }

    /** The frame shown at {@code timestampMicros}, or the latest one decoded if seeking lands past the end. */
    BufferedImage frameAt(long timestampMicros) {
      try {
        grabber.setVideoTimestamp(timestampMicros);
        var frame = grabber.grabImage();
        if (frame == null && lastFrame == null) {
          // Very short clips can report a middle that lies past their only frame.
          grabber.setVideoTimestamp(0);
          frame = grabber.grabImage();
        }
        if (frame != null) {
          lastFrame = copy(converter.convert(frame));
        }
      } catch (FrameGrabber.Exception | RuntimeException failure) {
        throw new MediaException("decode_failed", "could not decode a frame at " + timestampMicros + " microseconds", failure);
      }
      if (lastFrame == null) {
        throw new MediaException("decode_failed", "the video has no decodable frame");
      }
      return lastFrame;
    }

    @Override
    public void close() {
      converter.close();
      closeQuietly(grabber);
    }

    /** The converter reuses its image for the next frame. */
    private static BufferedImage copy(BufferedImage image) {
      var copy = new BufferedImage(image.getWidth(), image.getHeight(), TILE_TYPE);
      Graphics2D graphics = copy.createGraphics();
      graphics.drawImage(image, 0, 0, null);
      graphics.dispose();
      return copy;
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
      try {
        grabber.close();
      } catch (FrameGrabber.Exception ignored) {
        // Releasing native decoder state cannot fail in a way the caller could act on.
      }
    }
  }
}
