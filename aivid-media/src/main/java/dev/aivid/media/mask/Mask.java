package dev.aivid.media.mask;

import java.util.Objects;

/**
 * A mask at the target size.
 *
 * @param sourceWidth width of the uploaded image before any resampling
 * @param coverage share of pixels whose value is above 0.5
 */
public record Mask(ValueGrid grid, int sourceWidth, int sourceHeight, double coverage) {

  public Mask {
    Objects.requireNonNull(grid, "grid");
  }

  public boolean resampled() {
    return sourceWidth != grid.width() || sourceHeight != grid.height();
  }
}
