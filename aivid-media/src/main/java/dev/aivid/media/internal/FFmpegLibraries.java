package dev.aivid.media.internal;

import dev.aivid.media.MediaException;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.jspecify.annotations.Nullable;

/** Loads the bundled FFmpeg natives once and turns a broken native setup into a {@link MediaException}. */
public final class FFmpegLibraries {

  private FFmpegLibraries() {}

  public static void ensureLoaded() {
    Holder.touch();
  }

  private static final class Holder {

    private static final @Nullable MediaException FAILURE = load();

    static void touch() {
      if (FAILURE != null) {
        throw new MediaException(FAILURE.code(), FAILURE.getMessage(), FAILURE.getCause());
      }
    }

    private static @Nullable MediaException load() {
      try {
        Loader.load(avutil.class);
        Loader.load(avcodec.class);
        Loader.load(avformat.class);
        Loader.load(swscale.class);
        // Encoders such as OpenH264 log every run at warning level; only real errors belong in server logs.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        return null;
      } catch (LinkageError | RuntimeException failure) {
        return new MediaException("ffmpeg_unavailable", "FFmpeg native libraries could not be loaded", failure);
      }
    }
  }
}
