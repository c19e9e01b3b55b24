package dev.aivid.media.mask;

/**
 * The {@link dev.aivid.media.MediaException#code()} values of {@link Masks}. Bytes that are no decodable PNG, JPEG
 * or WebP keep the codes of {@link dev.aivid.media.image.Images}: {@code unsupported_image} and {@code decode_failed}.
 */
public final class MaskErrors {

  /** More than 0.1 % of the pixels have channels further apart than 12/255. */
  public static final String NOT_GREYSCALE = "mask_not_greyscale";
  /** Neither the exact target size nor its aspect ratio within 1 %; the message carries both sizes. */
  public static final String SIZE_MISMATCH = "mask_size_mismatch";

  private MaskErrors() {}
}
