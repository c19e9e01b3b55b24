package dev.aivid.media.mask;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Lossless WebP files made in-test with FFmpeg's libwebp encoder (the image package's fixtures are package-private). */
public final class LosslessWebp {

  private LosslessWebp() {}

  public static boolean encoderAvailable() {
    return avcodec_find_encoder_by_name("libwebp") != null;
  }

  /** A "VP8L" file of {@code image}, which must be TYPE_3BYTE_BGR. */
  public static byte[] encode(BufferedImage image) {
    var output = new ByteArrayOutputStream();
    var recorder = new FFmpegFrameRecorder(output, image.getWidth(), image.getHeight(), 0);
    recorder.setFormat("webp");
    recorder.setVideoCodecName("libwebp");
    recorder.setPixelFormat(AV_PIX_FMT_BGRA);
    recorder.setFrameRate(1);
    recorder.setVideoOption("lossless", "1");
    try (var converter = new Java2DFrameConverter()) {
      recorder.start();
      recorder.record(converter.convert(image), AV_PIX_FMT_BGR24);
      recorder.stop();
      recorder.release();
    } catch (FrameRecorder.Exception failure) {
      throw new IllegalStateException(failure);
    }
    return output.toByteArray();
  }

  /** {@code image} redrawn as TYPE_3BYTE_BGR, the layout the encoder takes. */
  public static BufferedImage bgr(BufferedImage image) {
    var copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        copy.setRGB(x, y, image.getRGB(x, y));
      }
    }
    return copy;
  }
}
