package dev.aivid.media.probe;

import java.util.Objects;

/**
 * Technical facts about a video file.
 *
 * @param formatName the container as FFmpeg names its demuxer, e.g. {@code "mov,mp4,m4a,3gp,3g2,mj2"}
 * @param videoCodec the codec of the main video stream as FFmpeg names it, e.g. {@code "h264"}
 */
public record VideoInfo(
    String formatName,
    String videoCodec,
    int width,
    int height,
    double framesPerSecond,
    long frameCount,
    double durationSeconds,
    boolean hasAudio) {

  public VideoInfo {
    Objects.requireNonNull(formatName, "formatName");
    Objects.requireNonNull(videoCodec, "videoCodec");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("video size must be positive, was " + width + "x" + height);
    }
    if (!(framesPerSecond >= 0) || frameCount < 0 || !(durationSeconds >= 0)) {
      throw new IllegalArgumentException("timing must be non-negative: framesPerSecond=" + framesPerSecond
          + ", frameCount=" + frameCount + ", durationSeconds=" + durationSeconds);
    }
  }
}
