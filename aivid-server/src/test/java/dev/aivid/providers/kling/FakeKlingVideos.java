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

  /** The shared render, or with a non-empty {@code look} one seeded by it and titled with it. */
  static byte[] mp4(int width, int height, int seconds, String look) {
    Path file =
        RENDERED.computeIfAbsent(
            width + "x" + height + "x" + seconds + (look.isEmpty() ? "" : "x" + look.hashCode()),
            key -> render(width, height, seconds, look));
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path render(int width, int height, int seconds, String look) {
    try {
      Path directory = Files.createTempDirectory("fake-kling");
      Path file = directory.resolve(width + "x" + height + "x" + seconds + ".mp4");
      PrevizSpec spec =
          look.isEmpty()
              ? new PrevizSpec(width, height, seconds, FRAMES_PER_SECOND, "fake kling", 7, null)
              : new PrevizSpec(width, height, seconds, FRAMES_PER_SECOND, "fake kling: " + look, look.hashCode(), null);
      RENDERER.render(spec, file, (done, total) -> {});
      file.toFile().deleteOnExit();
      directory.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
