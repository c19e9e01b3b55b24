package dev.aivid.providers.seedance;

import dev.aivid.media.previz.PrevizRenderer;
import dev.aivid.media.previz.PrevizSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real H.264 MP4s for the fake's result URLs, at the pixel size Seedance 2.0 gives a ratio and
 * resolution (providers.md §3.2, vercel/ai RESOLUTION_MAP). Rendered once per size and length and
 * shared by every fake in the JVM.
 */
final class FakeSeedanceVideos {
  private static final Map<String, int[]> SIZES =
      Map.ofEntries(
          Map.entry("480p 16:9", new int[] {864, 496}),
          Map.entry("480p 4:3", new int[] {752, 560}),
          Map.entry("480p 1:1", new int[] {640, 640}),
          Map.entry("480p 3:4", new int[] {560, 752}),
          Map.entry("480p 9:16", new int[] {496, 864}),
          Map.entry("480p 21:9", new int[] {992, 432}),
          Map.entry("720p 16:9", new int[] {1280, 720}),
          Map.entry("720p 4:3", new int[] {1112, 834}),
          Map.entry("720p 1:1", new int[] {960, 960}),
          Map.entry("720p 3:4", new int[] {834, 1112}),
          Map.entry("720p 9:16", new int[] {720, 1280}),
          Map.entry("720p 21:9", new int[] {1470, 630}),
          Map.entry("1080p 16:9", new int[] {1920, 1080}),
          Map.entry("1080p 4:3", new int[] {1664, 1248}),
          Map.entry("1080p 1:1", new int[] {1440, 1440}),
          Map.entry("1080p 3:4", new int[] {1248, 1664}),
          Map.entry("1080p 9:16", new int[] {1080, 1920}),
          Map.entry("1080p 21:9", new int[] {2206, 946}));
  private static final Map<String, Path> RENDERED = new ConcurrentHashMap<>();
  private static volatile Path directory;

  private FakeSeedanceVideos() {}

  /** Width and height for a ratio ({@code adaptive} renders 16:9) and resolution. */
  static int[] size(String resolution, String ratio) {
    int[] size = SIZES.get(resolution + " " + (ratio.equals("adaptive") ? "16:9" : ratio));
    if (size == null) {
      throw new IllegalArgumentException("no Seedance size for " + resolution + " " + ratio);
    }
    return size;
  }

  static Path video(int width, int height, int seconds) {
    return RENDERED.computeIfAbsent(
        width + "x" + height + "x" + seconds,
        key -> {
          Path output = directory().resolve("seedance-" + key + ".mp4");
          // PrevizSpec stops at 3840x2160; the tallest Seedance size (946x2206) is scaled to fit.
          double scale = Math.min(1.0, Math.min(3840.0 / width, 2160.0 / height));
          int renderWidth = even(width * scale);
          int renderHeight = even(height * scale);
          new PrevizRenderer()
              .render(
                  new PrevizSpec(renderWidth, renderHeight, seconds, 24, "seedance fake " + key, 7, null),
                  output,
                  (done, total) -> {});
          output.toFile().deleteOnExit();
          return output;
        });
  }

  private static int even(double value) {
    return ((int) Math.floor(value)) & ~1;
  }

  private static synchronized Path directory() {
    if (directory == null) {
      try {
        directory = Files.createTempDirectory("fake-seedance-videos");
        directory.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return directory;
  }
}
