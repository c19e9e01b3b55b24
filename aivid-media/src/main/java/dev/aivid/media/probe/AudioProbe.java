package dev.aivid.media.probe;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.javacpp.PointerPointer;

/** Probes an audio file (WAV, MP3, FLAC, Ogg, or the audio of an MP4) in-process; nothing decoded. */
public final class AudioProbe {
  /** Audio containers only; playlist and concat demuxers could steer FFmpeg to other files. */
  private static final String FORMAT_WHITELIST = "wav,mp3,flac,ogg,mov";

  private AudioProbe() {}

  public static AudioInfo probe(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new MediaException("probe_failed", "no such file: " + file.getFileName());
    }
    FFmpegLibraries.ensureLoaded();
    var context = new AVFormatContext(null);
    var options = new AVDictionary(null);
    av_dict_set(options, "protocol_whitelist", "file", 0);
    av_dict_set(options, "format_whitelist", FORMAT_WHITELIST, 0);
    int opened = avformat_open_input(context, file.toAbsolutePath().toString(), null, options);
    av_dict_free(options);
    if (opened < 0) {
      throw new MediaException("probe_failed", "not an audio format FFmpeg may open: " + file.getFileName());
    }
    try {
      if (avformat_find_stream_info(context, (PointerPointer<?>) null) < 0) {
        throw new MediaException("probe_failed", "could not read stream information of " + file.getFileName());
      }
      int index = av_find_best_stream(context, AVMEDIA_TYPE_AUDIO, -1, -1, (PointerPointer<?>) null, 0);
      if (index < 0) {
        throw new MediaException("probe_failed", "no audio stream in " + file.getFileName());
      }
      AVStream stream = context.streams(index);
      AVCodecParameters parameters = stream.codecpar();
      double duration;
      if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0 && stream.time_base().den() != 0) {
        duration = stream.duration() * stream.time_base().num() / (double) stream.time_base().den();
      } else if (context.duration() != AV_NOPTS_VALUE && context.duration() > 0) {
        duration = context.duration() / (double) AV_TIME_BASE;
      } else {
        duration = 0;
      }
      return new AudioInfo(
          context.iformat().name().getString(),
          avcodec_get_name(parameters.codec_id()).getString(),
          duration,
          parameters.sample_rate(),
          parameters.ch_layout().nb_channels());
    } finally {
      avformat_close_input(context);
    }
  }
}
