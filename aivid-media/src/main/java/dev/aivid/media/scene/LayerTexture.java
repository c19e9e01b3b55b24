package dev.aivid.media.scene;

/**
 * A layer ready to rasterise: ARGB texels laid over a rectangle of the layer plane, addressed in start-frame pixels.
 * Texel (i, j) covers start-frame pixels {@code originX + i / densityX} .. {@code originX + (i + 1) / densityX} (and
 * likewise in y). A mirrored texture continues beyond its rectangle as its mirror image (…, 1, 0 | 0, 1, …, n-1 |
 * n-1, …) for {@value #MIRROR_REPEATS} widths and heights each way; otherwise nothing lies outside it.
 */
final class LayerTexture {

  static final int MIRROR_REPEATS = 8;

  final int[] texels;
  final int width;
  final int height;
  final double originX;
  final double originY;
  final double densityX;
  final double densityY;
  final double depth;
  final LayerRole role;
  final boolean opaque;
  final boolean mirrored;
  /**
   * Texel column for {@code floor(x) + columnShift}, where x is the texel coordinate measured from the rectangle's
   * left edge; one entry per texel coordinate the texture answers for. Likewise {@link #rowFold}.
   */
  final int[] columnFold;
  final int[] rowFold;
  final int columnShift;
  final int rowShift;

  LayerTexture(int[] texels, int width, int height, double originX, double originY, double densityX, double densityY,
      double depth, LayerRole role, boolean mirrored) {
    if (width < 1 || height < 1 || texels.length != width * height) {
      throw new IllegalArgumentException("texture of " + width + "x" + height + " with " + texels.length + " texels");
    }
    this.texels = texels;
    this.width = width;
    this.height = height;
    this.originX = originX;
    this.originY = originY;
    this.densityX = densityX;
    this.densityY = densityY;
    this.depth = depth;
    this.role = role;
    this.mirrored = mirrored;
    this.opaque = isOpaque(texels);
    this.columnShift = mirrored ? MIRROR_REPEATS * width : 0;
    this.rowShift = mirrored ? MIRROR_REPEATS * height : 0;
    this.columnFold = fold(width, columnShift, mirrored);
    this.rowFold = fold(height, rowShift, mirrored);
  }

  private static int[] fold(int size, int shift, boolean mirrored) {
    int[] indices = new int[mirrored ? (2 * MIRROR_REPEATS + 1) * size : size];
    for (int index = 0; index < indices.length; index++) {
      int folded = Math.floorMod(index - shift, 2 * size);
      indices[index] = folded < size ? folded : 2 * size - 1 - folded;
    }
    return indices;
  }

  private static boolean isOpaque(int[] texels) {
    for (int texel : texels) {
      if ((texel >>> 24) != 0xFF) {
        return false;
      }
    }
    return true;
  }
}
