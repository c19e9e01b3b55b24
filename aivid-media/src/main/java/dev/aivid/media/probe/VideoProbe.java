package dev.aivid.media.probe;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.AV_DISPOSITION_ATTACHED_PIC;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import dev.aivid.media.internal.UntrustedInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/** Probes a video in-process with libavformat; nothing is decoded. */
public final class VideoProbe {

  private VideoProbe() {}

  /** MediaException("probe_failed") when the file is missing, unreadable or holds no moving picture. */
  public static VideoInfo probe(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new MediaException("probe_failed", "no such file: " + file.getFileName());
    }
    FFmpegLibraries.ensureLoaded();
    var context = new AVFormatContext(null);
    var options = new AVDictionary(null);
    UntrustedInput.openOptions().forEach((key, value) -> av_dict_set(options, key, value, 0));
    int opened = avformat_open_input(context, file.toAbsolutePath().toString(), null, options);
    av_dict_free(options);
    if (opened < 0) {
      throw new MediaException("probe_failed", "not a video format FFmpeg may open: " + file.getFileName());
    }
    try {
      return describe(context, file);
    } finally {
      avformat_close_input(context);
    }
  }

  private static VideoInfo describe(AVFormatContext context, Path file) {
    if (avformat_find_stream_info(context, (PointerPointer<?>) null) < 0) {
      throw new MediaException("probe_failed", "could not read stream information of " + file.getFileName());
    }
    String formatName = context.iformat().name().getString();
    int videoIndex = av_find_best_stream(context, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
    if (videoIndex < 0 || isStillImage(formatName, context.streams(videoIndex))) {
      throw new MediaException("probe_failed", "no video stream in " + file.getFileName());
    }
    AVStream stream = context.streams(videoIndex);
    AVCodecParameters parameters = stream.codecpar();
    if (parameters.width() < 1 || parameters.height() < 1) {
      throw new MediaException("probe_failed", "video stream without a picture size in " + file.getFileName());
    }
    double framesPerSecond = framesPerSecond(stream);
    double durationSeconds = durationSeconds(context, stream);
    long frameCount = stream.nb_frames() > 0
        ? stream.nb_frames()
        : countPackets(context, videoIndex, Math.round(durationSeconds * framesPerSecond));
    return new VideoInfo(
        formatName,
        avcodec_get_name(parameters.codec_id()).getString(),
        parameters.width(),
        parameters.height(),
        framesPerSecond,
        frameCount,
        durationSeconds,
        hasAudio(context));
  }

  /** Image demuxers and cover art expose a "video" stream too, but a single picture is not a video. */
  private static boolean isStillImage(String formatName, AVStream stream) {
    return formatName.endsWith("_pipe")
        || formatName.equals("image2")
        || (stream.disposition() & AV_DISPOSITION_ATTACHED_PIC) != 0;
  }

  private static double framesPerSecond(AVStream stream) {
    double average = rational(stream.avg_frame_rate());
    return average > 0 ? average : Math.max(0, rational(stream.r_frame_rate()));
  }

  private static double durationSeconds(AVFormatContext context, AVStream stream) {
    if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
      return stream.duration() * rational(stream.time_base());
    }
    if (context.duration() != AV_NOPTS_VALUE && context.duration() > 0) {
      return context.duration() / (double) AV_TIME_BASE;
    }
    return 0;
  }

  /** Containers such as WebM or MKV carry no frame count; one packet per frame is exact for ordinary video. */
  private static long countPackets(AVFormatContext context, int videoIndex, long fallback) {
    AVPacket packet = av_packet_alloc();
    if (packet == null) {
      return fallback;
    }
    long count = 0;
    try {
      while (av_read_frame(context, packet) >= 0) {
        if (packet.stream_index() == videoIndex) {
          count++;
        }
        av_packet_unref(packet);
      }
    } finally {
      av_packet_free(packet);
    }
    return count > 0 ? count : fallback;
  }

  private static boolean hasAudio(AVFormatContext context) {
    for (int index = 0; index < context.nb_streams(); index++) {
      if (context.streams(index).codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
        return true;
      }
    }
    return false;
  }

  private static double rational(AVRational value) {
    return value.den() == 0 ? 0 : value.num() / (double) value.den();
  }
}
