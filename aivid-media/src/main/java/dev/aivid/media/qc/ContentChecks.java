package dev.aivid.media.qc;

import java.util.ArrayList;
import java.util.List;

/** Black, frozen and flickering pictures, from the per-frame measurements. */
final class ContentChecks {

  private ContentChecks() {}

  static List<Interval> blackRuns(List<FrameMeasurement> frames, double endSeconds) {
    return Runs.of(frames,
        index -> frames.get(index).blackFraction() >= QcThresholds.BLACK_PICTURE_FRACTION, 0, endSeconds);
  }

  /**
   * From the reference frame (the last one that changed, right before a run of frozen frames) to the next change, as
   * freezedetect reports it. Two runs with one changed frame between them are two freezes on different pictures.
   */
  static List<Interval> frozenRuns(List<FrameMeasurement> frames, double endSeconds) {
    return Runs.of(frames, index -> frames.get(index).frozen(), 1, endSeconds);
  }

  static List<QcIssue> issues(
      List<Interval> blackRuns, List<Interval> frozenRuns, Flicker flicker, double endSeconds) {
    List<QcIssue> issues = new ArrayList<>();
    double blackShare = share(blackRuns, endSeconds);
    if (blackShare > QcThresholds.BLACK_VIDEO_FRACTION) {
      issues.add(QcIssue.error(QcIssue.BLACK_VIDEO, percent(blackShare) + " of the video is black"));
    } else {
      for (Interval black : Runs.atLeast(blackRuns, QcThresholds.BLACK_SEGMENT_MINIMUM_SECONDS)) {
        issues.add(QcIssue.warning(QcIssue.BLACK_SEGMENT, "black from " + describe(black)));
      }
    }
    // Slow motion is a chain of short runs, each broken when the change adds up; only long holds make a frozen video.
    double longHold = Math.min(QcThresholds.FREEZE_MINIMUM_SECONDS, QcThresholds.FROZEN_VIDEO_FRACTION * endSeconds);
    double frozenShare = share(Runs.atLeast(frozenRuns, longHold), endSeconds);
    if (frozenShare > QcThresholds.FROZEN_VIDEO_FRACTION) {
      issues.add(QcIssue.error(QcIssue.FROZEN_VIDEO, percent(frozenShare) + " of the video is a still picture"));
    } else {
      for (Interval frozen : Runs.atLeast(frozenRuns, QcThresholds.FREEZE_MINIMUM_SECONDS)) {
        issues.add(QcIssue.warning(QcIssue.FROZEN_SEGMENT, "frozen from " + describe(frozen)));
      }
    }
    // Only a static shot's frame differences are flicker; in a moving one they are mostly motion.
    if (flicker.staticShot() && flicker.score() < QcThresholds.FLICKER_MINIMUM_SCORE) {
      issues.add(QcIssue.warning(QcIssue.FLICKER, "brightness flickers in a static shot: temporal flickering score "
          + OrderChecks.format(flicker.score()) + " (below " + QcThresholds.FLICKER_MINIMUM_SCORE + ")"));
    }
    return issues;
  }

  private static double share(List<Interval> runs, double endSeconds) {
    return endSeconds > 0 ? Runs.totalSeconds(runs) / endSeconds : 0;
  }

  private static String describe(Interval interval) {
    return OrderChecks.format(interval.startSeconds()) + " s to " + OrderChecks.format(interval.endSeconds()) + " s";
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }
}
