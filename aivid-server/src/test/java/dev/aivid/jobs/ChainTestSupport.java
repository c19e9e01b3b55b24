package dev.aivid.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.catalog.Catalog;
import dev.aivid.config.ProviderConfig;
import dev.aivid.media.frames.FrameSampler;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.media.stitch.StitchPlan;
import dev.aivid.media.stitch.StitchSegment;
import dev.aivid.media.stitch.Stitcher;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A catalog whose local engine renders at most 2 s at once (so 5 s is a chain), and frame reading. */
final class ChainTestSupport {
  static final int LOCAL_MAX_SECONDS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChainTestSupport() {}

  /** The shipped catalog's local engine, capped at {@link #LOCAL_MAX_SECONDS}, as an override file. */
  static Path shortLocalCatalog(Path directory) {
    try {
      ObjectNode local =
          (ObjectNode) JSON.readTree(Catalog.class.getResourceAsStream("/catalog.json")).path("models").get(0).deepCopy();
      if (!local.path("id").asText().equals("local/previz")) {
        throw new IllegalStateException("the shipped catalog's first model is not local/previz");
      }
      ((ObjectNode) local.path("seconds")).put("max", LOCAL_MAX_SECONDS).put("default", 1);
      Path file = directory.resolve("short-local-catalog.json");
      Files.writeString(file, "{\"models\": [" + local + "]}");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ProviderConfig withCatalog(ProviderConfig providers, Path catalogFile) {
    return new ProviderConfig(
        providers.secretKeyBase64(),
        providers.credentials(),
        providers.retiredModelPolicy(),
        catalogFile,
        providers.allowPrivateBaseUrls());
  }

  /** The frame shown at {@code seconds} (in-process FFmpeg: a one-frame clip, sampled). */
  static BufferedImage frameAt(Path video, double seconds) {
    VideoInfo info = VideoProbe.probe(video);
    int framesPerSecond = (int) Math.round(info.framesPerSecond());
    Path still = video.resolveSibling(video.getFileName() + "-" + Math.round(seconds * 1000) + ".mp4");
    try {
      Stitcher.stitch(
          StitchPlan.of(
              info.width(),
              info.height(),
              framesPerSecond,
              List.of(StitchSegment.cut(video, "frame", "test", seconds, seconds + 1.0 / framesPerSecond))),
          still);
      return ImageIO.read(new ByteArrayInputStream(FrameSampler.thumbnailJpeg(still, info.width())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mean absolute difference per channel, 0..255. */
  static double meanAbsoluteDifference(BufferedImage first, BufferedImage second) {
    long sum = 0;
    int width = Math.min(first.getWidth(), second.getWidth());
    int height = Math.min(first.getHeight(), second.getHeight());
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int a = first.getRGB(x, y);
        int b = second.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
        }
      }
    }
    return sum / (3.0 * width * height);
  }
}
