package dev.aivid.media.previz;

import java.awt.image.BufferedImage;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to render.
 *
 * @param firstFrame the reference image that becomes the first frame (scaled to cover); a seeded backdrop when absent
 */
public record PrevizSpec(
    int width,
    int height,
    int seconds,
    int framesPerSecond,
    String prompt,
    long seed,
    @Nullable BufferedImage firstFrame) {

  public static final int MIN_SIDE = 16;
  public static final int MAX_WIDTH = 3840;
  public static final int MAX_HEIGHT = 2160;
  public static final int MAX_SECONDS = 60;
  public static final int MAX_FRAMES_PER_SECOND = 60;

  public PrevizSpec {
    requireEvenWithin("width", width, MAX_WIDTH);
    requireEvenWithin("height", height, MAX_HEIGHT);
    requireWithin("seconds", seconds, 1, MAX_SECONDS);
    requireWithin("framesPerSecond", framesPerSecond, 1, MAX_FRAMES_PER_SECOND);
    Objects.requireNonNull(prompt, "prompt");
  }

  public int frameCount() {
    return seconds * framesPerSecond;
  }

  private static void requireEvenWithin(String name, int value, int max) {
    requireWithin(name, value, MIN_SIDE, max);
    // yuv420p subsamples chroma by two in both directions.
    if (value % 2 != 0) {
      throw new IllegalArgumentException(name + " must be even, was " + value);
    }
  }

  private static void requireWithin(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", was " + value);
    }
  }
}
