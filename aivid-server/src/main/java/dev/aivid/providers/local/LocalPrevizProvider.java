package dev.aivid.providers.local;

import dev.aivid.media.MediaException;
import dev.aivid.media.image.Images;
import dev.aivid.media.previz.PrevizRenderer;
import dev.aivid.media.previz.PrevizSpec;
import dev.aivid.media.scene.SceneRenderer;
import dev.aivid.media.sound.AudioMuxer;
import dev.aivid.media.sound.FoleyTrack;
import dev.aivid.media.sound.TrackTrimmer;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.RenderStatus;
import dev.aivid.providers.VideoProvider;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default provider: renders in this process with the previz engine. Renders are
 * CPU-bound, so they run on a small bounded pool; a full queue answers 429 like a busy provider.
 */
public final class LocalPrevizProvider implements VideoProvider, AutoCloseable {
  public static final String NAME = "local";
  private static final int FRAMES_PER_SECOND = 24;

  private final PrevizRenderer renderer = new PrevizRenderer();
  private final SceneRenderer sceneRenderer = new SceneRenderer();
  private final Path workDirectory;
  private final ThreadPoolExecutor executor;
  private final Map<String, LocalRender> renders = new ConcurrentHashMap<>();

  public LocalPrevizProvider(Path workDirectory, int renderThreads, int queueCapacity) {
    this.workDirectory = workDirectory;
    AtomicInteger threadNumber = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            renderThreads,
            renderThreads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            runnable -> {
              Thread thread = new Thread(runnable, "previz-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      Files.createDirectories(workDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + workDirectory, e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean rendersInThisProcess() {
    return true;
  }

  @Override
  public List<ControlVerdict> translate(RenderRequest request) {
    return StackScene.wanted(request) ? StackScene.plannedVerdicts(request) : List.of();
  }

  @Override
  public ProviderOutcome<String> submit(RenderRequest request) {
    if (StackScene.wanted(request)) {
      return submitScene(request);
    }
    PrevizSpec spec;
    try {
      spec =
          new PrevizSpec(
              request.width(),
              request.height(),
              request.seconds(),
              FRAMES_PER_SECOND,
              request.prompt(),
              request.seed(),
              firstFrame(request.firstFrameImage()));
    } catch (MediaException e) {
      return new ProviderOutcome.ProviderError<>(400, e.code(), e.getMessage(), null);
    } catch (IllegalArgumentException e) {
      return new ProviderOutcome.ProviderError<>(400, "invalid_render_request", e.getMessage(), null);
    }
    String handle = "local_" + UUID.randomUUID();
    LocalRender render = new LocalRender(workDirectory.resolve(handle + ".mp4"));
    renders.put(handle, render);
    try {
      render.future = executor.submit(() -> run(spec, render));
      return new ProviderOutcome.Success<>(handle);
    } catch (RejectedExecutionException e) {
      renders.remove(handle);
      return new ProviderOutcome.ProviderError<>(
          429, "local_engine_busy", "The local engine's queue is full", Duration.ofSeconds(2));
    }
  }

  /**
   * Renders a preview now, on the calling thread (previews are small and must answer at once): the
   * whole stack as a scene plus its soundtrack, into {@code output}.
   */
  public PreviewRender preview(RenderRequest request, Path output) {
    long start = System.nanoTime();
    StackScene scene = StackScene.of(request, workDirectory);
    double prepared = (System.nanoTime() - start) / 1e6;
    var timings = sceneRenderer.render(scene.spec(), output, (done, total) -> {});
    List<Integer> landings = List.of();
    StackScene.Soundtrack soundtrack = scene.soundtrack();
    if (soundtrack != null) {
      mixAndMux(request, soundtrack, output);
      landings = soundtrack.landingFrames();
    }
    return new PreviewRender(
        timings.frameCount(),
        prepared,
        prepared + timings.firstFrameMillis(),
        (System.nanoTime() - start) / 1e6,
        scene.spec().beatTimesSeconds(),
        landings,
        scene.verdicts());
  }

  private static void mixAndMux(RenderRequest request, StackScene.Soundtrack soundtrack, Path output) {
    int samples = (int) Math.round(request.seconds() * (double) StackScene.AUDIO_SAMPLE_RATE);
    float[] base =
        soundtrack.music() == null
            ? new float[samples]
            : TrackTrimmer.fit(soundtrack.music(), StackScene.AUDIO_SAMPLE_RATE, request.seconds());
    float[] mixed = FoleyTrack.mix(base, StackScene.AUDIO_SAMPLE_RATE, soundtrack.landingSeconds(), request.seed());
    AudioMuxer.mux(output, mixed, StackScene.AUDIO_SAMPLE_RATE, request.seconds(), output);
  }

  /** A stack render: the whole scene, then the soundtrack (music and Foley) muxed in. */
  private ProviderOutcome<String> submitScene(RenderRequest request) {
    String handle = "local_" + UUID.randomUUID();
    LocalRender render = new LocalRender(workDirectory.resolve(handle + ".mp4"));
    renders.put(handle, render);
    try {
      render.future =
          executor.submit(
              () -> {
                try {
                  StackScene scene = StackScene.of(request, workDirectory);
                  sceneRenderer.render(
                      scene.spec(),
                      render.output,
                      (done, total) -> render.percent.set((int) (90L * done / Math.max(1, total))));
                  StackScene.Soundtrack soundtrack = scene.soundtrack();
                  List<String> notes = List.of();
                  if (soundtrack != null) {
                    mixAndMux(request, soundtrack, render.output);
                    if (!soundtrack.landingFrames().isEmpty()) {
                      notes = List.of("Foley hits mixed on the rig's landing frames " + soundtrack.landingFrames() + " (local previz)");
                    }
                  }
                  render.result.set(new RenderStatus.Succeeded(request.seconds(), notes));
                } catch (MediaException e) {
                  render.result.set(new RenderStatus.Failed(e.code(), e.getMessage()));
                } catch (RuntimeException e) {
                  render.result.set(new RenderStatus.Failed("render_failed", String.valueOf(e.getMessage())));
                }
              });
      return new ProviderOutcome.Success<>(handle);
    } catch (RejectedExecutionException e) {
      renders.remove(handle);
      return new ProviderOutcome.ProviderError<>(
          429, "local_engine_busy", "The local engine's queue is full", Duration.ofSeconds(2));
    }
  }

  private static @Nullable BufferedImage firstFrame(byte @Nullable [] image) {
    return image == null ? null : Images.decode(image);
  }

  private void run(PrevizSpec spec, LocalRender render) {
    try {
      renderer.render(
          spec,
          render.output,
          (done, total) -> render.percent.set((int) (100L * done / Math.max(1, total))));
      render.result.set(new RenderStatus.Succeeded(spec.seconds()));
    } catch (MediaException e) {
      render.result.set(new RenderStatus.Failed(e.code(), e.getMessage()));
    } catch (RuntimeException e) {
      render.result.set(new RenderStatus.Failed("render_failed", String.valueOf(e.getMessage())));
    }
  }

  @Override
  public ProviderOutcome<RenderStatus> poll(String handle) {
    LocalRender render = renders.get(handle);
    if (render == null) {
      return new ProviderOutcome.Success<>(new RenderStatus.Lost());
    }
    RenderStatus finished = render.result.get();
    return new ProviderOutcome.Success<>(
        finished != null ? finished : new RenderStatus.Running(render.percent.get()));
  }

  @Override
  public ProviderOutcome<Path> fetch(String handle, Path target) {
    LocalRender render = renders.get(handle);
    if (render == null || !(render.result.get() instanceof RenderStatus.Succeeded)) {
      return new ProviderOutcome.ProviderError<>(
          404, "render_not_available", "No finished local render " + handle, null);
    }
    try {
      Files.move(render.output, target, StandardCopyOption.REPLACE_EXISTING);
      renders.remove(handle);
      return new ProviderOutcome.Success<>(target);
    } catch (IOException e) {
      return new ProviderOutcome.TransportFailure<>("Cannot move local render: " + e.getMessage());
    }
  }

  @Override
  public ProviderOutcome<Boolean> cancel(String handle) {
    LocalRender render = renders.remove(handle);
    if (render == null) {
      return new ProviderOutcome.Success<>(false);
    }
    Future<?> future = render.future;
    if (future != null) {
      future.cancel(true);
    }
    try {
      Files.deleteIfExists(render.output);
    } catch (IOException ignored) {
      // The renderer deletes its partial output on interruption; this is only a second try.
    }
    return new ProviderOutcome.Success<>(true);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class LocalRender {
    final Path output;
    final AtomicInteger percent = new AtomicInteger();
    final AtomicReference<@Nullable RenderStatus> result = new AtomicReference<>();
    volatile @Nullable Future<?> future;

    LocalRender(Path output) {
      this.output = output;
    }
  }
}
