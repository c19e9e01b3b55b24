package dev.aivid.media.stitch;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_0RGB;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.UntrustedInput;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The pictures of one source, letterboxed onto the board, looked up by source time: the picture on screen at a time is
 * the last decoded frame whose timestamp is not later (sample and hold), so frames repeat or drop to fit the board's
 * rate. Times must not go backwards. swscale does the scaling and the conversion to 0RGB in native code.
 */
final class SegmentFrames implements AutoCloseable {

  /** Timestamps are whole microseconds; half a millisecond absorbs their rounding against {@code j / fps}. */
  private static final long TOLERANCE_MICROS = 500;

  private final FFmpegFrameGrabber grabber;
  private final Letterbox box;
  private final int boardWidth;
  private final String label;
  private int[] shown;
  private int[] pending;
  private long pendingMicros;
  private boolean hasShown;
  private boolean hasPending;
  private boolean ended;

  private SegmentFrames(FFmpegFrameGrabber grabber, Letterbox box, int boardWidth, int boardHeight, String label) {
    this.grabber = grabber;
    this.box = box;
    this.boardWidth = boardWidth;
    this.label = label;
    this.shown = new int[boardWidth * boardHeight];
    this.pending = new int[boardWidth * boardHeight];
  }

  static SegmentFrames open(Path video, String label, int boardWidth, int boardHeight, double startSeconds) {
    var grabber = new FFmpegFrameGrabber(video.toFile());
    UntrustedInput.openOptions().forEach(grabber::setOption);
    // Chosen before start so the converted picture's buffer is sized for four bytes a pixel from the first frame.
    grabber.setPixelFormat(AV_PIX_FMT_0RGB);
    try {
      grabber.start();
      if (grabber.getVideoStream() < 0 || grabber.getImageWidth() < 1 || grabber.getImageHeight() < 1) {
        throw new MediaException(StitchErrorCodes.SEGMENT_UNREADABLE, "no video stream in " + label);
      }
      Letterbox box = Letterbox.fit(grabber.getImageWidth(), grabber.getImageHeight(), grabber.getAspectRatio(),
          boardWidth, boardHeight);
      grabber.setImageWidth(box.width());
      grabber.setImageHeight(box.height());
      if (startSeconds > 0) {
        // JavaCV decodes from the preceding key frame up to the target; the next frame grabbed is the one on screen.
        grabber.setVideoTimestamp(Math.round(startSeconds * 1e6));
      }
      return new SegmentFrames(grabber, box, boardWidth, boardHeight, label);
    } catch (FrameGrabber.Exception | RuntimeException failure) {
      closeQuietly(grabber);
      if (failure instanceof MediaException media) {
        throw media;
      }
      throw new MediaException(StitchErrorCodes.SEGMENT_UNREADABLE, "cannot decode " + label, failure);
    }
  }

  /** The board-sized 0RGB picture on screen at {@code sourceSeconds}; valid until the next call. */
  int[] frameAt(double sourceSeconds) {
    long target = Math.round(sourceSeconds * 1e6) + TOLERANCE_MICROS;
    while (true) {
      if (!hasPending && !ended) {
        readPending();
      }
      if (hasPending && (!hasShown || pendingMicros <= target)) {
        int[] swap = shown;
        shown = pending;
        pending = swap;
        hasShown = true;
        hasPending = false;
      } else {
        break;
      }
    }
    if (!hasShown) {
      throw new MediaException(StitchErrorCodes.SEGMENT_UNREADABLE,
          label + " has no picture at " + sourceSeconds + " s");
    }
    return shown;
  }

  private void readPending() {
    Frame frame;
    try {
      frame = grabber.grabImage();
    } catch (FrameGrabber.Exception | RuntimeException failure) {
      throw new MediaException(StitchErrorCodes.SEGMENT_UNREADABLE, "cannot decode a frame of " + label, failure);
    }
    if (frame == null || frame.image == null) {
      ended = true;
      return;
    }
    if (frame.imageWidth != box.width() || frame.imageHeight != box.height() || frame.imageChannels != 4) {
      throw new MediaException(StitchErrorCodes.SEGMENT_UNREADABLE, "unexpected picture " + frame.imageWidth + "x"
          + frame.imageHeight + "x" + frame.imageChannels + " from " + label);
    }
    // Big-endian ints read the bytes 00 RR GG BB as 0x00RRGGBB.
    IntBuffer pixels = ((ByteBuffer) frame.image[0]).duplicate().order(ByteOrder.BIG_ENDIAN).asIntBuffer();
    int strideInts = frame.imageStride / 4;
    for (int row = 0; row < box.height(); row++) {
      pixels.get(row * strideInts, pending, (box.y() + row) * boardWidth + box.x(), box.width());
    }
    pendingMicros = frame.timestamp;
    hasPending = true;
  }

  @Override
  public void close() {
    closeQuietly(grabber);
  }

  private static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception ignored) {
      // Releasing native decoder state cannot fail in a way the caller could act on.
    }
  }
}
