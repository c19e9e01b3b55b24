package dev.aivid.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.MediaException;
import dev.aivid.media.probe.AudioProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FrameRecorder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioDecoderTest {

  @Test
  void decodesAStereo44kWavToMonoAt22050(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("tone.wav");
    Files.write(file, AudioFixtures.wav(AudioFixtures.sine(440, 0.5, 44_100, 2.0), 44_100, 2));

    DecodedAudio audio = AudioDecoder.decode(file, 22_050);

    assertThat(audio.sampleRate()).isEqualTo(22_050);
    assertThat(audio.durationSeconds()).isCloseTo(2.0, within(0.01));
    assertThat(AudioFixtures.zeroCrossingHertz(audio.samples(), 22_050)).isCloseTo(440, within(2.0));
    assertThat(AudioFixtures.peak(audio.samples())).isCloseTo(0.5, within(0.02));
  }

  @Test
  void keepsTheRateOfAWavAlreadyAtTheTarget(@TempDir Path directory) throws Exception {
    float[] source = AudioFixtures.sine(1000, 0.25, 22_050, 1.0);
    Path file = directory.resolve("tone.wav");
    Files.write(file, AudioFixtures.wav(source, 22_050, 1));

    DecodedAudio audio = AudioDecoder.decode(file, 22_050);

    assertThat(audio.samples()).hasSize(source.length);
    for (int i = 0; i < source.length; i += 97) {
      assertThat(audio.samples()[i]).isCloseTo(source[i], within(1e-4f));
    }
  }

  /** Which compressed formats the bundled FFmpeg both writes and reads; each decoded back to a 660 Hz tone. */
  @ParameterizedTest(name = "{0} via {1}")
  @CsvSource({
    "mp3, libmp3lame, 1, mp3, mp3",
    "flac, flac, 1, flac, flac",
    "ogg, libopus, 1, ogg, opus",
    "ogg, vorbis, 2, ogg, vorbis",
    "mp4, aac, 2, m4a, aac"
  })
  void decodesCompressedFormatsWrittenWithFfmpeg(
      String format, String codec, int channels, String extension, String storedCodec, @TempDir Path directory)
      throws Exception {
    Path file = directory.resolve("tone." + extension);
    int sampleRate = codec.equals("libopus") ? 48_000 : 44_100;
    try {
      AudioFixtures.encode(file, AudioFixtures.sine(660, 0.5, sampleRate, 2.0), sampleRate, channels, format, codec);
    } catch (FrameRecorder.Exception | RuntimeException noEncoder) {
      System.out.println("audio formats: no " + codec + " encoder in this FFmpeg build: " + noEncoder.getMessage());
      Assumptions.abort("no " + codec + " encoder");
    }

    assertThat(AudioProbe.probe(file).codec()).isEqualTo(storedCodec);

    DecodedAudio audio = AudioDecoder.decode(file, 22_050);

    System.out.println("audio formats: " + format + "/" + storedCodec + " decodes, " + audio.samples().length + " samples");
    assertThat(audio.sampleRate()).isEqualTo(22_050);
    assertThat(audio.durationSeconds()).isCloseTo(2.0, within(0.1));
    assertThat(AudioFixtures.zeroCrossingHertz(audio.samples(), 22_050)).isCloseTo(660, within(3.0));
    assertThat(AudioFixtures.peak(audio.samples())).isCloseTo(0.5, within(0.05));
  }

  @Test
  void fromPcmCopiesAndClampsSamples() {
    float[] source = {0.5f, 2f, -3f, Float.NaN};

    DecodedAudio audio = AudioDecoder.fromPcm(source, 22_050);
    source[0] = 0;

    assertThat(audio.samples()).containsExactly(0.5f, 1f, -1f, 0f);
    assertThat(audio.durationSeconds()).isCloseTo(4 / 22_050.0, within(1e-12));
  }

  @Test
  void refusesAFileThatIsNotAudio(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("notes.wav");
    Files.writeString(file, "not a RIFF header at all");

    assertThatThrownBy(() -> AudioDecoder.decode(file, 22_050))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.code()).isEqualTo("probe_failed"));
  }

  @Test
  void refusesAudioLongerThanTheLimit(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("tone.wav");
    Files.write(file, AudioFixtures.wav(AudioFixtures.sine(440, 0.5, 22_050, 3.0), 22_050, 1));

    assertThatThrownBy(() -> AudioDecoder.decode(file, 22_050, 1.0))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.code()).isEqualTo("audio_too_long"));
  }

  @Test
  void refusesAMissingFileAndAnAbsurdRate(@TempDir Path directory) {
    assertThatThrownBy(() -> AudioDecoder.decode(directory.resolve("missing.wav"), 22_050))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.code()).isEqualTo("probe_failed"));
    assertThatThrownBy(() -> AudioDecoder.decode(directory.resolve("missing.wav"), 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
