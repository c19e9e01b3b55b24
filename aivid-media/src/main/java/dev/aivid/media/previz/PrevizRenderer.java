package dev.aivid.media.previz;

import dev.aivid.media.internal.PartialFiles;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Renders previz clips to H.264 MP4 in-process; one instance may serve concurrent renders. */
public final class PrevizRenderer {

  static final String VIDEO_CODEC = "libopenh264";
  private static final int MIN_BITRATE = 200_000;

  public PrevizRenderer() {}

  /**
   * Renders spec to an H.264 (libopenh264, yuv420p) MP4 at {@code output} with the moov atom first, exactly
   * spec.frameCount() frames at spec.framesPerSecond(), so duration == seconds. Deterministic for a given spec and
   * seed. Honors Thread interruption between frames: stops, deletes the partial output, throws
   * MediaException("render_cancelled") and leaves the thread's interrupt flag set.
   */
  public void render(PrevizSpec spec, Path output, RenderProgress progress) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(progress, "progress");
    FFmpegLibraries.ensureLoaded();
    throwIfInterrupted();
    var composer = new FrameComposer(spec);
    Path partial = PartialFiles.beside(output, ".partial");
    boolean encoded = false;
    try {
      encode(spec, composer, partial, progress);
      encoded = true;
    } finally {
      if (!encoded) {
        PartialFiles.deleteQuietly(partial);
      }
    }
    PartialFiles.moveIntoPlace(partial, output, "encode_failed", "rendered clip");
  }

  /** Paints the next frame on a helper thread while the caller's thread encodes the current one. */
  private static void encode(PrevizSpec spec, FrameComposer composer, Path partial, RenderProgress progress) {
    FFmpegFrameRecorder recorder = newRecorder(spec, partial);
    ExecutorService painter = Executors.newSingleThreadExecutor(PrevizRenderer::painterThread);
    try (var converter = new Java2DFrameConverter()) {
      recorder.start();
      BufferedImage[] canvases = {composer.newCanvas(), composer.newCanvas()};
      int total = spec.frameCount();
      Future<?> painted = painter.submit(() -> composer.compose(0, canvases[0]));
      for (int frameIndex = 0; frameIndex < total; frameIndex++) {
        throwIfInterrupted();
        awaitPainting(painted);
        if (frameIndex + 1 < total) {
          int nextIndex = frameIndex + 1;
          painted = painter.submit(() -> composer.compose(nextIndex, canvases[nextIndex % 2]));
        }
        recorder.record(converter.convert(canvases[frameIndex % 2]), AV_PIX_FMT_BGR24);
        progress.onFrame(frameIndex + 1, total);
      }
      recorder.stop();
    } catch (FrameRecorder.Exception failure) {
      throw new MediaException("encode_failed", "H.264 encoding failed: " + failure.getMessage(), failure);
    } finally {
      painter.shutdownNow();
      releaseQuietly(recorder);
    }
  }

  private static void awaitPainting(Future<?> painted) {
    try {
      painted.get();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new MediaException("render_cancelled", "rendering was interrupted");
    } catch (ExecutionException failure) {
      throw new MediaException("render_failed", "painting a frame failed: " + failure.getCause(), failure.getCause());
    }
  }

  private static Thread painterThread(Runnable task) {
    var thread = new Thread(task, "previz-painter");
    thread.setDaemon(true);
    return thread;
  }

  private static FFmpegFrameRecorder newRecorder(PrevizSpec spec, Path partial) {
    var recorder = new FFmpegFrameRecorder(partial.toFile(), spec.width(), spec.height(), 0);
    recorder.setFormat("mp4");
    recorder.setVideoCodecName(VIDEO_CODEC);
    recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(spec.framesPerSecond());
    recorder.setGopSize(spec.framesPerSecond());
    recorder.setVideoBitrate(Math.max(MIN_BITRATE, spec.width() * spec.height() / 10 * spec.framesPerSecond()));
    // Puts the index before the media data so browsers can start playing while downloading.
    recorder.setOption("movflags", "+faststart");
    return recorder;
  }

  private static void throwIfInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new MediaException("render_cancelled", "rendering was interrupted");
    }
  }


  private static void releaseQuietly(FFmpegFrameRecorder recorder) {
    try {
      recorder.release();
    } catch (FrameRecorder.Exception ignored) {
      // Nothing more can be done about native cleanup; the render outcome is already decided.
    }
  }

}
