package dev.aivid.media.qc;

import java.util.List;
import java.util.Objects;

/**
 * What {@link VideoQc} found. Sizes and timing are the container's; statistics come from decoding every frame.
 *
 * @param container {@code "mp4"}, {@code "mov"} (an MP4-family file branded QuickTime), or FFmpeg's demuxer name
 * @param videoCodec FFmpeg's codec name, e.g. {@code "h264"}
 * @param frameCount frames actually decoded
 * @param sceneCutSeconds the start of each new shot
 * @param flickerScore VBench temporal flickering, {@code (255 − meanAbsoluteFrameDifference) / 255}: 1 = no change
 *     between consecutive frames
 * @param meanAbsoluteFrameDifference mean absolute RGB difference of consecutive frames, 0..255
 * @param passes no issue of error severity
 */
public record QcReport(
    String container,
    String videoCodec,
    int width,
    int height,
    double framesPerSecond,
    double durationSeconds,
    int frameCount,
    List<Interval> blackIntervals,
    List<Interval> frozenIntervals,
    List<Double> sceneCutSeconds,
    double flickerScore,
    double meanAbsoluteFrameDifference,
    List<QcIssue> issues,
    boolean passes) {

  public QcReport {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(videoCodec, "videoCodec");
    blackIntervals = List.copyOf(blackIntervals);
    frozenIntervals = List.copyOf(frozenIntervals);
    sceneCutSeconds = List.copyOf(sceneCutSeconds);
    issues = List.copyOf(issues);
    if (!(flickerScore >= 0 && flickerScore <= 1)) {
      throw new IllegalArgumentException("flickerScore must be within 0..1, was " + flickerScore);
    }
    if (!(meanAbsoluteFrameDifference >= 0 && meanAbsoluteFrameDifference <= 255)) {
      throw new IllegalArgumentException(
          "meanAbsoluteFrameDifference must be within 0..255, was " + meanAbsoluteFrameDifference);
    }
    if (passes != issues.stream().noneMatch(QcIssue::isError)) {
      throw new IllegalArgumentException("passes must be true exactly when no issue is an error");
    }
  }

  public boolean hasIssue(String code) {
    return issues.stream().anyMatch(issue -> issue.code().equals(code));
  }
}
