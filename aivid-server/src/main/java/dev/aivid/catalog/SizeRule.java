package dev.aivid.catalog;

import java.util.List;

/** Which frame sizes a model renders: a closed list, or any even size within bounds. */
public record SizeRule(
    VideoSize defaultSize, List<VideoSize> allowed, int maxWidth, int maxHeight, long maxPixels) {
  private static final int MIN_EDGE = 16;

  public SizeRule {
    allowed = List.copyOf(allowed);
  }

  public boolean accepts(VideoSize size) {
    if (!allowed.isEmpty()) {
      return allowed.contains(size);
    }
    return size.width() % 2 == 0
        && size.height() % 2 == 0
        && size.width() >= MIN_EDGE
        && size.height() >= MIN_EDGE
        && size.width() <= maxWidth
        && size.height() <= maxHeight
        && (long) size.width() * size.height() <= maxPixels;
  }

  public String describe() {
    return allowed.isEmpty()
        ? "even width and height from "
            + MIN_EDGE
            + " to "
            + maxWidth
            + "x"
            + maxHeight
            + ", at most "
            + maxPixels
            + " pixels"
        : "one of " + allowed;
  }
}
