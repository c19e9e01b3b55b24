package dev.aivid.media.qc;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class VideoQcPropertiesTest {

  @Property(tries = 6)
  void theFlickerScoreOfAnyClipIsBetweenZeroAndOne(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int frameCount) throws IOException {
    Path directory = Files.createTempDirectory("qc-property");
    try {
      var random = new Random(seed);
      // Extremes (black and white frames in turn) as well as arbitrary colours and shapes.
      boolean extremes = random.nextBoolean();
      long paintSeed = random.nextLong();
      Path clip = SyntheticClips.record(directory.resolve("random.mp4"), "mp4", "libopenh264", 32, 18, 24,
          frameCount, (graphics, index, width, height) -> {
            var frameRandom = new Random(paintSeed + index);
            if (extremes) {
              SyntheticClips.fill(graphics, index % 2 == 0 ? Color.BLACK : Color.WHITE, width, height);
              return;
            }
            SyntheticClips.fill(graphics, new Color(frameRandom.nextInt(0x1000000)), width, height);
            for (int shape = 0; shape < 4; shape++) {
              graphics.setColor(new Color(frameRandom.nextInt(0x1000000)));
              graphics.fillRect(frameRandom.nextInt(width), frameRandom.nextInt(height),
                  1 + frameRandom.nextInt(width), 1 + frameRandom.nextInt(height));
            }
          });

      QcReport report = VideoQc.check(clip, new QcOrder(32, 18, 1, null, 1));

      assertThat(report.flickerScore()).isBetween(0.0, 1.0);
      assertThat(report.meanAbsoluteFrameDifference()).isBetween(0.0, 255.0);
      assertThat(report.frameCount()).isEqualTo(frameCount);
    } finally {
      deleteRecursively(directory);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException failure) {
          throw new UncheckedIOException(failure);
        }
      });
    }
  }
}
