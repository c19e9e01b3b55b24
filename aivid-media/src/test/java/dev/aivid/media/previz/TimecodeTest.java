package dev.aivid.media.previz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimecodeTest {

  @Test
  void startsAtZero() {
    assertThat(Timecode.of(0, 24)).isEqualTo("00:00:00:00");
  }

  @Test
  void carriesFramesIntoSecondsMinutesAndHours() {
    assertThat(Timecode.of(23, 24)).isEqualTo("00:00:00:23");
    assertThat(Timecode.of(24, 24)).isEqualTo("00:00:01:00");
    assertThat(Timecode.of((3600 + 60 + 1) * 30 + 5, 30)).isEqualTo("01:01:01:05");
  }
}
