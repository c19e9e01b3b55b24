package dev.aivid.providers.kling;

import dev.aivid.media.previz.PrevizRenderer;
import dev.aivid.media.previz.PrevizSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real H.264 MP4s for the fake's results, rendered once per size and length for the whole test JVM.
 * A low frame rate keeps the two-core build quick; AIVid's probe only needs real video.
 */
final class FakeKlingVideos {
  private static final int FRAMES_PER_SECOND = 8;
  private static final Map<String, Path> RENDERED = new ConcurrentHashMap<>();
  private static final PrevizRenderer RENDERER = new PrevizRenderer();

  private FakeKlingVideos() {}

  static byte[] mp4(int width, int height, int seconds) {
    Path file =
        RENDERED.computeIfAbsent(
            width + "x" + height + "x" + seconds, key -> render(width, height, seconds));
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path render(int width, int height, int seconds) {
    try {
      Path directory = Files.createTempDirectory("fake-kling");
      Path file = directory.resolve(width + "x" + height + "x" + seconds + ".mp4");
      PrevizSpec spec =
          new PrevizSpec(width, height, seconds, FRAMES_PER_SECOND, "fake kling", 7, null);
      RENDERER.render(spec, file, (done, total) -> {});
      file.toFile().deleteOnExit();
      directory.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
