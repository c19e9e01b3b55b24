package dev.aivid.media.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LetterboxTest {

  @Test
  void aNarrowerPictureIsPillarboxedAndAWiderOneLetterboxed() {
    assertThat(Letterbox.fit(320, 240, 1, 320, 180)).isEqualTo(new Letterbox(40, 0, 240, 180));
    assertThat(Letterbox.fit(200, 200, 1, 320, 180)).isEqualTo(new Letterbox(70, 0, 180, 180));
    assertThat(Letterbox.fit(400, 100, 1, 320, 180)).isEqualTo(new Letterbox(0, 50, 320, 80));
  }

  @Test
  void aPictureOfTheBoardsShapeFillsItWhetherShrunkOrEnlarged() {
    assertThat(Letterbox.fit(1920, 1080, 1, 320, 180)).isEqualTo(new Letterbox(0, 0, 320, 180));
    assertThat(Letterbox.fit(160, 90, 0, 320, 180)).isEqualTo(new Letterbox(0, 0, 320, 180));
  }

  @Test
  void anamorphicPixelsAreWidenedBeforeFitting() {
    // PAL 16:9 anamorphic: 720x576 with pixels 64:45 wide shows as 1024x576.
    assertThat(Letterbox.fit(720, 576, 64 / 45.0, 320, 180)).isEqualTo(new Letterbox(0, 0, 320, 180));
    assertThat(Letterbox.fit(720, 576, 1, 320, 180)).isEqualTo(new Letterbox(47, 0, 225, 180));
  }
}
