package dev.aivid.media.beats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The port against stored librosa outputs for the same samples (see resources/beats/README.md). */
class LibrosaParityTest {

  private static final double FRAME_RATE = OnsetStrength.frameRate(ClickTracks.SAMPLE_RATE);

  @ParameterizedTest
  @ValueSource(strings = {"swing-100bpm-noise", "steady-180bpm"})
  void onsetEnvelopeAgreesWithLibrosaToFloatPrecision(String name) throws IOException {
    Reference reference = Reference.load(name);

    float[] envelope = OnsetStrength.envelope(ClickTracks.parityTrack(name), ClickTracks.SAMPLE_RATE);

    assertThat(envelope).hasSameSizeAs(reference.envelope());
    double largest = 0;
    for (float value : reference.envelope()) {
      largest = Math.max(largest, value);
    }
    for (int i = 0; i < envelope.length; i++) {
      assertThat((double) envelope[i]).as("frame %d", i).isCloseTo(reference.envelope()[i], within(1e-5 * largest));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"swing-100bpm-noise", "steady-180bpm"})
  void tempoWithLibrosasPriorIsLibrosasLagGridValue(String name) throws IOException {
    Reference reference = Reference.load(name);

    Tempo.TempoEstimate tempo = Tempo.estimate(reference.envelope(), FRAME_RATE, Tempo.LIBROSA_START_BPM, 1.0);

    assertThat(tempo.gridBpm()).isCloseTo(reference.tempoBpm(), within(1e-9));
  }

  @ParameterizedTest
  @ValueSource(strings = {"swing-100bpm-noise", "steady-180bpm"})
  void dynamicProgrammeFindsLibrosasBeatFrames(String name) throws IOException {
    Reference reference = Reference.load(name);

    int[] frames =
        BeatTracker.track(reference.envelope(), FRAME_RATE, reference.tempoBpm(), BeatTracker.DEFAULT_TIGHTNESS, true);

    assertThat(frames).containsExactly(reference.beatFrames());
  }

  @ParameterizedTest
  @ValueSource(strings = {"swing-100bpm-noise", "steady-180bpm"})
  void wholePipelineWithLibrosaDefaultsReproducesLibrosa(String name) throws IOException {
    Reference reference = Reference.load(name);
    var audio = dev.aivid.media.audio.AudioDecoder.fromPcm(ClickTracks.parityTrack(name), ClickTracks.SAMPLE_RATE);

    BeatResult result = BeatTrack.track(audio, Tempo.LIBROSA_START_BPM, BeatTracker.DEFAULT_TIGHTNESS);

    assertThat(result.beatFrames()).containsExactly(reference.beatFrames());
  }

  record Reference(double tempoBpm, int[] beatFrames, float[] envelope) {

    static Reference load(String name) throws IOException {
      Map<String, String> lines = new HashMap<>();
      try (InputStream stream = LibrosaParityTest.class.getResourceAsStream("/beats/librosa-parity/" + name + ".txt")) {
        assertThat(stream).as(name).isNotNull();
        for (String line : new String(stream.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
          if (!line.isBlank() && !line.startsWith("#")) {
            int space = line.indexOf(' ');
            lines.put(line.substring(0, space), line.substring(space + 1).trim());
          }
        }
      }
      int[] frames = Arrays.stream(lines.get("beat_frames").split(" ")).mapToInt(Integer::parseInt).toArray();
      String[] values = lines.get("onset_envelope").split(" ");
      float[] envelope = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        envelope[i] = Float.parseFloat(values[i]);
      }
      return new Reference(Double.parseDouble(lines.get("tempo_bpm")), frames, envelope);
    }
  }
}
