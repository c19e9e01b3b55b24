package dev.aivid.media.scene;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_0RGB;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import dev.aivid.media.MediaException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * H.264 (libopenh264) MP4 writer fed with TYPE_INT_RGB canvases: each frame's ints are copied in one bulk put into a
 * reused native buffer and handed to swscale as 0RGB, so no per-frame image conversion or allocation happens in Java.
 */
final class SceneEncoder implements AutoCloseable {

  static final String VIDEO_CODEC = "libopenh264";
  private static final int MIN_BITRATE = 200_000;

  private final FFmpegFrameRecorder recorder;
  private final Frame frame;
  private final IntBuffer pixels;

  private SceneEncoder(FFmpegFrameRecorder recorder, Frame frame) {
    this.recorder = recorder;
    this.frame = frame;
    // Big-endian ints 0x00RRGGBB are the bytes 00 RR GG BB, which is FFmpeg's 0RGB.
    this.pixels = ((ByteBuffer) frame.image[0]).order(ByteOrder.BIG_ENDIAN).asIntBuffer();
  }

  static SceneEncoder open(SceneSpec spec, Path file) {
    var recorder = new FFmpegFrameRecorder(file.toFile(), spec.width(), spec.height(), 0);
    recorder.setFormat("mp4");
    recorder.setVideoCodecName(VIDEO_CODEC);
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(spec.framesPerSecond());
    recorder.setGopSize(spec.framesPerSecond());
    recorder.setVideoBitrate(Math.max(MIN_BITRATE, spec.width() * spec.height() / 10 * spec.framesPerSecond()));
    // Puts the index before the media data so browsers can start playing while downloading.
    recorder.setOption("movflags", "+faststart");
    recorder.setMetadata(Map.of(
        "title", spec.shotName(),
        "comment", String.format(Locale.ROOT, "AIVid previz scene; seed %d; %d fps; routed to %s",
            spec.seed(), spec.framesPerSecond(), spec.modelLabel())));
    var frame = new Frame(spec.width(), spec.height(), Frame.DEPTH_UBYTE, 4);
    try {
      if (frame.imageStride != 4 * spec.width()) {
        throw new IllegalStateException("unexpected frame stride " + frame.imageStride);
      }
      recorder.start();
    } catch (FrameRecorder.Exception failure) {
      frame.close();
      releaseQuietly(recorder);
      throw new MediaException("encode_failed", "H.264 encoder did not start: " + failure.getMessage(), failure);
    }
    return new SceneEncoder(recorder, frame);
  }

  void write(BufferedImage canvas) {
    int[] data = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
    pixels.clear();
    pixels.put(data);
    try {
      recorder.record(frame, AV_PIX_FMT_0RGB);
    } catch (FrameRecorder.Exception failure) {
      throw new MediaException("encode_failed", "H.264 encoding failed: " + failure.getMessage(), failure);
    }
  }

  void finish() {
    try {
      recorder.stop();
    } catch (FrameRecorder.Exception failure) {
      throw new MediaException("encode_failed", "finishing the MP4 failed: " + failure.getMessage(), failure);
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
      // Nothing more can be done about native cleanup; the render outcome is already decided.
    }
  }
}
