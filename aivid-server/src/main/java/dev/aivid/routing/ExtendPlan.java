package dev.aivid.routing;

import java.util.List;

/**
 * How a shot longer than its model's safe length is made: a first render, then continuations.
 *
 * @param segmentSecondsLimit the longest segment the model is asked for: its maximum, or less when
 *     a catalog artifact threshold says so (Kling's limb ghosting past 8 s)
 * @param trimSeconds rendered seconds beyond the shot (a native extension adds whole steps), cut at
 *     stitching
 */
public record ExtendPlan(int totalSeconds, int segmentSecondsLimit, List<Segment> segments, int trimSeconds, String reason) {
  public ExtendPlan {
    segments = List.copyOf(segments);
  }

  /** {@code FIRST} renders from the prompt; the others continue the previous segment. */
  public enum Mode {
    FIRST,
    NATIVE_EXTEND,
    LAST_FRAME
  }

  public record Segment(int index, int seconds, Mode mode) {}

  public int renderedSeconds() {
    return segments.stream().mapToInt(Segment::seconds).sum();
  }
}
