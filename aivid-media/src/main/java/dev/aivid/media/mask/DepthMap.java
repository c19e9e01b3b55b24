package dev.aivid.media.mask;

import java.util.Objects;

/**
 * A depth map at the target size. Values are the image's own encoding scaled to 0..1; whether bright means near or
 * far is the producer's convention and is not interpreted here.
 *
 * @param bitsPerSample 16 for 16-bit PNGs, 8 for most others
 */
public record DepthMap(
    ValueGrid grid, int sourceWidth, int sourceHeight, int bitsPerSample, double minimum, double maximum, double mean) {

  public DepthMap {
    Objects.requireNonNull(grid, "grid");
  }

  public boolean resampled() {
    return sourceWidth != grid.width() || sourceHeight != grid.height();
  }
}
