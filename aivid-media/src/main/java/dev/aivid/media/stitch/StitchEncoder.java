package dev.aivid.media.stitch;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_0RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import dev.aivid.media.MediaException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/** H.264 (libopenh264, yuv420p) MP4 writer fed with board-sized 0RGB int pixels, one bulk copy a frame. */
final class StitchEncoder implements AutoCloseable {

  static final String VIDEO_CODEC = "libopenh264";
  private static final int MIN_BITRATE = 400_000;

  private final FFmpegFrameRecorder recorder;
  private final Frame frame;
  private final IntBuffer pixels;

  private StitchEncoder(FFmpegFrameRecorder recorder, Frame frame) {
    this.recorder = recorder;
    this.frame = frame;
    this.pixels = ((ByteBuffer) frame.image[0]).order(ByteOrder.BIG_ENDIAN).asIntBuffer();
  }

  static StitchEncoder open(StitchPlan plan, Path file) {
    int width = plan.width();
    int height = plan.height();
    var recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
    recorder.setFormat("mp4");
    recorder.setVideoCodecName(VIDEO_CODEC);
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(plan.framesPerSecond());
    recorder.setGopSize(plan.framesPerSecond());
    // The finished film, not a preview: about an eighth of a bit per pixel per frame (720p24 ≈ 2.8 Mbit/s).
    recorder.setVideoBitrate(Math.max(MIN_BITRATE, width * height / 8 * plan.framesPerSecond()));
    recorder.setOption("movflags", "+faststart");
    recorder.setMetadata(Map.of("comment", String.format(Locale.ROOT, "AIVid stitch; %d shots; %d fps",
        plan.segments().size(), plan.framesPerSecond())));
    var frame = new Frame(width, height, Frame.DEPTH_UBYTE, 4);
    try {
      if (frame.imageStride != 4 * width) {
        throw new IllegalStateException("unexpected frame stride " + frame.imageStride);
      }
      recorder.start();
    } catch (FrameRecorder.Exception | RuntimeException failure) {
      frame.close();
      releaseQuietly(recorder);
      throw new MediaException(StitchErrorCodes.ENCODE_FAILED, "H.264 encoder did not start: " + failure.getMessage(),
          failure);
    }
    return new StitchEncoder(recorder, frame);
  }

  void write(int[] board) {
    pixels.clear();
    pixels.put(board);
    try {
      recorder.record(frame, AV_PIX_FMT_0RGB);
    } catch (FrameRecorder.Exception failure) {
      throw new MediaException(StitchErrorCodes.ENCODE_FAILED, "H.264 encoding failed: " + failure.getMessage(),
          failure);
    }
  }

  void finish() {
    try {
      recorder.stop();
    } catch (FrameRecorder.Exception failure) {
      throw new MediaException(StitchErrorCodes.ENCODE_FAILED, "finishing the MP4 failed: " + failure.getMessage(),
          failure);
    }
  }

  @Override
  public void close() {
    releaseQuietly(recorder);
    frame.close();
  }

  private static void releaseQuietly(FFmpegFrameRecorder recorder) {
    try {
      recorder.release();
    } catch (FrameRecorder.Exception ignored) {
      // Nothing more can be done about native cleanup; the outcome is already decided.
    }
  }
}
