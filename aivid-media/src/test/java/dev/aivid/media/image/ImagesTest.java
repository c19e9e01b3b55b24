package dev.aivid.media.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.aivid.media.MediaException;
import dev.aivid.media.TestMedia;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImagesTest {

  private static final BufferedImage PICTURE = TestMedia.picture(64, 48);

  @Test
  void sniffsAndProbesAPng() {
    byte[] png = TestMedia.encode(PICTURE, "png");

    assertThat(Images.sniff(png)).contains(ImageFormat.PNG);
    assertThat(Images.probe(png)).isEqualTo(new ImageInfo(ImageFormat.PNG, 64, 48));
  }

  @Test
  void sniffsAndProbesAJpeg() {
    byte[] jpeg = TestMedia.encode(PICTURE, "jpeg");

    assertThat(Images.sniff(jpeg)).contains(ImageFormat.JPEG);
    assertThat(Images.probe(jpeg)).isEqualTo(new ImageInfo(ImageFormat.JPEG, 64, 48));
  }

  @Test
  void sniffsAndProbesALossyWebp() {
    assumeThat(WebpFixtures.encoderAvailable()).as("libwebp encoder").isTrue();
    byte[] webp = WebpFixtures.lossy(PICTURE);

    assertThat(new String(webp, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8 ");
    assertThat(Images.sniff(webp)).contains(ImageFormat.WEBP);
    assertThat(Images.probe(webp)).isEqualTo(new ImageInfo(ImageFormat.WEBP, 64, 48));
  }

  @Test
  void sniffsAndProbesALosslessWebp() {
    assumeThat(WebpFixtures.encoderAvailable()).as("libwebp encoder").isTrue();
    byte[] webp = WebpFixtures.lossless(TestMedia.picture(50, 22));

    assertThat(new String(webp, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8L");
    assertThat(Images.probe(webp)).isEqualTo(new ImageInfo(ImageFormat.WEBP, 50, 22));
  }

  @Test
  void probesTheCanvasSizeOfAnExtendedWebp() {
    assertThat(Images.probe(WebpFixtures.extendedHeader(5000, 3)))
        .isEqualTo(new ImageInfo(ImageFormat.WEBP, 5000, 3));
  }

  @Test
  void givesTheMimeTypeOfEachFormat() {
    assertThat(ImageFormat.PNG.mimeType()).isEqualTo("image/png");
    assertThat(ImageFormat.JPEG.mimeType()).isEqualTo("image/jpeg");
    assertThat(ImageFormat.WEBP.mimeType()).isEqualTo("image/webp");
  }

  @Test
  void sniffsNothingInBytesWithTheWrongMagic() {
    assertThat(Images.sniff("GIF89a-not-supported".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(Images.sniff("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(Images.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
    assertThat(Images.sniff(new byte[0])).isEmpty();
  }

  @Test
  void refusesToProbeBytesThatAreNoImage() {
    assertThatThrownBy(() -> Images.probe("hello".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("unsupported_image"));
  }

  @Test
  void refusesToProbeTruncatedHeadersOfEveryFormat() {
    byte[] png = TestMedia.encode(PICTURE, "png");
    byte[] jpeg = TestMedia.encode(PICTURE, "jpeg");
    byte[] webp = WebpFixtures.extendedHeader(64, 48);

    for (byte[] truncated : new byte[][] {
        Arrays.copyOf(png, 20), Arrays.copyOf(jpeg, 20), Arrays.copyOf(webp, 26), Arrays.copyOf(png, 8)}) {
      assertThatThrownBy(() -> Images.probe(truncated))
          .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("unsupported_image"));
    }
  }

  @Test
  void refusesAJpegWhoseScanStartsBeforeAnyFrameHeader() {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 2, 3, 4, 5, 6};

    assertThatThrownBy(() -> Images.probe(jpeg)).isInstanceOf(MediaException.class);
  }

  @Test
  void decodesAPngAndAJpegWithImageIo() {
    BufferedImage fromPng = Images.decode(TestMedia.encode(PICTURE, "png"));
    BufferedImage fromJpeg = Images.decode(TestMedia.encode(PICTURE, "jpeg"));

    assertThat(TestMedia.meanAbsoluteDifference(fromPng, PICTURE)).isZero();
    assertThat(TestMedia.meanAbsoluteDifference(fromJpeg, PICTURE)).isLessThan(4);
    assertThat(fromJpeg.getType()).isIn(BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB);
  }

  @Test
  void decodesAWebpWithFfmpeg() {
    assumeThat(WebpFixtures.encoderAvailable()).as("libwebp encoder").isTrue();

    BufferedImage decoded = Images.decode(WebpFixtures.lossy(PICTURE));

    assertThat(decoded.getType()).isIn(BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB);
    assertThat(decoded.getWidth()).isEqualTo(64);
    assertThat(decoded.getHeight()).isEqualTo(48);
    assertThat(TestMedia.meanAbsoluteDifference(decoded, PICTURE)).isLessThan(8);
  }

  @Test
  void flattensATransparentPngIntoAnOpaqueImage() {
    var translucent = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
    translucent.setRGB(1, 1, new Color(255, 0, 0, 255).getRGB());

    BufferedImage decoded = Images.decode(TestMedia.encode(translucent, "png"));

    assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(decoded.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(decoded.getRGB(0, 0) & 0xFFFFFF).isZero();
  }

  @Test
  void failsToDecodeAPngWhoseBodyIsGarbage() {
    byte[] png = TestMedia.encode(PICTURE, "png");
    byte[] broken = Arrays.copyOf(png, 40);

    assertThatThrownBy(() -> Images.decode(broken))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("decode_failed"));
  }

  @Test
  void failsToDecodeAWebpWithoutPictureData() {
    assertThatThrownBy(() -> Images.decode(WebpFixtures.extendedHeader(64, 48)))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("decode_failed"));
  }

  @Test
  void refusesToDecodeAnImageDeclaringMorePixelsThanTheHeapShouldHold() {
    assertThatThrownBy(() -> Images.decode(WebpFixtures.extendedHeader(16_000, 16_000)))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("decode_failed"))
        .hasMessageContaining("exceeds");
  }
}
