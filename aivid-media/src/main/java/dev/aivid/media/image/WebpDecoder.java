package dev.aivid.media.image;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.jspecify.annotations.Nullable;

/** The JDK has no WebP reader, so WebP goes through libavcodec. */
final class WebpDecoder {

  private WebpDecoder() {}

  static BufferedImage decode(byte[] bytes) {
    FFmpegLibraries.ensureLoaded();
    @Nullable BufferedImage image;
    try (var grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(bytes));
        var converter = new Java2DFrameConverter()) {
      grabber.setFormat("webp_pipe");
      grabber.start();
      @Nullable Frame frame = grabber.grabImage();
      image = frame == null ? null : converter.convert(frame);
    } catch (FrameGrabber.Exception | RuntimeException failure) {
      throw new MediaException("decode_failed", "could not decode WebP image: " + failure.getMessage(), failure);
    }
    if (image == null) {
      throw new MediaException("decode_failed", "the WebP image holds no decodable picture");
    }
    return image;
  }
}
