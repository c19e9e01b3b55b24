package dev.aivid.media.palette;

/**
 * How colours are clustered from an image; ignored for listed palettes.
 *
 * @param clusterCount k, the most colours to return (fewer when the image has fewer distinct colours)
 * @param seed the same seed, image and options always give the same palette
 * @param maxSampledPixels larger images are subsampled to about this many pixels (one per grid cell, seeded position)
 */
public record PaletteOptions(int clusterCount, long seed, int maxSampledPixels) {

  public static final int DEFAULT_CLUSTER_COUNT = 6;
  public static final int DEFAULT_MAX_SAMPLED_PIXELS = 65_536;
  public static final PaletteOptions DEFAULTS = new PaletteOptions(DEFAULT_CLUSTER_COUNT, 0, DEFAULT_MAX_SAMPLED_PIXELS);

  public PaletteOptions {
    if (clusterCount < 1 || clusterCount > Palette.MAX_COLOURS) {
      throw new IllegalArgumentException("cluster count must be within 1.." + Palette.MAX_COLOURS + ", was " + clusterCount);
    }
    if (maxSampledPixels < 1 || maxSampledPixels > 4_194_304) {
      throw new IllegalArgumentException("max sampled pixels must be within 1..4194304, was " + maxSampledPixels);
    }
  }
}
