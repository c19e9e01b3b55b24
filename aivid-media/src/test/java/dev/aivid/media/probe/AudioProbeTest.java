package dev.aivid.media.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.media.MediaException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioProbeTest {

  /** A 16-bit PCM WAV written by hand: a sine at 440 Hz. */
  static byte[] wav(int sampleRateHertz, int channels, double seconds) {
    int samples = (int) Math.round(sampleRateHertz * seconds);
    int dataBytes = samples * channels * 2;
    ByteBuffer buffer = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
    buffer.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels);
    buffer.putInt(sampleRateHertz).putInt(sampleRateHertz * channels * 2);
    buffer.putShort((short) (channels * 2)).putShort((short) 16);
    buffer.put("data".getBytes()).putInt(dataBytes);
    for (int i = 0; i < samples; i++) {
      short value = (short) (Math.sin(2 * Math.PI * 440 * i / sampleRateHertz) * 8000);
      for (int channel = 0; channel < channels; channel++) {
        buffer.putShort(value);
      }
    }
    return buffer.array();
  }

  @Test
  void readsDurationSampleRateAndChannelsOfAWav(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("tone.wav");
    Files.write(file, wav(44_100, 2, 1.5));
    AudioInfo info = AudioProbe.probe(file);
    assertThat(info.sampleRateHertz()).isEqualTo(44_100);
    assertThat(info.channels()).isEqualTo(2);
    assertThat(info.durationSeconds()).isBetween(1.49, 1.51);
    assertThat(info.codec()).isEqualTo("pcm_s16le");
  }

  @Test
  void rejectsSomethingThatIsNotAudio(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("fake.wav");
    Files.write(file, new ByteArrayOutputStream().toByteArray());
    assertThatThrownBy(() -> AudioProbe.probe(file))
        .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.code()).isEqualTo("probe_failed"));
  }
}
