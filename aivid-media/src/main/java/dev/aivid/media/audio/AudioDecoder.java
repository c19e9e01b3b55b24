package dev.aivid.media.audio;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes WAV, MP3, FLAC, Ogg (Vorbis/Opus) or the audio track of an MP4/MOV in-process with FFmpeg: resampled by
 * libswresample to interleaved floats, then downmixed here to mono as the mean of the channels (swresample's own
 * downmix adds channels at -3 dB each, which lifts identical stereo channels by 3 dB and can clip).
 */
public final class AudioDecoder {

  /** Audio containers only; playlist and concat demuxers could steer FFmpeg to other files. */
  private static final String FORMAT_WHITELIST = "wav,mp3,flac,ogg,mov";

  /** Twenty minutes: about 100 MB of floats at 22050 Hz, far beyond any soundtrack of a generated clip. */
  public static final double DEFAULT_MAX_DURATION_SECONDS = 1200;

  private static final int MIN_SAMPLE_RATE = 1000;
  private static final int MAX_SAMPLE_RATE = 384_000;

  private AudioDecoder() {}

  /** The whole first audio stream of {@code file} as mono samples at {@code targetSampleRate}. */
  public static DecodedAudio decode(Path file, int targetSampleRate) {
    return decode(file, targetSampleRate, DEFAULT_MAX_DURATION_SECONDS);
  }

  /** As {@link #decode(Path, int)}, failing with {@code audio_too_long} past {@code maxDurationSeconds}. */
  public static DecodedAudio decode(Path file, int targetSampleRate, double maxDurationSeconds) {
    Objects.requireNonNull(file, "file");
    requireSampleRate(targetSampleRate);
    if (!(maxDurationSeconds > 0)) {
      throw new IllegalArgumentException("maxDurationSeconds must be positive, was " + maxDurationSeconds);
    }
    if (!Files.isRegularFile(file)) {
      throw new MediaException("probe_failed", "no such file: " + file.getFileName());
    }
    FFmpegLibraries.ensureLoaded();
    long maxSamples = (long) Math.ceil(maxDurationSeconds * targetSampleRate);
    var grabber = new FFmpegFrameGrabber(file.toFile());
    grabber.setOption("protocol_whitelist", "file");
    grabber.setOption("format_whitelist", FORMAT_WHITELIST);
    grabber.setSampleMode(FrameGrabber.SampleMode.FLOAT);
    grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
    grabber.setSampleRate(targetSampleRate);
    try {
      try {
        grabber.start();
      } catch (FrameGrabber.Exception | RuntimeException failure) {
        throw new MediaException("probe_failed", "not audio FFmpeg can open: " + file.getFileName(), failure);
      }
      if (!grabber.hasAudio()) {
        throw new MediaException("probe_failed", "no audio stream in " + file.getFileName());
      }
      return new DecodedAudio(readAll(grabber, maxSamples, file), targetSampleRate);
    } finally {
      closeQuietly(grabber);
    }
  }

  /** Wraps samples already in memory, copying them and clamping to [-1, 1] (non-finite values become silence). */
  public static DecodedAudio fromPcm(float[] samples, int sampleRate) {
    Objects.requireNonNull(samples, "samples");
    requireSampleRate(sampleRate);
    float[] copy = new float[samples.length];
    for (int i = 0; i < samples.length; i++) {
      copy[i] = clamp(samples[i]);
    }
    return new DecodedAudio(copy, sampleRate);
  }

  private static float[] readAll(FFmpegFrameGrabber grabber, long maxSamples, Path file) {
    float[] samples = new float[1 << 16];
    float[] interleaved = new float[0];
    int count = 0;
    try {
      Frame frame;
      while ((frame = grabber.grabSamples()) != null) {
        if (frame.samples == null || frame.samples.length == 0 || !(frame.samples[0] instanceof FloatBuffer buffer)) {
          continue;
        }
        int channels = Math.max(1, frame.audioChannels);
        int frames = buffer.remaining() / channels;
        if (count + (long) frames > maxSamples) {
          throw new MediaException("audio_too_long", file.getFileName() + " is longer than allowed");
        }
        if (count + frames > samples.length) {
          samples = Arrays.copyOf(samples, Math.max(count + frames, samples.length * 2));
        }
        if (channels == 1) {
          buffer.get(samples, count, frames);
        } else {
          if (interleaved.length < frames * channels) {
            interleaved = new float[frames * channels];
          }
          buffer.get(interleaved, 0, frames * channels);
          for (int i = 0, j = 0; i < frames; i++) {
            float sum = 0;
            for (int channel = 0; channel < channels; channel++) {
              sum += interleaved[j++];
            }
            samples[count + i] = sum / channels;
          }
        }
        count += frames;
      }
    } catch (FrameGrabber.Exception | RuntimeException failure) {
      if (failure instanceof MediaException media) {
        throw media;
      }
      throw new MediaException("decode_failed", "could not decode the audio of " + file.getFileName(), failure);
    }
    float[] result = count == samples.length ? samples : Arrays.copyOf(samples, count);
    for (int i = 0; i < count; i++) {
      result[i] = clamp(result[i]);
    }
    return result;
  }

  private static float clamp(float sample) {
    if (!Float.isFinite(sample)) {
      return 0f;
    }
    return Math.max(-1f, Math.min(1f, sample));
  }

  private static void requireSampleRate(int sampleRate) {
    if (sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
      throw new IllegalArgumentException(
          "sampleRate must be within " + MIN_SAMPLE_RATE + ".." + MAX_SAMPLE_RATE + ", was " + sampleRate);
    }
  }

  private static void closeQuietly(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception ignored) {
      // Releasing native decoder state cannot fail in a way the caller could act on.
    }
  }
}
