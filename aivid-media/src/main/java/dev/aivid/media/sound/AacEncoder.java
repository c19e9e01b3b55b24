package dev.aivid.media.sound;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_SMALL_LAST_FRAME;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import dev.aivid.media.MediaException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.FloatPointer;
import org.jspecify.annotations.Nullable;

/**
 * FFmpeg's native AAC-LC encoder feeding one mono stream of an output file, a frame at a time so the caller can
 * interleave it with video. Frame timestamps count samples from 0; the encoder shifts its packets back by its
 * priming delay and the MP4 muxer records that shift in an edit list.
 */
final class AacEncoder implements AutoCloseable {

  static final String CODEC_NAME = "aac";

  /** Mono at 96 kb/s: generous for a previz track, small next to the video. */
  private static final long BIT_RATE = 96_000;

  private final float[] pcm;
  private final int sampleRate;
  private @Nullable AVCodecContext context;
  private @Nullable AVFrame frame;
  private @Nullable AVPacket packet;
  private final AVStream stream;
  private final int frameSize;
  private final boolean acceptsSmallLastFrame;
  private int nextSample;

  /** Adds the audio stream to {@code output}; call before the output's header is written. */
  AacEncoder(AVFormatContext output, float[] pcm, int sampleRate) {
    this.pcm = pcm;
    this.sampleRate = sampleRate;
    AVCodec codec = avcodec_find_encoder_by_name(CODEC_NAME);
    if (codec == null || codec.isNull()) {
      throw new MediaException(SoundErrorCodes.ENCODER_UNAVAILABLE, "the bundled FFmpeg has no AAC encoder");
    }
    try {
      AVCodecContext codecContext = required(avcodec_alloc_context3(codec));
      context = codecContext;
      frame = required(av_frame_alloc());
      packet = required(av_packet_alloc());
      codecContext.sample_rate(sampleRate);
      codecContext.sample_fmt(AV_SAMPLE_FMT_FLTP);
      av_channel_layout_default(codecContext.ch_layout(), 1);
      codecContext.bit_rate(BIT_RATE);
      codecContext.time_base(av_make_q(1, sampleRate));
      if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
        codecContext.flags(codecContext.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
      }
      Mp4Remux.check(avcodec_open2(codecContext, codec, (AVDictionary) null), "opening the AAC encoder");
      stream = required(avformat_new_stream(output, null));
      Mp4Remux.check(avcodec_parameters_from_context(stream.codecpar(), codecContext), "describing the audio");
      stream.time_base(codecContext.time_base());
      frameSize = codecContext.frame_size();
      acceptsSmallLastFrame = (codec.capabilities() & AV_CODEC_CAP_SMALL_LAST_FRAME) != 0;
      frame.format(AV_SAMPLE_FMT_FLTP);
      Mp4Remux.check(av_channel_layout_copy(frame.ch_layout(), codecContext.ch_layout()), "setting up audio");
      frame.sample_rate(sampleRate);
      frame.nb_samples(frameSize);
      Mp4Remux.check(av_frame_get_buffer(frame, 0), "allocating an audio frame");
    } catch (RuntimeException failure) {
      close();
      throw failure;
    }
  }

  /** Priming samples before the first real sample, as the encoder reports them. */
  int delaySamples() {
    return requireOpen(context).initial_padding();
  }

  boolean hasMoreFrames() {
    return nextSample < pcm.length;
  }

  /** Start of the next frame to encode, in seconds from the start of the track. */
  double nextFrameSeconds() {
    return nextSample / (double) sampleRate;
  }

  /** Encodes the next frame of samples and writes whatever packets the encoder has ready. */
  void encodeNextFrame(AVFormatContext output) {
    AVFrame current = requireOpen(frame);
    current.nb_samples(frameSize);
    Mp4Remux.check(av_frame_make_writable(current), "preparing an audio frame");
    int count = Math.min(frameSize, pcm.length - nextSample);
    var samples = new FloatPointer(current.data(0));
    samples.put(pcm, nextSample, count);
    if (count < frameSize) {
      if (acceptsSmallLastFrame) {
        current.nb_samples(count);
      } else {
        samples.position(count).put(new float[frameSize - count]);
      }
    }
    current.pts(nextSample);
    nextSample += count;
    Mp4Remux.check(avcodec_send_frame(requireOpen(context), current), "encoding audio");
    drain(output);
  }

  /** Flushes the encoder's look-ahead; call after the last frame. */
  void finish(AVFormatContext output) {
    Mp4Remux.check(avcodec_send_frame(requireOpen(context), null), "flushing the audio encoder");
    drain(output);
  }

  private void drain(AVFormatContext output) {
    AVCodecContext codecContext = requireOpen(context);
    AVPacket encoded = requireOpen(packet);
    while (true) {
      int result = avcodec_receive_packet(codecContext, encoded);
      if (result == AVERROR_EAGAIN() || result == AVERROR_EOF()) {
        return;
      }
      Mp4Remux.check(result, "encoding audio");
      av_packet_rescale_ts(encoded, codecContext.time_base(), stream.time_base());
      encoded.stream_index(stream.index());
      Mp4Remux.check(av_interleaved_write_frame(output, encoded), "writing audio");
    }
  }

  @Override
  public void close() {
    if (packet != null) {
      av_packet_free(packet);
      packet = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (context != null) {
      avcodec_free_context(context);
      context = null;
    }
  }

  private static <T extends org.bytedeco.javacpp.Pointer> T required(@Nullable T pointer) {
    if (pointer == null || pointer.isNull()) {
      throw new MediaException(SoundErrorCodes.MUX_FAILED, "FFmpeg could not allocate memory for audio encoding");
    }
    return pointer;
  }

  private static <T> T requireOpen(@Nullable T resource) {
    if (resource == null) {
      throw new IllegalStateException("the encoder is closed");
    }
    return resource;
  }
}
