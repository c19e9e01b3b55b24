package dev.aivid.media.scene;

import dev.aivid.media.internal.PartialFiles;
import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import dev.aivid.media.previz.RenderProgress;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Renders previz scenes to H.264 MP4 in-process; one instance may serve concurrent renders. */
public final class SceneRenderer {

  public SceneRenderer() {}

  /**
   * Renders {@code spec} to an H.264 (libopenh264, yuv420p) MP4 at {@code output} with the index first, exactly
   * {@code spec.frameCount()} frames at {@code spec.framesPerSecond()}. Deterministic for a spec. Honours Thread
   * interruption between frames: stops, deletes the partial output, throws MediaException("render_cancelled") and
   * leaves the interrupt flag set. Encoding failures are MediaException("encode_failed").
   */
  public SceneRenderTimings render(SceneSpec spec, Path output, RenderProgress progress) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(progress, "progress");
    long started = System.nanoTime();
    FFmpegLibraries.ensureLoaded();
    throwIfInterrupted();
    PreparedScene scene = PreparedScene.prepare(spec);
    long prepared = System.nanoTime();
    Path partial = PartialFiles.beside(output, ".partial");
    boolean encoded = false;
    var firstFramePainted = new AtomicLong();
    try {
      encode(scene, partial, progress, firstFramePainted);
      encoded = true;
    } finally {
      if (!encoded) {
        PartialFiles.deleteQuietly(partial);
      }
    }
    PartialFiles.moveIntoPlace(partial, output, "encode_failed", "rendered clip");
    long finished = System.nanoTime();
    return new SceneRenderTimings(spec.frameCount(), millis(prepared - started),
        millis(firstFramePainted.get() - started), millis(finished - started));
  }

  /** One frame, painted without encoding, for previews and tests; prepares the scene on each call. */
  public BufferedImage renderFrame(SceneSpec spec, int frameIndex) {
    return PreparedScene.prepare(spec).frame(frameIndex);
  }

  /** Paints the next frame on a helper thread while the caller's thread encodes the current one. */
  private static void encode(PreparedScene scene, Path partial, RenderProgress progress, AtomicLong firstFramePainted) {
    ExecutorService painter = Executors.newSingleThreadExecutor(SceneRenderer::painterThread);
    try (var encoder = SceneEncoder.open(scene.spec(), partial)) {
      BufferedImage[] canvases = {scene.newCanvas(), scene.newCanvas()};
      int total = scene.frameCount();
      Future<?> painted = painter.submit(() -> {
        scene.paint(0, canvases[0]);
        firstFramePainted.set(System.nanoTime());
      });
      for (int frameIndex = 0; frameIndex < total; frameIndex++) {
        throwIfInterrupted();
        awaitPainting(painted);
        if (frameIndex + 1 < total) {
          int nextIndex = frameIndex + 1;
          painted = painter.submit(() -> scene.paint(nextIndex, canvases[nextIndex % 2]));
        }
        encoder.write(canvases[frameIndex % 2]);
        progress.onFrame(frameIndex + 1, total);
      }
      encoder.finish();
    } finally {
      painter.shutdownNow();
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
    var thread = new Thread(task, "scene-painter");
    thread.setDaemon(true);
    return thread;
  }

  private static void throwIfInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new MediaException("render_cancelled", "rendering was interrupted");
    }
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }


}
