package dev.aivid.media.mask;

import static dev.aivid.media.TestMedia.encode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.aivid.media.MediaException;
import dev.aivid.media.TestMedia;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MasksTest {

  @Test
  void readsAGreyscalePngWithKnownCoverage() {
    byte[] png = encode(MaskFixtures.grey(100, 50, MaskFixtures::stripes), "png");

    Mask mask = Masks.readMask(png, 100, 50);

    assertThat(mask.coverage()).isEqualTo(0.3);
    assertThat(mask.resampled()).isFalse();
    assertThat(mask.grid().width()).isEqualTo(100);
    assertThat(mask.grid().value(0, 0)).isEqualTo(1.0f);
    // Raw samples: 128 stays 128/255 (no gamma conversion as BufferedImage.getRGB would apply).
    assertThat(mask.grid().value(25, 10)).isEqualTo(128 / 255f);
    assertThat(mask.grid().value(35, 49)).isEqualTo(127 / 255f);
    assertThat(mask.grid().value(99, 49)).isZero();
  }

  @Test
  void acceptsGreyStoredAsRgbAndAsJpeg() {
    BufferedImage rgb = MaskFixtures.greyAsRgb(100, 50, MaskFixtures::stripes);

    assertThat(Masks.readMask(encode(rgb, "png"), 100, 50).coverage()).isEqualTo(0.3);
    Mask fromJpeg = Masks.readMask(encode(rgb, "jpeg"), 100, 50);
    assertThat(fromJpeg.coverage()).isCloseTo(0.3, within(0.02));
  }

  @Test
  void readsALosslessWebpMask() {
    assumeThat(LosslessWebp.encoderAvailable()).as("libwebp encoder").isTrue();
    byte[] webp = LosslessWebp.encode(LosslessWebp.bgr(MaskFixtures.greyAsRgb(100, 50, MaskFixtures::stripes)));

    Mask mask = Masks.readMask(webp, 100, 50);

    assertThat(mask.coverage()).isEqualTo(0.3);
    assertThat(mask.grid().value(25, 10)).isEqualTo(128 / 255f);
    assertThatThrownBy(() -> Masks.readMask(LosslessWebp.encode(LosslessWebp.bgr(TestMedia.picture(100, 50))), 100, 50))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo(MaskErrors.NOT_GREYSCALE));
  }

  @Test
  void readsABlackAndWhiteOneBitPng() {
    var image = new BufferedImage(40, 20, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(Color.WHITE);
    graphics.fillRect(0, 0, 10, 20);
    graphics.dispose();

    assertThat(Masks.readMask(encode(image, "png"), 40, 20).coverage()).isEqualTo(0.25);
  }

  @Test
  void resamplesAMaskOfTheSameAspectRatio() {
    byte[] png = encode(MaskFixtures.grey(201, 100, (x, y) -> x < 100 ? 255 : 0), "png");

    Mask mask = Masks.readMask(png, 100, 50);

    assertThat(mask.resampled()).isTrue();
    assertThat(mask.sourceWidth()).isEqualTo(201);
    assertThat(mask.sourceHeight()).isEqualTo(100);
    assertThat(mask.grid().width()).isEqualTo(100);
    assertThat(mask.grid().height()).isEqualTo(50);
    assertThat(mask.coverage()).isCloseTo(0.5, within(0.011));
  }

  @Test
  void refusesAMaskOfAnotherAspectRatioNamingBothSizes() {
    byte[] png = encode(MaskFixtures.grey(100, 100, MaskFixtures::stripes), "png");

    assertThatThrownBy(() -> Masks.readMask(png, 1920, 1080))
        .isInstanceOfSatisfying(MediaException.class, failure -> {
          assertThat(failure.code()).isEqualTo(MaskErrors.SIZE_MISMATCH);
          assertThat(failure.getMessage())
              .contains("mask is 100x100 (aspect 1.0000)")
              .contains("the target is 1920x1080 (aspect 1.7778)");
        });
    assertThatThrownBy(() -> Masks.readDepth(png, 100, 98))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo(MaskErrors.SIZE_MISMATCH));
  }

  @Test
  void refusesColourImages() {
    byte[] picture = encode(TestMedia.picture(64, 48), "png");

    assertThatThrownBy(() -> Masks.readMask(picture, 64, 48))
        .isInstanceOfSatisfying(MediaException.class, failure -> {
          assertThat(failure.code()).isEqualTo(MaskErrors.NOT_GREYSCALE);
          assertThat(failure.getMessage()).startsWith("mask is not greyscale");
        });
    assertThatThrownBy(() -> Masks.readDepth(picture, 64, 48))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo(MaskErrors.NOT_GREYSCALE));
  }

  @Test
  void toleratesAFewColouredPixels() {
    // 0.1 % of 10,000 pixels: ten red pixels pass, eleven do not.
    BufferedImage almostGrey = MaskFixtures.greyAsRgb(100, 100, (x, y) -> 200);
    for (int x = 0; x < 10; x++) {
      almostGrey.setRGB(x, 5, 0xFF0000);
    }
    assertThat(Masks.readMask(encode(almostGrey, "png"), 100, 100).coverage()).isEqualTo(0.999);

    almostGrey.setRGB(10, 5, 0xFF0000);
    assertThatThrownBy(() -> Masks.readMask(encode(almostGrey, "png"), 100, 100))
        .isInstanceOfSatisfying(MediaException.class, failure -> {
          assertThat(failure.code()).isEqualTo(MaskErrors.NOT_GREYSCALE);
          assertThat(failure.getMessage()).contains("11 of 10000 pixels (0.11%)");
        });
    // A pixel 12/255 apart still counts as grey, 13/255 does not.
    BufferedImage tinted = MaskFixtures.greyAsRgb(10, 10, (x, y) -> 100);
    tinted.setRGB(0, 0, (112 << 16) | (100 << 8) | 100);
    assertThat(Masks.readMask(encode(tinted, "png"), 10, 10).grid().value(0, 0)).isEqualTo((float) (104 / 255.0));
    tinted.setRGB(0, 0, (113 << 16) | (100 << 8) | 100);
    assertThatThrownBy(() -> Masks.readMask(encode(tinted, "png"), 10, 10))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo(MaskErrors.NOT_GREYSCALE));
  }

  @Test
  void keepsTheFullPrecisionOfSixteenBitDepthMaps() {
    byte[] png = encode(MaskFixtures.grey16(256, 128, (x, y) -> x * 257 + (y == 0 && x == 0 ? 1000 : 0)), "png");

    DepthMap depth = Masks.readDepth(png, 256, 128);

    assertThat(depth.bitsPerSample()).isEqualTo(16);
    assertThat(depth.grid().value(0, 0)).isEqualTo(1000 / 65535f);
    assertThat(depth.grid().value(0, 1)).isZero();
    assertThat(depth.grid().value(255, 0)).isEqualTo(1.0f);
    assertThat(depth.minimum()).isZero();
    assertThat(depth.maximum()).isEqualTo(1.0);
    assertThat(depth.mean()).isCloseTo(0.5, within(1e-4));
  }

  @Test
  void reportsTheRangeOfAnEightBitDepthMap() {
    byte[] png = encode(MaskFixtures.grey(64, 36, (x, y) -> 50 + y), "png");

    DepthMap depth = Masks.readDepth(png, 128, 72);

    assertThat(depth.bitsPerSample()).isEqualTo(8);
    assertThat(depth.resampled()).isTrue();
    assertThat(depth.minimum()).isCloseTo(50 / 255.0, within(1e-6));
    assertThat(depth.maximum()).isCloseTo(85 / 255.0, within(1e-6));
    assertThat(depth.mean()).isCloseTo(67.5 / 255, within(1e-4));
  }

  @Test
  void keepsTheImageCodesForBytesThatAreNoImage() {
    assertThatThrownBy(() -> Masks.readMask("not an image".getBytes(), 10, 10))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("unsupported_image"));
    byte[] png = encode(MaskFixtures.grey(100, 50, MaskFixtures::stripes), "png");
    assertThatThrownBy(() -> Masks.readMask(Arrays.copyOf(png, png.length / 2), 100, 50))
        .isInstanceOfSatisfying(MediaException.class, failure -> assertThat(failure.code()).isEqualTo("decode_failed"));
  }

  @Test
  void rejectsImpossibleTargets() {
    byte[] png = encode(MaskFixtures.grey(10, 10, (x, y) -> 0), "png");

    assertThatIllegalArgumentException().isThrownBy(() -> Masks.readMask(png, 0, 10));
    assertThatIllegalArgumentException().isThrownBy(() -> Masks.readMask(png, 100_000, 100_000));
  }

  @Test
  void gridsAreImmutableValues() {
    var values = new float[] {0, 0.5f, 1, 0.25f};
    var grid = new ValueGrid(2, 2, values);
    values[0] = 1;

    assertThat(grid.value(0, 0)).isZero();
    assertThat(grid).isEqualTo(new ValueGrid(2, 2, new float[] {0, 0.5f, 1, 0.25f}));
    assertThatIllegalArgumentException().isThrownBy(() -> new ValueGrid(2, 2, new float[] {0, 0, 0, 2}));
    assertThatIllegalArgumentException().isThrownBy(() -> new ValueGrid(2, 3, new float[4]));
  }
}
