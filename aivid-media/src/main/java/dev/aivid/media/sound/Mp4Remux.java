package dev.aivid.media.sound;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_q2d;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.UntrustedInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One mux: the input's video packets copied into a new MP4 as they are (no decoding, so no generation loss and no
 * change of frame count or timing), the audio encoded alongside. Written directly against libavformat because
 * JavaCV's FFmpegFrameRecorder, when started from an input context for packet copy, skips flushing its audio
 * encoder on stop and would drop the end of the track.
 */
final class Mp4Remux {

  private Mp4Remux() {}

  static MuxResult write(Path videoIn, float[] pcm, int sampleRate, Path output) {
    AVFormatContext input = openInput(videoIn);
    try {
      return writeFrom(input, pcm, sampleRate, output);
    } finally {
      avformat_close_input(input);
    }
  }

  private static AVFormatContext openInput(Path videoIn) {
    var input = new AVFormatContext(null);
    var options = new AVDictionary(null);
    UntrustedInput.openOptions().forEach((key, value) -> av_dict_set(options, key, value, 0));
    int opened = avformat_open_input(input, videoIn.toAbsolutePath().toString(), null, options);
    av_dict_free(options);
    if (opened < 0) {
      throw new MediaException(SoundErrorCodes.MUX_FAILED, "cannot open the video " + videoIn.getFileName());
    }
    if (avformat_find_stream_info(input, (PointerPointer<?>) null) < 0) {
      avformat_close_input(input);
      throw new MediaException(SoundErrorCodes.MUX_FAILED, "cannot read the streams of " + videoIn.getFileName());
    }
    return input;
  }

  private static MuxResult writeFrom(AVFormatContext input, float[] pcm, int sampleRate, Path output) {
    int videoIndex = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
    if (videoIndex < 0) {
      throw new MediaException(SoundErrorCodes.MUX_FAILED, "the input has no video stream");
    }
    var muxer = new AVFormatContext(null);
    check(avformat_alloc_output_context2(muxer, null, "mp4", output.toString()), "creating the MP4");
    var io = new AVIOContext(null);
    try (var encoder = addStreams(input, videoIndex, muxer, pcm, sampleRate)) {
      check(avio_open(io, output.toString(), AVIO_FLAG_WRITE), "opening the output file");
      muxer.pb(io);
      writeHeader(muxer);
      long videoPackets = copyVideoAndEncodeAudio(input, videoIndex, muxer, encoder);
      check(av_write_trailer(muxer), "finishing the MP4");
      return new MuxResult(AacEncoder.CODEC_NAME, sampleRate, pcm.length, encoder.delaySamples(), videoPackets);
    } finally {
      if (!io.isNull()) {
        avio_closep(io);
      }
      avformat_free_context(muxer);
    }
  }

  /** Video first (stream 0, as players expect), then audio. */
  private static AacEncoder addStreams(
      AVFormatContext input, int videoIndex, AVFormatContext muxer, float[] pcm, int sampleRate) {
    AVStream source = input.streams(videoIndex);
    AVStream video = avformat_new_stream(muxer, null);
    if (video == null || video.isNull()) {
      throw new MediaException(SoundErrorCodes.MUX_FAILED, "FFmpeg could not add a video stream");
    }
    check(avcodec_parameters_copy(video.codecpar(), source.codecpar()), "copying the video parameters");
    // The input's codec tag belongs to its container; the MP4 muxer picks its own (avc1 for H.264).
    video.codecpar().codec_tag(0);
    video.time_base(source.time_base());
    video.avg_frame_rate(source.avg_frame_rate());
    return new AacEncoder(muxer, pcm, sampleRate);
  }

  private static void writeHeader(AVFormatContext muxer) {
    var options = new AVDictionary(null);
    // The index before the media data, as PrevizRenderer writes it, so browsers can start playing early.
    av_dict_set(options, "movflags", "+faststart", 0);
    int written = avformat_write_header(muxer, options);
    av_dict_free(options);
    check(written, "writing the MP4 header");
  }

  /** Encodes audio up to each video packet's time before writing it, so the interleaving queue stays short. */
  private static long copyVideoAndEncodeAudio(
      AVFormatContext input, int videoIndex, AVFormatContext muxer, AacEncoder encoder) {
    AVStream source = input.streams(videoIndex);
    AVStream video = muxer.streams(0);
    AVPacket packet = av_packet_alloc();
    if (packet == null || packet.isNull()) {
      throw new MediaException(SoundErrorCodes.MUX_FAILED, "FFmpeg could not allocate a packet");
    }
    long copied = 0;
    try {
      while (true) {
        throwIfInterrupted();
        int read = av_read_frame(input, packet);
        if (read == AVERROR_EOF()) {
          break;
        }
        check(read, "reading the video");
        if (packet.stream_index() != videoIndex) {
          av_packet_unref(packet);
          continue;
        }
        long timestamp = packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
        double seconds = timestamp == AV_NOPTS_VALUE ? 0 : timestamp * av_q2d(source.time_base());
        while (encoder.hasMoreFrames() && encoder.nextFrameSeconds() <= seconds) {
          encoder.encodeNextFrame(muxer);
        }
        av_packet_rescale_ts(packet, source.time_base(), video.time_base());
        packet.stream_index(video.index());
        packet.pos(-1);
        check(av_interleaved_write_frame(muxer, packet), "writing video");
        copied++;
      }
      if (copied == 0) {
        throw new MediaException(SoundErrorCodes.MUX_FAILED, "the input's video stream has no packets");
      }
      while (encoder.hasMoreFrames()) {
        throwIfInterrupted();
        encoder.encodeNextFrame(muxer);
      }
      encoder.finish(muxer);
      return copied;
    } finally {
      av_packet_free(packet);
    }
  }

  private static void throwIfInterrupted() {
    if (Thread.currentThread().isInterrupted()) {
      throw new MediaException(SoundErrorCodes.MUX_CANCELLED, "muxing was interrupted");
    }
  }

  static void check(int result, String action) {
    if (result < 0) {
      throw new MediaException(SoundErrorCodes.MUX_FAILED, action + " failed: " + describe(result));
    }
  }

  private static String describe(int error) {
    var message = new byte[256];
    if (av_strerror(error, message, message.length) < 0) {
      return "FFmpeg error " + error;
    }
    int length = 0;
    while (length < message.length && message[length] != 0) {
      length++;
    }
    return new String(message, 0, length, StandardCharsets.UTF_8);
  }
}
