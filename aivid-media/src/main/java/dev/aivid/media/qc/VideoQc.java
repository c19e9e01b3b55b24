package dev.aivid.media.qc;

import dev.aivid.media.MediaException;
import dev.aivid.media.internal.FFmpegLibraries;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Checks a rendered or delivered video against its order and for black, frozen and flickering pictures. */
public final class VideoQc {

  private VideoQc() {}

  /**
   * Probes {@code video}, decodes every frame once and reports what it found. Throws
   * MediaException("probe_failed") when the file is no video, ("decode_failed") when no frame decodes, and
   * ("qc_cancelled") when the thread is interrupted, leaving its interrupt flag set.
   */
  public static QcReport check(Path video, QcOrder order) {
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(order, "order");
    VideoInfo info = VideoProbe.probe(video);
    FFmpegLibraries.ensureLoaded();
    int analysisWidth = analysisWidth(info.width(), info.height());
    int analysisHeight = analysisHeight(info.width(), info.height());
    var analyzer = new FrameAnalyzer(analysisWidth, analysisHeight);
    String container;
    try (var frames = AnalysisFrames.open(video, analysisWidth, analysisHeight)) {
      container = OrderChecks.container(info.formatName(), frames.containerMetadata("major_brand"));
      while (frames.next()) {
        if (Thread.currentThread().isInterrupted()) {
          throw new MediaException("qc_cancelled", "quality check was interrupted");
        }
        analyzer.accept(frames.pixels(), frames.timeSeconds());
      }
    }
    List<FrameMeasurement> measurements = analyzer.measurements();
    if (measurements.isEmpty()) {
      throw new MediaException("decode_failed", "the video has no decodable frame");
    }
    double endSeconds = measurements.getLast().timeSeconds() + frameDurationSeconds(info, measurements);
    double durationSeconds = info.durationSeconds() > 0 ? info.durationSeconds() : endSeconds;
    List<Interval> blackRuns = ContentChecks.blackRuns(measurements, endSeconds);
    List<Interval> frozenRuns = ContentChecks.frozenRuns(measurements, endSeconds);
    Flicker flicker = Flicker.measure(measurements);

    List<QcIssue> issues = new ArrayList<>(OrderChecks.issues(container, info.videoCodec(), info.width(),
        info.height(), info.framesPerSecond(), durationSeconds, order));
    issues.addAll(ContentChecks.issues(blackRuns, frozenRuns, flicker, endSeconds));
    return new QcReport(
        container,
        info.videoCodec(),
        info.width(),
        info.height(),
        info.framesPerSecond(),
        durationSeconds,
        measurements.size(),
        Runs.atLeast(blackRuns, QcThresholds.BLACK_SEGMENT_MINIMUM_SECONDS),
        Runs.atLeast(frozenRuns, QcThresholds.FREEZE_MINIMUM_SECONDS),
        SceneCuts.detect(measurements),
        flicker.score(),
        flicker.meanAbsoluteFrameDifference(),
        issues,
        issues.stream().noneMatch(QcIssue::isError));
  }

  static int analysisWidth(int width, int height) {
    return width >= height ? Math.min(width, QcThresholds.ANALYSIS_LONG_SIDE) : shortSide(height, width);
  }

  static int analysisHeight(int width, int height) {
    return height > width ? Math.min(height, QcThresholds.ANALYSIS_LONG_SIDE) : shortSide(width, height);
  }

  private static int shortSide(int longSide, int shortSide) {
    int analysisLong = Math.min(longSide, QcThresholds.ANALYSIS_LONG_SIDE);
    return Math.max(1, (int) Math.round(analysisLong * (double) shortSide / longSide));
  }

  /** The last frame lasts one nominal frame; without a rate, the mean spacing of the others. */
  private static double frameDurationSeconds(VideoInfo info, List<FrameMeasurement> measurements) {
    if (info.framesPerSecond() > 0) {
      return 1 / info.framesPerSecond();
    }
    if (measurements.size() > 1) {
      return measurements.getLast().timeSeconds() / (measurements.size() - 1);
    }
    return 0;
  }
}
