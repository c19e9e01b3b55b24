package dev.aivid.assets.internal;

import dev.aivid.assets.AssetException;
import dev.aivid.media.MediaException;
import dev.aivid.media.detect.ContentType;
import dev.aivid.media.image.ImageInfo;
import dev.aivid.media.image.Images;
import dev.aivid.media.probe.AudioInfo;
import dev.aivid.media.probe.AudioProbe;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads what each kind of file holds, and enforces the per-kind limits. */
public final class AssetProbe {
  public static final long MAX_VIDEO_SECONDS = 120;
  public static final long MAX_AUDIO_SECONDS = 600;
  public static final long MAX_IMAGE_PIXELS = 40_000_000L;

  private AssetProbe() {}

  public static long maxBytes(ContentType.Family family) {
    return switch (family) {
      case IMAGE -> 20L * 1024 * 1024;
      case VIDEO -> 200L * 1024 * 1024;
      case AUDIO -> 50L * 1024 * 1024;
      case MOTION -> 32L * 1024 * 1024;
      case DATA -> 2L * 1024 * 1024;
    };
  }

  public static Map<String, Object> probe(ContentType type, Path file) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("format", type.name().toLowerCase(java.util.Locale.ROOT));
    try {
      switch (type.family()) {
        case IMAGE -> {
          ImageInfo info = Images.probe(Files.readAllBytes(file));
          if ((long) info.width() * info.height() > MAX_IMAGE_PIXELS) {
            throw unprocessable(
                "image_too_large",
                "The image declares "
                    + info.width()
                    + "x"
                    + info.height()
                    + " pixels; at most "
                    + MAX_IMAGE_PIXELS
                    + " are accepted (a decompression bomb is refused before decoding)");
          }
          metadata.put("width", info.width());
          metadata.put("height", info.height());
        }
        case VIDEO -> {
          VideoInfo info = VideoProbe.probe(file);
          if (info.durationSeconds() > MAX_VIDEO_SECONDS) {
            throw unprocessable("video_too_long", "Videos may be at most " + MAX_VIDEO_SECONDS + " s long");
          }
          metadata.put("width", info.width());
          metadata.put("height", info.height());
          metadata.put("frames_per_second", round(info.framesPerSecond()));
          metadata.put("duration_seconds", round(info.durationSeconds()));
          metadata.put("codec", info.videoCodec());
          metadata.put("has_audio", info.hasAudio());
        }
        case AUDIO -> {
          AudioInfo info = AudioProbe.probe(file);
          if (info.durationSeconds() > MAX_AUDIO_SECONDS) {
            throw unprocessable("audio_too_long", "Audio may be at most " + MAX_AUDIO_SECONDS + " s long");
          }
          metadata.put("duration_seconds", round(info.durationSeconds()));
          metadata.put("sample_rate_hertz", info.sampleRateHertz());
          metadata.put("channels", info.channels());
          metadata.put("codec", info.codec());
        }
        case MOTION, DATA -> StructuredProbe.describe(type, Files.readAllBytes(file), metadata);
      }
    } catch (MediaException e) {
      // The family code stays stable for clients; the parser's own code says which problem it was.
      throw unprocessable(
          "unreadable_" + type.family().name().toLowerCase(java.util.Locale.ROOT),
          e.getMessage() + " (" + e.code() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return metadata;
  }

  static AssetException unprocessable(String code, String message) {
    return new AssetException(AssetException.Kind.UNPROCESSABLE, code, "file", message);
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
