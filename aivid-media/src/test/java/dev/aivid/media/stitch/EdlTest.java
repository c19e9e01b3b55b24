package dev.aivid.media.stitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.media.MediaException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdlTest {

  private static final EdlEvent FIRST = new EdlEvent(1, "AX", "V", "C", 0, "00:00:00:00", "00:00:02:00",
      "00:00:00:00", "00:00:02:00", "shot one", "veo-3");

  @Test
  void aCutIsOneLineInTheCmx3600Columns() {
    String edl = Edl.cmx3600("Night courier", 24, List.of(FIRST));

    assertThat(edl).isEqualTo("""
        TITLE: Night courier
        FCM: NON-DROP FRAME

        001  AX       V     C        00:00:00:00 00:00:02:00 00:00:00:00 00:00:02:00
        * FROM CLIP NAME: shot one
        * MODEL: veo-3
        """);
  }

  @Test
  void aDissolveIsTheOutgoingReelAsAZeroLengthCutThenTheIncomingReelWithItsLength() {
    var second = new EdlEvent(2, "KLING21", "V", "D", 12, "00:00:00:00", "00:00:03:00", "00:00:02:00", "00:00:05:00",
        "shot two", "kling-2.1");

    String edl = Edl.cmx3600("t", 24, List.of(FIRST, second));

    assertThat(edl).contains("""
        002  AX       V     C        00:00:02:00 00:00:02:00 00:00:02:00 00:00:02:00
        002  KLING21  V     D    012 00:00:00:00 00:00:03:00 00:00:02:00 00:00:05:00
        * FROM CLIP NAME: shot one
        * TO CLIP NAME: shot two
        * MODEL: kling-2.1
        """);
    assertThat(Cmx3600Reader.read(edl).lines()).extracting(Cmx3600Reader.Line::transitionFrames)
        .containsExactly(0, 0, 12);
  }

  @Test
  void namesCannotBreakTheListOrTheJson() {
    var event = new EdlEvent(1, "AX", "V", "C", 0, "00:00:00:00", "00:00:01:00", "00:00:00:00", "00:00:01:00",
        "evil\n002  X V C", "model \"q\"\\\u0001");

    String cmx = Edl.cmx3600("two\nlines", 24, List.of(event));
    String json = Edl.json(List.of(event));

    assertThat(cmx.lines()).hasSize(6);
    assertThat(cmx).contains("TITLE: two lines\n", "* FROM CLIP NAME: evil 002  X V C\n");
    assertThat(json).contains("\"clipName\": \"evil\\n002  X V C\"", "\"model\": \"model \\\"q\\\"\\\\\\u0001\"");
    assertThat(Edl.json(List.of())).isEqualTo("[]\n");
  }

  @Test
  void theJsonHasOneObjectPerEventWithStableFieldNames() {
    assertThat(Edl.json(List.of(FIRST))).isEqualTo("""
        [
          {"number": 1, "reel": "AX", "track": "V", "transition": "C", "transitionFrames": 0, \
        "sourceIn": "00:00:00:00", "sourceOut": "00:00:02:00", "recordIn": "00:00:00:00", "recordOut": "00:00:02:00", \
        "clipName": "shot one", "model": "veo-3"}
        ]
        """);
  }

  @Test
  void reelsAreTheModelsLettersAndDigitsUpToEight() {
    assertThat(Edl.reelName("veo-3", "S1")).isEqualTo("VEO3");
    assertThat(Edl.reelName("kling-2.1-master", "S1")).isEqualTo("KLING21M");
    assertThat(Edl.reelName("---", "shot 4")).isEqualTo("SHOT4");
    assertThat(Edl.reelName("é", "…")).isEqualTo("AX");
  }

  @Test
  void timecodesCountWholeFramesAtTheBoardRate() {
    assertThat(Timecode.format(0, 24)).isEqualTo("00:00:00:00");
    assertThat(Timecode.format(43, 24)).isEqualTo("00:00:01:19");
    assertThat(Timecode.format(24 * 3661 + 5, 24)).isEqualTo("01:01:01:05");
    assertThat(Timecode.parse("01:01:01:05", 24)).isEqualTo(24 * 3661 + 5);
    assertThatThrownBy(() -> Timecode.parse("00:00:00:24", 24)).isInstanceOf(MediaException.class);
  }

  @Test
  void aListCannotOpenWithADissolveOrHoldFramesBeyondItsRate() {
    var dissolve = new EdlEvent(1, "AX", "V", "D", 12, "00:00:00:00", "00:00:02:00", "00:00:00:00", "00:00:02:00",
        "a", "m");
    var tooManyFrames = new EdlEvent(1, "AX", "V", "C", 0, "00:00:00:00", "00:00:00:29", "00:00:00:00",
        "00:00:00:29", "a", "m");

    assertThatThrownBy(() -> Edl.cmx3600("t", 24, List.of(dissolve))).isInstanceOf(MediaException.class);
    assertThatThrownBy(() -> Edl.cmx3600("t", 24, List.of(tooManyFrames))).isInstanceOf(MediaException.class);
    assertThat(Edl.cmx3600("t", 30, List.of(tooManyFrames))).contains("00:00:00:29");
  }
}
