package dev.aivid.media.image;

import dev.aivid.media.MediaException;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/** Recognises, measures and decodes still images. */
public final class Images {

  /** Generous for 8K stills, yet refuses a tiny file that declares a heap-exhausting size. */
  static final long MAX_DECODED_PIXELS = 50_000_000L;

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

  private Images() {}

  /** Sniffs magic bytes only (PNG 89 50 4E 47 0D 0A 1A 0A; JPEG FF D8 FF; WebP "RIFF"????"WEBP"). Empty when not an image. Never throws on any input. */
  public static Optional<ImageFormat> sniff(byte @Nullable [] head) {
    if (head == null) {
      return Optional.empty();
    }
    if (startsWith(head, PNG_SIGNATURE)) {
      return Optional.of(ImageFormat.PNG);
    }
    if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
      return Optional.of(ImageFormat.JPEG);
    }
    var header = new HeaderBytes(head, "WebP");
    if (header.matches(0, "RIFF") && header.matches(8, "WEBP")) {
      return Optional.of(ImageFormat.WEBP);
    }
    return Optional.empty();
  }

  /**
   * Format + pixel size, reading only the headers (PNG IHDR, JPEG SOFn markers, WebP VP8/VP8L/VP8X chunks).
   * Throws MediaException("unsupported_image", …) for anything else or truncated/corrupt headers. Never throws anything but MediaException.
   */
  public static ImageInfo probe(byte @Nullable [] bytes) {
    if (bytes == null) {
      throw new MediaException("unsupported_image", "no image bytes");
    }
    ImageFormat format = sniff(bytes)
        .orElseThrow(() -> new MediaException("unsupported_image", "not a PNG, JPEG or WebP image"));
    return switch (format) {
      case PNG -> PngHeader.read(bytes);
      case JPEG -> JpegHeader.read(bytes);
      case WEBP -> WebpHeader.read(bytes);
    };
  }

  /**
   * Decodes to a BufferedImage of TYPE_3BYTE_BGR or TYPE_INT_RGB; transparency is flattened onto black.
   * PNG/JPEG via ImageIO, WebP via FFmpeg. MediaException("decode_failed") on failure.
   */
  public static BufferedImage decode(byte @Nullable [] bytes) {
    ImageInfo info;
    try {
      info = probe(bytes);
    } catch (MediaException notAnImage) {
      throw new MediaException("decode_failed", notAnImage.getMessage(), notAnImage);
    }
    if ((long) info.width() * info.height() > MAX_DECODED_PIXELS) {
      throw new MediaException("decode_failed",
          "image of " + info.width() + "x" + info.height() + " exceeds " + MAX_DECODED_PIXELS + " pixels");
    }
    BufferedImage decoded = switch (info.format()) {
      case PNG, JPEG -> decodeWithImageIo(bytes, info);
      case WEBP -> WebpDecoder.decode(bytes);
    };
    return opaque(decoded);
  }

  private static BufferedImage decodeWithImageIo(byte[] bytes, ImageInfo info) {
    @Nullable BufferedImage image;
    try {
      // No disk cache: uploads must not spill into temporary files.
      ImageIO.setUseCache(false);
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException failure) {
      throw new MediaException("decode_failed", "could not decode " + info.format() + " image: " + failure.getMessage(), failure);
    }
    if (image == null) {
      throw new MediaException("decode_failed", "no decoder accepted this " + info.format() + " image");
    }
    return image;
  }

  private static BufferedImage opaque(BufferedImage image) {
    int type = image.getType();
    if (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    var converted = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = converted.createGraphics();
    try {
      graphics.drawImage(image, 0, 0, null);
    } finally {
      graphics.dispose();
    }
    return converted;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int index = 0; index < prefix.length; index++) {
      if (bytes[index] != prefix[index]) {
        return false;
      }
    }
    return true;
  }
}
