package dev.aivid.media.sound;

import java.util.Objects;

/**
 * What {@link AudioMuxer#mux} wrote.
 *
 * @param audioCodec the encoder used, e.g. {@code aac}
 * @param sampleRate of the audio track, in hertz
 * @param audioSamples samples in the audio track, {@code round(shotSeconds · sampleRate)}
 * @param encoderDelaySamples priming samples the encoder puts before the first real sample (1 024 for FFmpeg's AAC);
 *     the MP4 edit list tells players to skip them, so decoded audio starts with the first real sample
 * @param videoPackets H.264 packets copied unchanged from the input
 */
public record MuxResult(
    String audioCodec, int sampleRate, long audioSamples, int encoderDelaySamples, long videoPackets) {

  public MuxResult {
    Objects.requireNonNull(audioCodec, "audioCodec");
  }
}
