package dev.aivid.media.frames;

import dev.aivid.media.MediaException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Baseline JPEG at a quality that keeps previews small yet free of visible blocking. */
final class JpegEncoding {

  private static final float QUALITY = 0.85f;

  private JpegEncoding() {}

  static byte[] encode(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    var bytes = new ByteArrayOutputStream();
    try (var output = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam parameters = writer.getDefaultWriteParam();
      parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      parameters.setCompressionQuality(QUALITY);
      writer.setOutput(output);
      writer.write(null, new IIOImage(image, null, null), parameters);
    } catch (IOException failure) {
      throw new MediaException("encode_failed", "JPEG encoding failed", failure);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
