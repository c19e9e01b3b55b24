package dev.aivid.media.previz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class PrevizSpecTest {

  @Test
  void countsSecondsTimesFramesPerSecondFrames() {
    assertThat(new PrevizSpec(320, 180, 2, 12, "", 0, null).frameCount()).isEqualTo(24);
    assertThat(new PrevizSpec(3840, 2160, 60, 60, "", 0, null).frameCount()).isEqualTo(3600);
  }

  @Test
  void acceptsTheSmallestAllowedClip() {
    assertThat(new PrevizSpec(16, 16, 1, 1, "", 0, null).frameCount()).isEqualTo(1);
  }

  @Test
  void rejectsOddOrOutOfRangeSizes() {
    assertThatIllegalArgumentException().isThrownBy(() -> new PrevizSpec(321, 180, 2, 12, "", 0, null));
    assertThatIllegalArgumentException().isThrownBy(() -> new PrevizSpec(320, 181, 2, 12, "", 0, null));
    assertThatIllegalArgumentException().isThrownBy(() -> new PrevizSpec(14, 180, 2, 12, "", 0, null));
    assertThatIllegalArgumentException().isThrownBy(() -> new PrevizSpec(3842, 180, 2, 12, "", 0, null));
    assertThatIllegalArgumentException().isThrownBy(() -> new PrevizSpec(320, 2162, 2, 12, "", 0, null));
  }

  @Test
  void rejectsDurationsAndFrameRatesOutsideOneToSixty() {
    assertThatIllegalArgumentException().isThrownBy(() -> new PrevizSpec(320, 180, 0, 12, "", 0, null));
    assertThatIllegalArgumentException().isThrownBy(() -> new PrevizSpec(320, 180, 61, 12, "", 0, null));
    assertThatIllegalArgumentException().isThrownBy(() -> new PrevizSpec(320, 180, 2, 0, "", 0, null));
    assertThatIllegalArgumentException().isThrownBy(() -> new PrevizSpec(320, 180, 2, 61, "", 0, null));
  }

  @Test
  void rejectsAMissingPrompt() {
    assertThatNullPointerException().isThrownBy(() -> new PrevizSpec(320, 180, 2, 12, null, 0, null));
  }
}
