package dev.aivid.media.palette;

import dev.aivid.media.MediaException;
import dev.aivid.media.image.Images;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a palette from bytes, recognising the format by content: after an optional UTF-8 byte order mark and
 * whitespace, {@code [} or <code>{</code> is JSON; a first line starting "GIMP Palette" is a GIMP palette; PNG, JPEG and WebP magic
 * bytes are an image, clustered with seeded k-means. Errors are MediaExceptions with the {@link PaletteErrors} codes,
 * or for an undecodable image the codes of {@link Images#decode}; nothing else is thrown for any input. Thread-safe.
 */
public final class Palettes {

  private static final byte[] GIMP_HEADER = ListedPalettes.GIMP_HEADER.getBytes(StandardCharsets.US_ASCII);

  private Palettes() {}

  public static Palette read(byte @Nullable [] bytes) {
    return read(bytes, PaletteOptions.DEFAULTS);
  }

  public static Palette read(byte @Nullable [] bytes, PaletteOptions options) {
    Objects.requireNonNull(options, "options");
    if (bytes == null || bytes.length == 0) {
      throw new MediaException(PaletteErrors.SYNTAX, "no palette bytes");
    }
    int afterByteOrderMark = byteOrderMarkLength(bytes);
    int start = skipWhitespace(bytes, afterByteOrderMark);
    if (start < bytes.length && (bytes[start] == '[' || bytes[start] == '{')) {
      return ListedPalettes.json(bytes);
    }
    if (startsWith(bytes, afterByteOrderMark, GIMP_HEADER)) {
      return ListedPalettes.gimp(bytes);
    }
    if (Images.sniff(bytes).isPresent()) {
      return fromImage(Images.decode(bytes), options);
    }
    throw new MediaException(PaletteErrors.SYNTAX, "not a palette: expected a JSON list of colours, a GIMP palette or an image");
  }

  /** The colours of an already decoded image, ordered by cluster size, largest first. */
  public static Palette fromImage(BufferedImage image, PaletteOptions options) {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(options, "options");
    return ImageClustering.palette(image, options);
  }

  private static int byteOrderMarkLength(byte[] bytes) {
    boolean marked = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    return marked ? 3 : 0;
  }

  private static int skipWhitespace(byte[] bytes, int from) {
    int index = from;
    while (index < bytes.length && (bytes[index] == ' ' || bytes[index] == '\t' || bytes[index] == '\n' || bytes[index] == '\r')) {
      index++;
    }
    return index;
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
    if (bytes.length - offset < prefix.length) {
      return false;
    }
    for (int index = 0; index < prefix.length; index++) {
      if (bytes[offset + index] != prefix[index]) {
        return false;
      }
    }
    return true;
  }
}
