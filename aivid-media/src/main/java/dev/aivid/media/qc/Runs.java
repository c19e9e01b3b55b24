package dev.aivid.media.qc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** Turns per-frame flags into time intervals. */
final class Runs {

  private Runs() {}

  /**
   * Each maximal run of frames {@code first..last} matching {@code member}, as {@code [time(first - lead),
   * time(last + 1))}, a run at the end ending at {@code endSeconds}: like blackdetect, a run ends where the first
   * frame that does not match starts. {@code lead} (0 or 1) lets a run start at the frame before its first member.
   */
  static List<Interval> of(List<FrameMeasurement> frames, IntPredicate member, int lead, double endSeconds) {
    List<Interval> runs = new ArrayList<>();
    int first = -1;
    for (int index = 0; index <= frames.size(); index++) {
      boolean inside = index < frames.size() && member.test(index);
      if (inside && first < 0) {
        first = index;
      } else if (!inside && first >= 0) {
        double start = frames.get(Math.max(0, first - lead)).timeSeconds();
        double end = index < frames.size() ? frames.get(index).timeSeconds() : endSeconds;
        runs.add(new Interval(start, Math.max(start, end)));
        first = -1;
      }
    }
    return runs;
  }

  static List<Interval> atLeast(List<Interval> runs, double minimumSeconds) {
    // The epsilon keeps a run of exactly the minimum, measured from rounded timestamps, from being dropped.
    return runs.stream().filter(run -> run.durationSeconds() >= minimumSeconds - 1e-6).toList();
  }

  static double totalSeconds(List<Interval> runs) {
    return runs.stream().mapToDouble(Interval::durationSeconds).sum();
  }
}
