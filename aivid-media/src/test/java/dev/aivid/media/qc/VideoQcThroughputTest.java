package dev.aivid.media.qc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints how fast a check runs on a typical delivery; informative only, nothing about speed is asserted. */
class VideoQcThroughputTest {

  @TempDir
  Path directory;

  @Test
  void checksATenSecond720pClipAndPrintsTheThroughput() {
    Path smooth = SyntheticClips.record(directory.resolve("smooth.mp4"), "mp4", "libopenh264", 1280, 720, 24, 240,
        SyntheticClips::movingGradient);
    var texture = SyntheticClips.detailedTexture(1280 + 2 * 240, 720, 5);
    Path detailed = SyntheticClips.record(directory.resolve("detailed.mp4"), "mp4", "libopenh264", 1280, 720, 24,
        240, SyntheticClips.pan(texture, 2));

    measure("smooth gradient", smooth);
    measure("detailed pan", detailed);
  }

  private static void measure(String name, Path clip) {
    QcOrder order = new QcOrder(1280, 720, 10, 24.0, 0.1);
    VideoQc.check(clip, order);

    long started = System.nanoTime();
    QcReport report = VideoQc.check(clip, order);
    double seconds = (System.nanoTime() - started) / 1e9;

    System.out.printf(Locale.ROOT, "QC throughput (%s): %d frames of 1280x720 H.264 in %.3f s = %.0f frames/s%n",
        name, report.frameCount(), seconds, report.frameCount() / seconds);
    assertThat(report.frameCount()).isEqualTo(240);
    assertThat(report.passes()).isTrue();
  }
}
