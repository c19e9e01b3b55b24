package dev.aivid.media.bvh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/** Loads the files under {@code src/test/resources/bvh} and parses text. */
final class BvhTestFiles {

  static final String TWO_JOINTS = "two-joints.bvh";
  static final String GRAMMAR_FEATURES = "grammar-features.bvh";
  static final String TWO_ROOTS = "two-roots.bvh";
  static final String CMU_WALK = "cmu-131_01-walk.bvh";
  static final String CMU_HOP = "cmu-131_03-hop.bvh";

  private BvhTestFiles() {}

  static byte[] bytes(String resourceName) {
    try (InputStream input = BvhTestFiles.class.getResourceAsStream("/bvh/" + resourceName)) {
      return Objects.requireNonNull(input, resourceName).readAllBytes();
    } catch (IOException failure) {
      throw new UncheckedIOException(failure);
    }
  }

  static String text(String resourceName) {
    return new String(bytes(resourceName), StandardCharsets.UTF_8);
  }

  static BvhClip parse(String text) {
    return BvhParser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  static BvhClip parseResource(String resourceName) {
    return BvhParser.parse(bytes(resourceName));
  }

  /** The first {@code frames} frames of a file, with its {@code Frames:} line rewritten to match. */
  static String firstFrames(String text, int frames) {
    String[] lines = text.split("\r?\n", -1);
    var kept = new StringBuilder();
    int frameLinesLeft = -1;
    for (String line : lines) {
      if (frameLinesLeft == 0) {
        break;
      }
      if (line.trim().toLowerCase(Locale.ROOT).startsWith("frames:")) {
        kept.append("Frames: ").append(frames).append('\n');
        continue;
      }
      kept.append(line).append('\n');
      if (line.trim().toLowerCase(Locale.ROOT).startsWith("frame time:")) {
        frameLinesLeft = frames;
      } else if (frameLinesLeft > 0) {
        frameLinesLeft--;
      }
    }
    return kept.toString();
  }
}
