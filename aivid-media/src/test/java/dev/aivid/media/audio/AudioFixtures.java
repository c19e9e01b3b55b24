package dev.aivid.media.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/** Audio files written in the test: a WAV by hand, compressed formats with FFmpeg's encoders. */
public final class AudioFixtures {

  private AudioFixtures() {}

  /** Interleaved 16-bit PCM WAV of {@code channels} identical channels. */
  public static byte[] wav(float[] mono, int sampleRate, int channels) {
    int dataBytes = mono.length * channels * 2;
    ByteBuffer buffer = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
    buffer.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels);
    buffer.putInt(sampleRate).putInt(sampleRate * channels * 2);
    buffer.putShort((short) (channels * 2)).putShort((short) 16);
    buffer.put(ascii("data")).putInt(dataBytes);
    for (float sample : mono) {
      short value = (short) Math.round(Math.max(-1, Math.min(1, sample)) * 32767);
      for (int channel = 0; channel < channels; channel++) {
        buffer.putShort(value);
      }
    }
    return buffer.array();
  }

  /** A sine of {@code hertz} at {@code amplitude}. */
  public static float[] sine(double hertz, double amplitude, int sampleRate, double seconds) {
    float[] samples = new float[(int) Math.round(seconds * sampleRate)];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (amplitude * Math.sin(2 * Math.PI * hertz * i / sampleRate));
    }
    return samples;
  }

  /**
   * Encodes {@code mono} as {@code channels} identical channels with FFmpeg, e.g. ("mp3", "libmp3lame"), ("flac",
   * "flac"), ("ogg", "libopus").
   */
  public static void encode(Path file, float[] mono, int sampleRate, int channels, String format, String codec)
      throws FrameRecorder.Exception {
    try (var recorder = new FFmpegFrameRecorder(file.toFile(), channels)) {
      recorder.setFormat(format);
      recorder.setAudioCodecName(codec);
      recorder.setSampleRate(sampleRate);
      recorder.setAudioChannels(channels);
      recorder.setAudioBitrate(128_000);
      // FFmpeg's own Vorbis encoder is flagged experimental; without this the build falls back to FLAC in Ogg.
      recorder.setAudioOption("strict", "experimental");
      recorder.start();
      int chunk = 4096;
      for (int start = 0; start < mono.length; start += chunk) {
        int length = Math.min(chunk, mono.length - start);
        // A fresh array per chunk: the recorder reads buffers from their backing array's start.
        float[] interleaved = new float[length * channels];
        for (int i = 0; i < length; i++) {
          Arrays.fill(interleaved, i * channels, (i + 1) * channels, mono[start + i]);
        }
        recorder.recordSamples(sampleRate, channels, FloatBuffer.wrap(interleaved));
      }
      recorder.stop();
    }
  }

  /** Strongest frequency by counting upward zero crossings in the middle of the signal. */
  static double zeroCrossingHertz(float[] samples, int sampleRate) {
    int from = samples.length / 4;
    int to = 3 * samples.length / 4;
    int crossings = 0;
    for (int i = from + 1; i < to; i++) {
      if (samples[i - 1] < 0 && samples[i] >= 0) {
        crossings++;
      }
    }
    return crossings * sampleRate / (double) (to - from);
  }

  static double peak(float[] samples) {
    double peak = 0;
    for (int i = samples.length / 4; i < 3 * samples.length / 4; i++) {
      peak = Math.max(peak, Math.abs(samples[i]));
    }
    return peak;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
