package dev.aivid.providers.kling;

import dev.aivid.media.MediaException;
import dev.aivid.media.image.ImageFormat;
import dev.aivid.media.image.Images;
import dev.aivid.providers.ShotReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Images in the form Kling takes: raw base64 without a {@code data:} prefix (providers.md §2.2).
 * Kling reads JPEG and PNG only ([3P] in §2.2), so a WebP is re-encoded as PNG (transparency
 * flattened, as {@link Images#decode} does).
 */
final class KlingImages {
  private KlingImages() {}

  /**
   * @param reencoded true when the bytes were WebP and are now PNG
   */
  record Encoded(String base64, boolean reencoded) {
    String note() {
      return reencoded ? " (WebP re-encoded as PNG)" : "";
    }
  }

  /**
   * @throws MediaException when a WebP cannot be decoded
   */
  static Encoded encode(byte[] image) {
    Optional<ImageFormat> format = Images.sniff(image);
    if (format.isPresent() && format.get() == ImageFormat.WEBP) {
      return new Encoded(Base64.getEncoder().encodeToString(png(image)), true);
    }
    return new Encoded(Base64.getEncoder().encodeToString(image), false);
  }

  /**
   * @throws MediaException when a WebP cannot be decoded
   */
  static Encoded encode(ShotReference reference) {
    if (reference.mediaType().equals(ImageFormat.WEBP.mimeType())) {
      return encode(reference.bytes());
    }
    return new Encoded(reference.base64(), false);
  }

  private static byte[] png(byte[] webp) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(webp.length * 2);
    try {
      ImageIO.write(Images.decode(webp), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing PNG to memory", e);
    }
    return out.toByteArray();
  }
}
