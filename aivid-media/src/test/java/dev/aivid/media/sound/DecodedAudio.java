package dev.aivid.media.sound;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The audio of a file decoded back by FFmpeg (a tiny test-only decoder; real decoding is another package's job).
 *
 * @param firstTimestampSeconds presentation time of the first decoded sample
 */
record DecodedAudio(float[] samples, int sampleRate, int channels, double firstTimestampSeconds) {

  /** Honours the MP4 edit list, as players do: the encoder's priming samples are skipped. */
  static DecodedAudio decode(Path file) {
    return decode(file, false);
  }

  /** With {@code ignoreEditList} the priming samples stay in, as a player that ignores edit lists would play them. */
  static DecodedAudio decode(Path file, boolean ignoreEditList) {
    try (var grabber = new FFmpegFrameGrabber(file.toFile())) {
      if (ignoreEditList) {
        grabber.setOption("ignore_editlist", "1");
      }
      grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
      grabber.start();
      var samples = new float[1 << 16];
      int count = 0;
      double firstTimestampSeconds = Double.NaN;
      Frame frame;
      while ((frame = grabber.grabSamples()) != null) {
        if (frame.samples == null) {
          continue;
        }
        if (Double.isNaN(firstTimestampSeconds)) {
          firstTimestampSeconds = frame.timestamp / 1e6;
        }
        FloatBuffer buffer = (FloatBuffer) frame.samples[0];
        int available = buffer.remaining();
        if (count + available > samples.length) {
          samples = java.util.Arrays.copyOf(samples, Math.max(2 * samples.length, count + available));
        }
        buffer.get(samples, count, available);
        count += available;
      }
      return new DecodedAudio(java.util.Arrays.copyOf(samples, count), grabber.getSampleRate(),
          grabber.getAudioChannels(), firstTimestampSeconds);
    } catch (FrameGrabber.Exception failure) {
      throw new IllegalStateException(failure);
    }
  }
}
