package dev.aivid.media.palette;

/** The {@link dev.aivid.media.MediaException#code()} values of {@link Palettes}; image decoding keeps the codes of {@link dev.aivid.media.image.Images}. */
public final class PaletteErrors {

  /** Not a recognised palette, malformed JSON or GPL, wrong structure, or a breached size limit. */
  public static final String SYNTAX = "palette_syntax";
  public static final String EMPTY = "palette_empty";
  public static final String TOO_MANY_COLOURS = "palette_too_many_colours";
  /** A colour that is not 3 or 6 hex digits (optionally after #), or a GPL channel outside 0..255. */
  public static final String INVALID_COLOUR = "palette_invalid_colour";

  private PaletteErrors() {}
}
