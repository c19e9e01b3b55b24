package dev.aivid.media.stitch;

/**
 * Where a source picture sits on the board: scaled to fit inside it with its display aspect kept, centred; the rest
 * of the board is black.
 */
record Letterbox(int x, int y, int width, int height) {

  /**
   * @param sampleAspect width of a source pixel relative to its height (anamorphic sources); 0 or less means square
   */
  static Letterbox fit(int sourceWidth, int sourceHeight, double sampleAspect, int boardWidth, int boardHeight) {
    double pixelAspect = sampleAspect > 0 && Double.isFinite(sampleAspect) ? sampleAspect : 1;
    double displayWidth = sourceWidth * pixelAspect;
    double scale = Math.min(boardWidth / displayWidth, boardHeight / (double) sourceHeight);
    int width = clamp((int) Math.round(displayWidth * scale), boardWidth);
    int height = clamp((int) Math.round(sourceHeight * scale), boardHeight);
    return new Letterbox((boardWidth - width) / 2, (boardHeight - height) / 2, width, height);
  }

  private static int clamp(int value, int max) {
    return Math.max(1, Math.min(max, value));
  }
}
