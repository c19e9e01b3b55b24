package dev.aivid.providers.veo;

import dev.aivid.media.MediaException;
import dev.aivid.media.image.ImageFormat;
import dev.aivid.media.image.Images;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * Images as Veo takes them: {@code {bytesBase64Encoded, mimeType}} in PNG or JPEG. Veo's documented
 * image types are PNG and JPEG, so a WebP is re-encoded as PNG rather than risked.
 */
final class VeoImages {
  record Encoded(String base64, String mimeType) {}

  private VeoImages() {}

  static Encoded encode(byte[] bytes, @Nullable String declaredType) {
    Optional<ImageFormat> format = Images.sniff(bytes);
    if (format.isPresent() && format.get() == ImageFormat.WEBP) {
      Optional<byte[]> png = toPng(bytes);
      if (png.isPresent()) {
        return new Encoded(Base64.getEncoder().encodeToString(png.get()), ImageFormat.PNG.mimeType());
      }
    }
    String mimeType = format.map(ImageFormat::mimeType).orElse(declaredType == null ? "image/png" : declaredType);
    return new Encoded(Base64.getEncoder().encodeToString(bytes), mimeType);
  }

  private static Optional<byte[]> toPng(byte[] webp) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(Images.decode(webp), "png", out)) {
        return Optional.empty();
      }
      return Optional.of(out.toByteArray());
    } catch (MediaException undecodable) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a PNG to memory failed", e);
    }
  }
}
