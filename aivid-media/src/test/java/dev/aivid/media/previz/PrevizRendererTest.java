package dev.aivid.media.previz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.MediaException;
import dev.aivid.media.TestMedia;
import dev.aivid.media.internal.ImageScaling;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrevizRendererTest {

  private static final String PROMPT = "A lighthouse on a cliff at dusk, waves crashing below, slow push-in";

  private final PrevizRenderer renderer = new PrevizRenderer();

  @TempDir
  Path directory;

  @Test
  void rendersAnH264Mp4OfTheRequestedSizeAndDuration() {
    Path output = directory.resolve("small.mp4");

    renderer.render(new PrevizSpec(320, 180, 2, 12, PROMPT, 7, null), output, (done, total) -> {});

    VideoInfo info = VideoProbe.probe(output);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.formatName()).contains("mp4");
    assertThat(info.width()).isEqualTo(320);
    assertThat(info.height()).isEqualTo(180);
    assertThat(info.frameCount()).isEqualTo(24);
    assertThat(info.framesPerSecond()).isCloseTo(12.0, within(0.01));
    assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.1));
    assertThat(info.hasAudio()).isFalse();
    assertThat(TestMedia.decodeFrames(output)).hasSize(24);
  }

  @Test
  void rendersARealHdClipAtTwentyFourFramesPerSecond() {
    Path output = directory.resolve("hd.mp4");

    renderer.render(new PrevizSpec(1280, 720, 4, 24, PROMPT, 7, null), output, (done, total) -> {});

    VideoInfo info = VideoProbe.probe(output);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(1280);
    assertThat(info.height()).isEqualTo(720);
    assertThat(info.frameCount()).isEqualTo(96);
    assertThat(info.durationSeconds()).isCloseTo(4.0, within(0.1));
  }

  @Test
  void writesTheIndexBeforeTheMediaDataSoPlaybackCanStartEarly() throws IOException {
    Path output = directory.resolve("faststart.mp4");

    renderer.render(new PrevizSpec(160, 90, 1, 6, "", 1, null), output, (done, total) -> {});

    String boxes = new String(Files.readAllBytes(output), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(boxes.indexOf("moov")).isPositive().isLessThan(boxes.indexOf("mdat"));
  }

  @Test
  void reportsProgressOncePerFrame() {
    List<String> calls = new ArrayList<>();

    renderer.render(new PrevizSpec(64, 36, 1, 5, "", 1, null), directory.resolve("progress.mp4"),
        (done, total) -> calls.add(done + "/" + total));

    assertThat(calls).containsExactly("1/5", "2/5", "3/5", "4/5", "5/5");
  }

  @Test
  void rendersTheSameFramesForTheSameSpecAndSeed() throws IOException {
    var spec = new PrevizSpec(320, 180, 1, 12, PROMPT, 42, null);
    Path first = directory.resolve("first.mp4");
    Path second = directory.resolve("second.mp4");

    renderer.render(spec, first, (done, total) -> {});
    renderer.render(spec, second, (done, total) -> {});

    List<BufferedImage> firstFrames = TestMedia.decodeFrames(first);
    List<BufferedImage> secondFrames = TestMedia.decodeFrames(second);
    assertThat(firstFrames).hasSameSizeAs(secondFrames);
    for (int index = 0; index < firstFrames.size(); index++) {
      assertThat(TestMedia.pixels(secondFrames.get(index))).isEqualTo(TestMedia.pixels(firstFrames.get(index)));
    }
    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
  }

  @Test
  void paintsADifferentBackdropForADifferentSeed() {
    Path one = directory.resolve("seed-1.mp4");
    Path two = directory.resolve("seed-2.mp4");

    renderer.render(new PrevizSpec(320, 180, 1, 2, "", 1, null), one, (done, total) -> {});
    renderer.render(new PrevizSpec(320, 180, 1, 2, "", 2, null), two, (done, total) -> {});

    assertThat(TestMedia.meanAbsoluteDifference(TestMedia.firstFrame(one), TestMedia.firstFrame(two))).isGreaterThan(10);
  }

  @Test
  void startsWithTheReferenceImageAsTheFirstFrame() {
    BufferedImage reference = TestMedia.picture(320, 180);
    Path output = directory.resolve("reference.mp4");

    renderer.render(new PrevizSpec(320, 180, 2, 12, PROMPT, 3, reference), output, (done, total) -> {});

    assertThat(TestMedia.meanAbsoluteDifference(TestMedia.firstFrame(output), reference)).isLessThan(4);
  }

  @Test
  void coversTheFrameWithAReferenceImageOfAnotherAspectRatio() {
    BufferedImage reference = TestMedia.picture(300, 300);
    Path output = directory.resolve("square-reference.mp4");

    renderer.render(new PrevizSpec(320, 180, 1, 4, "", 3, reference), output, (done, total) -> {});

    BufferedImage expected = ImageScaling.cover(reference, 320, 180, BufferedImage.TYPE_3BYTE_BGR);
    assertThat(TestMedia.meanAbsoluteDifference(TestMedia.firstFrame(output), expected)).isLessThan(4);
  }

  @Test
  void stopsDeletesTheOutputAndReportsCancellationWhenInterrupted() throws Exception {
    Path output = directory.resolve("cancelled.mp4");
    var firstFrameDone = new CountDownLatch(1);
    var failure = new AtomicReference<Throwable>();
    var stillInterrupted = new AtomicBoolean();
    RenderProgress progress = (done, total) -> {
      firstFrameDone.countDown();
      awaitInterruption();
    };
    var rendering = new Thread(() -> {
      try {
        renderer.render(new PrevizSpec(320, 180, 10, 24, PROMPT, 5, null), output, progress);
      } catch (Throwable thrown) {
        failure.set(thrown);
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      }
    });

    rendering.start();
    firstFrameDone.await();
    rendering.interrupt();
    rendering.join();

    assertThat(failure.get())
        .isInstanceOfSatisfying(MediaException.class, cancelled -> assertThat(cancelled.code()).isEqualTo("render_cancelled"));
    assertThat(stillInterrupted).isTrue();
    assertThat(output).doesNotExist();
    try (Stream<Path> leftovers = Files.list(directory)) {
      assertThat(leftovers).isEmpty();
    }
  }

  @Test
  void failsWithEncodeFailedWhenTheOutputCannotBeWritten() {
    Path output = directory.resolve("missing-directory").resolve("clip.mp4");

    assertThatThrownBy(() -> renderer.render(new PrevizSpec(64, 36, 1, 5, "", 1, null), output, (done, total) -> {}))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("encode_failed"));
    assertThat(output.getParent()).doesNotExist();
  }

  @Test
  void refusesToStartOnAnAlreadyInterruptedThread() {
    Path output = directory.resolve("never.mp4");
    Thread.currentThread().interrupt();
    try {
      renderer.render(new PrevizSpec(64, 36, 1, 5, "", 1, null), output, (done, total) -> {});
    } catch (MediaException cancelled) {
      assertThat(cancelled.code()).isEqualTo("render_cancelled");
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }
    assertThat(output).doesNotExist();
  }

  /** Holds the rendering thread inside its first progress callback until the test interrupts it. */
  private static void awaitInterruption() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
