package dev.aivid.media.image;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGRA;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** WebP files made in-test with FFmpeg's libwebp encoder, plus hand-made headers for what it cannot produce. */
final class WebpFixtures {

  private WebpFixtures() {}

  static boolean encoderAvailable() {
    return avcodec_find_encoder_by_name("libwebp") != null;
  }

  /** A "VP8 " (lossy) file. */
  static byte[] lossy(BufferedImage image) {
    return encode(image, false);
  }

  /** A "VP8L" (lossless) file. */
  static byte[] lossless(BufferedImage image) {
    return encode(image, true);
  }

  /** Only the header of an extended ("VP8X") file: RIFF, WEBP, the VP8X chunk with its canvas size. */
  static byte[] extendedHeader(int width, int height) {
    byte[] bytes = new byte[30];
    put(bytes, 0, "RIFF");
    bytes[4] = 22;
    put(bytes, 8, "WEBP");
    put(bytes, 12, "VP8X");
    bytes[16] = 10;
    bytes[20] = 0x10;
    putUnsigned24(bytes, 24, width - 1);
    putUnsigned24(bytes, 27, height - 1);
    return bytes;
  }

  private static byte[] encode(BufferedImage image, boolean lossless) {
    var output = new ByteArrayOutputStream();
    var recorder = new FFmpegFrameRecorder(output, image.getWidth(), image.getHeight(), 0);
    recorder.setFormat("webp");
    recorder.setVideoCodecName("libwebp");
    recorder.setPixelFormat(lossless ? AV_PIX_FMT_BGRA : AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(1);
    if (lossless) {
      recorder.setVideoOption("lossless", "1");
    }
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

  private static void put(byte[] bytes, int offset, String ascii) {
    for (int index = 0; index < ascii.length(); index++) {
      bytes[offset + index] = (byte) ascii.charAt(index);
    }
  }

  private static void putUnsigned24(byte[] bytes, int offset, int value) {
    bytes[offset] = (byte) value;
    bytes[offset + 1] = (byte) (value >>> 8);
    bytes[offset + 2] = (byte) (value >>> 16);
  }
}
