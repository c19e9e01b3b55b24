package dev.aivid.media.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints (does not assert) how fast scenes render on this machine: time to the first preview frame and to a whole
 * 2 s 320×180 12 fps preview from the example twelve-file stack, warm; and 720p 24 fps rendering as a multiple of real
 * time beside a baseline that encodes the same number of blank frames through the same encoder in the same run.
 */
class SceneRenderingSpeedTest {

  private static final int HD_SECONDS = 4;

  private final SceneRenderer renderer = new SceneRenderer();

  @TempDir
  Path directory;

  @Test
  void printsPreviewAndHdRenderingSpeed() {
    assumeTrue(NightCourierStack.available(), "examples/night-courier is not present");

    renderer.render(NightCourierStack.load(320, 180, 2, 12), directory.resolve("warm-up.mp4"), (done, total) -> {});
    long started = System.nanoTime();
    SceneSpec preview = NightCourierStack.load(320, 180, 2, 12);
    double loadMillis = (System.nanoTime() - started) / 1e6;
    SceneRenderTimings previewTimings = renderer.render(preview, directory.resolve("preview.mp4"), (done, total) -> {});
    print("preview 320x180 12 fps 2 s, 12-file stack: load+decode %.1f ms; first frame %.1f ms after load (%.1f ms"
        + " from the files); whole MP4 %.1f ms after load (%.1f ms from the files); prepare %.1f ms",
        loadMillis, previewTimings.firstFrameMillis(), loadMillis + previewTimings.firstFrameMillis(),
        previewTimings.totalMillis(), loadMillis + previewTimings.totalMillis(), previewTimings.prepareMillis());

    SceneSpec hd = NightCourierStack.load(1280, 720, HD_SECONDS, 24);
    renderer.render(hd.toBuilder().build(), directory.resolve("hd-warm-up.mp4"), (done, total) -> {});
    SceneRenderTimings hdTimings = renderer.render(hd, directory.resolve("hd.mp4"), (done, total) -> {});
    double baselineMillis = encodeBlankFrames(hd, directory.resolve("blank.mp4"));
    double paintMillis = paintOnly(hd);
    print("720p 24 fps %d s (%d frames): scene render %.0f ms = %.2fx real time (prepare %.0f ms); baseline blank"
        + " encode %.0f ms = %.2fx real time; painting alone %.2f ms/frame",
        HD_SECONDS, hdTimings.frameCount(), hdTimings.totalMillis(), hdTimings.realTimeFactor(24),
        hdTimings.prepareMillis(), baselineMillis, HD_SECONDS * 1000 / baselineMillis,
        paintMillis / hdTimings.frameCount());
    assertThat(directory.resolve("hd.mp4")).isNotEmptyFile();
  }

  private static double encodeBlankFrames(SceneSpec spec, Path output) {
    long started = System.nanoTime();
    var blank = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_RGB);
    try (var encoder = SceneEncoder.open(spec, output)) {
      for (int frame = 0; frame < spec.frameCount(); frame++) {
        encoder.write(blank);
      }
      encoder.finish();
    }
    return (System.nanoTime() - started) / 1e6;
  }

  private static double paintOnly(SceneSpec spec) {
    PreparedScene scene = PreparedScene.prepare(spec);
    BufferedImage canvas = scene.newCanvas();
    long started = System.nanoTime();
    for (int frame = 0; frame < scene.frameCount(); frame++) {
      scene.paint(frame, canvas);
    }
    return (System.nanoTime() - started) / 1e6;
  }

  private static void print(String format, Object... arguments) {
    System.out.println("[scene speed] " + String.format(Locale.ROOT, format, arguments));
  }
}
