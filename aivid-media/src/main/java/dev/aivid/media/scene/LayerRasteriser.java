package dev.aivid.media.scene;

import org.jspecify.annotations.Nullable;

/**
 * Draws a layer texture into an RGB frame with an exact perspective mapping and nearest-texel sampling.
 *
 * <p>For screen pixel centre (u, v) the view ray is {@code D = N·((u - W/2)/f, -(v - H/2)/f, -1)} in start-camera
 * coordinates ({@code N} = this camera's axes there); it meets the plane {@code z = -d} at {@code o + k·D/D.z} with
 * {@code k = -d - o.z}, which the start camera sees at pixel {@code (W/2 + f0·x/d, H/2 - f0·y/d)}. {@code D} is
 * linear in u and v, so along a row three sums and one division give the texel. When the camera has not turned
 * relative to the start (trucks, dollies, cranes, zooms) {@code D.z} is constant, columns and rows map independently,
 * and the mapping becomes two lookup tables per frame. Texels are found through fold tables, which is how mirrored
 * layers repeat beyond their rectangle at no cost per pixel.
 */
final class LayerRasteriser {

  private static final double UNTURNED = 1e-12;
  private static final double PARALLEL = -1e-9;

  private LayerRasteriser() {}

  /**
   * Whether the opaque texture covers every screen pixel for this camera, so nothing behind it needs drawing. Checking
   * the four screen corners suffices: the mapping is projective with a denominator of one sign over the screen, so the
   * screen maps to the convex quadrilateral spanned by the corners' images.
   */
  static boolean coversScreen(LayerTexture texture, FrameCamera camera) {
    if (!texture.opaque) {
      return false;
    }
    double[] point = new double[2];
    for (int corner = 0; corner < 4; corner++) {
      double u = (corner & 1) == 0 ? 0 : camera.width;
      double v = (corner & 2) == 0 ? 0 : camera.height;
      if (!camera.startPixelOf(u, v, texture.depth, point)) {
        return false;
      }
      double column = (point[0] - texture.originX) * texture.densityX + texture.columnShift;
      double row = (point[1] - texture.originY) * texture.densityY + texture.rowShift;
      // Half a texel of slack keeps nearest-texel rounding at the border inside the texture.
      if (column < 0.5 || column > texture.columnFold.length - 0.5 || row < 0.5 || row > texture.rowFold.length - 0.5) {
        return false;
      }
    }
    return true;
  }

  static void draw(LayerTexture texture, FrameCamera camera, int[] frame) {
    double depth = texture.depth;
    double k = -depth - camera.originZ;
    if (!(k < -FrameCamera.NEAR)) {
      return;
    }
    int width = camera.width;
    int[] bounds = screenBounds(texture, camera);
    if (bounds == null) {
      return;
    }
    double[] n = camera.relative;
    double f = camera.focal;
    int height = camera.height;
    // D = directionU·u + directionV·v + directionOrigin, each {x, y, z}.
    double[] d = {
      n[0] / f, n[3] / f, n[6] / f,
      -n[1] / f, -n[4] / f, -n[7] / f,
      -n[0] * width / (2 * f) + n[1] * height / (2 * f) - n[2],
      -n[3] * width / (2 * f) + n[4] * height / (2 * f) - n[5],
      -n[6] * width / (2 * f) + n[7] * height / (2 * f) - n[8]
    };
    // Fold-table index = columnOffset + columnScale·D.x/D.z, and likewise for rows.
    double scale = camera.startFocal * k / depth;
    double columnOffset =
        (width / 2.0 + camera.startFocal * camera.originX / depth - texture.originX) * texture.densityX
            + texture.columnShift;
    double columnScale = scale * texture.densityX;
    double rowOffset =
        (height / 2.0 - camera.startFocal * camera.originY / depth - texture.originY) * texture.densityY
            + texture.rowShift;
    double rowScale = -scale * texture.densityY;
    boolean unturned = Math.abs(d[1]) < UNTURNED && Math.abs(d[2]) < UNTURNED && Math.abs(d[3]) < UNTURNED
        && Math.abs(d[5]) < UNTURNED;
    if (unturned) {
      drawSeparable(texture, frame, width, bounds, d, columnOffset, columnScale, rowOffset, rowScale);
    } else {
      drawPerspective(texture, frame, width, bounds, d, columnOffset, columnScale, rowOffset, rowScale);
    }
  }

  private static void drawSeparable(LayerTexture texture, int[] frame, int width, int[] bounds, double[] d,
      double columnOffset, double columnScale, double rowOffset, double rowScale) {
    double denominator = d[8];
    if (!(denominator < PARALLEL)) {
      return;
    }
    int[] columnFold = texture.columnFold;
    int[] rowFold = texture.rowFold;
    int x0 = bounds[0];
    int[] columns = new int[bounds[1] - x0];
    // The column is monotonic in x, so the columns inside the fold table are one contiguous run.
    int first = -1;
    int last = -2;
    for (int x = x0; x < bounds[1]; x++) {
      double column = columnOffset + columnScale * (d[0] * (x + 0.5) + d[6]) / denominator;
      if (column >= 0 && column < columnFold.length) {
        columns[x - x0] = columnFold[(int) column];
        if (first < 0) {
          first = x;
        }
        last = x;
      }
    }
    if (first < 0) {
      return;
    }
    int[] texels = texture.texels;
    int textureWidth = texture.width;
    boolean opaque = texture.opaque;
    for (int y = bounds[2]; y < bounds[3]; y++) {
      double row = rowOffset + rowScale * (d[4] * (y + 0.5) + d[7]) / denominator;
      if (!(row >= 0 && row < rowFold.length)) {
        continue;
      }
      int textureRow = rowFold[(int) row] * textureWidth;
      int frameRow = y * width;
      if (opaque) {
        for (int x = first; x <= last; x++) {
          frame[frameRow + x] = texels[textureRow + columns[x - x0]];
        }
      } else {
        for (int x = first; x <= last; x++) {
          int texel = texels[textureRow + columns[x - x0]];
          if (texel >>> 24 != 0) {
            frame[frameRow + x] = over(texel, frame[frameRow + x]);
          }
        }
      }
    }
  }

  private static void drawPerspective(LayerTexture texture, int[] frame, int width, int[] bounds, double[] d,
      double columnOffset, double columnScale, double rowOffset, double rowScale) {
    int[] texels = texture.texels;
    int textureWidth = texture.width;
    int[] columnFold = texture.columnFold;
    int[] rowFold = texture.rowFold;
    boolean opaque = texture.opaque;
    double uX = d[0];
    double uY = d[1];
    double uZ = d[2];
    for (int y = bounds[2]; y < bounds[3]; y++) {
      double v = y + 0.5;
      double rowX = d[3] * v + d[6];
      double rowY = d[4] * v + d[7];
      double rowZ = d[5] * v + d[8];
      int frameRow = y * width;
      for (int x = bounds[0]; x < bounds[1]; x++) {
        double u = x + 0.5;
        double denominator = uZ * u + rowZ;
        if (!(denominator < PARALLEL)) {
          continue;
        }
        double reciprocal = 1 / denominator;
        double column = columnOffset + columnScale * (uX * u + rowX) * reciprocal;
        double row = rowOffset + rowScale * (uY * u + rowY) * reciprocal;
        if (!(column >= 0 && column < columnFold.length && row >= 0 && row < rowFold.length)) {
          continue;
        }
        int texel = texels[rowFold[(int) row] * textureWidth + columnFold[(int) column]];
        frame[frameRow + x] = opaque ? texel : over(texel, frame[frameRow + x]);
      }
    }
  }

  /** Screen pixels that may show the texture, {x0, x1, y0, y1} with exclusive ends; null when none. */
  private static int @Nullable [] screenBounds(LayerTexture texture, FrameCamera camera) {
    double left = texture.originX - texture.columnShift / texture.densityX;
    double top = texture.originY - texture.rowShift / texture.densityY;
    double right = left + texture.columnFold.length / texture.densityX;
    double bottom = top + texture.rowFold.length / texture.densityY;
    double[] screen = new double[2];
    double minimumX = Double.POSITIVE_INFINITY;
    double maximumX = Double.NEGATIVE_INFINITY;
    double minimumY = Double.POSITIVE_INFINITY;
    double maximumY = Double.NEGATIVE_INFINITY;
    for (int corner = 0; corner < 4; corner++) {
      double x = (corner & 1) == 0 ? left : right;
      double y = (corner & 2) == 0 ? top : bottom;
      if (!camera.screenOf(x, y, texture.depth, screen)) {
        // Part of the plane is behind the camera: scan the whole screen and let each ray decide.
        return new int[] {0, camera.width, 0, camera.height};
      }
      minimumX = Math.min(minimumX, screen[0]);
      maximumX = Math.max(maximumX, screen[0]);
      minimumY = Math.min(minimumY, screen[1]);
      maximumY = Math.max(maximumY, screen[1]);
    }
    int x0 = (int) Math.max(0, Math.floor(minimumX));
    int x1 = (int) Math.min(camera.width, Math.ceil(maximumX));
    int y0 = (int) Math.max(0, Math.floor(minimumY));
    int y1 = (int) Math.min(camera.height, Math.ceil(maximumY));
    if (x0 >= x1 || y0 >= y1) {
      return null;
    }
    return new int[] {x0, x1, y0, y1};
  }

  /** Source-over of a non-premultiplied ARGB texel onto an RGB pixel. */
  static int over(int texel, int pixel) {
    int alpha = texel >>> 24;
    if (alpha == 0xFF) {
      return texel;
    }
    if (alpha == 0) {
      return pixel;
    }
    int inverse = 255 - alpha;
    int red = blend((texel >> 16) & 0xFF, (pixel >> 16) & 0xFF, alpha, inverse);
    int green = blend((texel >> 8) & 0xFF, (pixel >> 8) & 0xFF, alpha, inverse);
    int blue = blend(texel & 0xFF, pixel & 0xFF, alpha, inverse);
    return 0xFF000000 | (red << 16) | (green << 8) | blue;
  }

  private static int blend(int source, int target, int alpha, int inverse) {
    int sum = source * alpha + target * inverse + 128;
    // Exact rounding of sum / 255 for sums up to 65,025.
    return (sum + (sum >> 8)) >> 8;
  }
}
