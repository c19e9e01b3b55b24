package dev.aivid.media.qc;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.UntrustedInput;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.jspecify.annotations.Nullable;

/** Decodes every frame once, shrunk by swscale to a small packed BGR picture for the statistics. */
final class AnalysisFrames implements AutoCloseable {

  private final FFmpegFrameGrabber grabber;
  private final int width;
  private final int height;
  private final byte[] pixels;
  private long firstTimestampMicros = Long.MIN_VALUE;
  private double timeSeconds;

  private AnalysisFrames(FFmpegFrameGrabber grabber, int width, int height) {
    this.grabber = grabber;
    this.width = width;
    this.height = height;
    this.pixels = new byte[width * height * 3];
  }

  static AnalysisFrames open(Path video, int width, int height) {
    var grabber = new FFmpegFrameGrabber(video.toFile());
    UntrustedInput.openOptions().forEach(grabber::setOption);
    grabber.setImageWidth(width);
    grabber.setImageHeight(height);
    grabber.setPixelFormat(AV_PIX_FMT_BGR24);
    // Area averaging lets every source pixel count, so a few bright specks do not vanish or dominate.
    grabber.setImageScalingFlags(SWS_AREA);
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException failure) {
      closeQuietly(grabber);
      throw new MediaException("decode_failed", "not a video FFmpeg can decode: " + video.getFileName(), failure);
    }
    if (grabber.getVideoStream() < 0) {
      closeQuietly(grabber);
      throw new MediaException("decode_failed", "no video stream in " + video.getFileName());
    }
    return new AnalysisFrames(grabber, width, height);
  }

  /** Decodes the next frame into {@link #pixels()}; false at the end of the video. */
  boolean next() {
    Frame frame;
    try {
      frame = grabber.grabImage();
    } catch (FrameGrabber.Exception | RuntimeException failure) {
      throw new MediaException("decode_failed", "could not decode the video: " + failure.getMessage(), failure);
    }
    if (frame == null) {
      return false;
    }
    copyPixels(frame);
    if (firstTimestampMicros == Long.MIN_VALUE) {
      firstTimestampMicros = frame.timestamp;
    }
    timeSeconds = Math.max(0, frame.timestamp - firstTimestampMicros) / 1_000_000.0;
    return true;
  }

  /** Rows of {@code width · 3} bytes, no padding; overwritten by the next call to {@link #next()}. */
  byte[] pixels() {
    return pixels;
  }

  double timeSeconds() {
    return timeSeconds;
  }

  @Nullable String containerMetadata(String key) {
    return grabber.getMetadata(key);
  }

  @Override
  public void close() {
    closeQuietly(grabber);
  }

  private void copyPixels(Frame frame) {
    if (frame.imageWidth != width || frame.imageHeight != height || frame.image == null
        || !(frame.image[0] instanceof ByteBuffer buffer)) {
      throw new MediaException("decode_failed", "the decoder returned a frame in an unexpected layout");
    }
    int rowBytes = width * 3;
    for (int row = 0; row < height; row++) {
      buffer.get(row * frame.imageStride, pixels, row * rowBytes, rowBytes);
    }
  }

  private static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception ignored) {
      // Releasing native decoder state cannot fail in a way the caller could act on.
    }
  }
}
