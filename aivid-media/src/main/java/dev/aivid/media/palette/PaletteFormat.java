package dev.aivid.media.palette;

/** Where a palette came from. */
public enum PaletteFormat {
  /** A JSON array of hex colours, or an object with {@code name} and {@code colours}. */
  JSON,
  /** A GIMP palette ({@code .gpl}). */
  GIMP,
  /** Colours clustered from a PNG, JPEG or WebP image. */
  IMAGE
}
