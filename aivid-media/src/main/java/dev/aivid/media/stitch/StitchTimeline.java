package dev.aivid.media.stitch;

import dev.aivid.media.MediaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The output timeline of a plan: where each segment sits, how long it runs after beat snapping, and where the cuts
 * are. Pure arithmetic on the plan and the source lengths (see the package notes for the rules), so it can be shown
 * before anything is decoded.
 */
public final class StitchTimeline {

  /** Out-points up to half a board frame past the source's end are taken as "to the end" (container rounding). */
  private static final double END_TOLERANCE_FRAMES = 0.5;

  private final StitchPlan plan;
  private final List<PlacedSegment> segments;
  private final List<StitchCut> cuts;
  private final int frameCount;

  private StitchTimeline(StitchPlan plan, List<PlacedSegment> segments, List<StitchCut> cuts, int frameCount) {
    this.plan = plan;
    this.segments = List.copyOf(segments);
    this.cuts = List.copyOf(cuts);
    this.frameCount = frameCount;
  }

  /**
   * Places the plan's segments given each source's duration (as {@link dev.aivid.media.probe.VideoProbe} reports it).
   *
   * @throws MediaException {@link StitchErrorCodes#SEGMENT_OUT_OF_RANGE} when an out-point lies beyond its source
   */
  public static StitchTimeline place(StitchPlan plan, List<Double> sourceDurationsSeconds) {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(sourceDurationsSeconds, "sourceDurationsSeconds");
    int count = plan.segments().size();
    if (sourceDurationsSeconds.size() != count) {
      throw new IllegalArgumentException(
          "one source duration per segment expected, got " + sourceDurationsSeconds.size() + " for " + count);
    }
    int fps = plan.framesPerSecond();
    int[] overlap = new int[count + 1];
    for (int index = 0; index < count; index++) {
      overlap[index] = plan.overlapFrames(index);
    }
    int[] limit = new int[count];
    int[] length = new int[count];
    for (int index = 0; index < count; index++) {
      limit[index] = sourceFrameLimit(plan, index, sourceDurationsSeconds.get(index));
      length[index] = Math.min(plan.nominalFrames(index), limit[index]);
    }
    double window = halfMedianInterval(plan.beatSeconds());
    int[] start = new int[count];
    var cuts = new ArrayList<StitchCut>();
    for (int index = 1; index < count; index++) {
      int planned = start[index - 1] + length[index - 1] - overlap[index];
      int shortest = overlap[index - 1] + overlap[index] + 1;
      StitchCut cut = plan.snapsCut(index)
          ? snap(plan, index, planned, window, length[index - 1] - planned, shortest, limit[index - 1])
          : new StitchCut(index, planned, planned, planned / (double) fps, null, CutSnap.NOT_ASKED);
      length[index - 1] += cut.frame() - planned;
      start[index] = cut.frame();
      cuts.add(cut);
    }
    var placed = new ArrayList<PlacedSegment>(count);
    for (int index = 0; index < count; index++) {
      StitchSegment segment = plan.segments().get(index);
      placed.add(new PlacedSegment(index, start[index], length[index], overlap[index], overlap[index + 1],
          segment.inSeconds(), (int) Math.round(segment.inSeconds() * fps)));
    }
    return new StitchTimeline(plan, placed, cuts, start[count - 1] + length[count - 1]);
  }

  public StitchPlan plan() {
    return plan;
  }

  public List<PlacedSegment> segments() {
    return segments;
  }

  /** One per boundary, in film order. */
  public List<StitchCut> cuts() {
    return cuts;
  }

  /** Frames in the film: {@code ΣL − ΣO}. */
  public int frameCount() {
    return frameCount;
  }

  public double durationSeconds() {
    return frameCount / (double) plan.framesPerSecond();
  }

  /**
   * The edit decision list: one event per segment. Record times run from 00:00:00:00; source times count board frames
   * from the source's first frame. An event ends where the next one begins, so a shot's tail under a following
   * dissolve is not part of its own event (CMX3600 convention: the dissolve event carries it).
   */
  public List<EdlEvent> edlEvents() {
    int fps = plan.framesPerSecond();
    var events = new ArrayList<EdlEvent>(segments.size());
    for (PlacedSegment placed : segments) {
      StitchSegment segment = plan.segments().get(placed.index());
      int ownFrames = placed.frameCount() - placed.overlapOutFrames();
      boolean dissolve = placed.overlapInFrames() > 0;
      events.add(new EdlEvent(
          placed.index() + 1,
          Edl.reelName(segment.model(), segment.label()),
          EdlEvent.VIDEO_TRACK,
          dissolve ? EdlEvent.DISSOLVE : EdlEvent.CUT,
          placed.overlapInFrames(),
          Timecode.format(placed.sourceInFrame(), fps),
          Timecode.format(placed.sourceInFrame() + ownFrames, fps),
          Timecode.format(placed.startFrame(), fps),
          Timecode.format(placed.startFrame() + ownFrames, fps),
          segment.label(),
          segment.model()));
    }
    return events;
  }

  /**
   * Frames segment {@code index} can show: local frame {@code j} shows source time {@code in + j/fps}, which must lie
   * before the source's end.
   */
  private static int sourceFrameLimit(StitchPlan plan, int index, Double durationSeconds) {
    StitchSegment segment = plan.segments().get(index);
    int fps = plan.framesPerSecond();
    if (durationSeconds == null || !(durationSeconds > 0) || !Double.isFinite(durationSeconds)) {
      throw new MediaException(StitchErrorCodes.SEGMENT_UNREADABLE,
          "segment " + index + " (" + segment.label() + ") has no usable duration: " + durationSeconds);
    }
    if (segment.outSeconds() > durationSeconds + END_TOLERANCE_FRAMES / fps) {
      throw new MediaException(StitchErrorCodes.SEGMENT_OUT_OF_RANGE, "segment " + index + " (" + segment.label()
          + ") ends at " + segment.outSeconds() + " s but its source lasts " + durationSeconds + " s");
    }
    int limit = (int) Math.ceil((durationSeconds - segment.inSeconds()) * fps - 1e-6);
    int shortest = plan.overlapFrames(index)
        + (index + 1 < plan.segments().size() ? plan.overlapFrames(index + 1) : 0) + 1;
    if (limit < shortest) {
      throw new MediaException(StitchErrorCodes.SEGMENT_OUT_OF_RANGE, "segment " + index + " (" + segment.label()
          + ") has only " + Math.max(0, limit)
          + " frames of source after its in-point, fewer than its transitions need");
    }
    return limit;
  }

  /**
   * The cut moves to a beat in the window by changing the outgoing segment's length, which must stay within
   * {@code [shortest, longest]}; the nearest beat wins, then the nearest reachable one (earlier beat on a tie).
   */
  private static StitchCut snap(StitchPlan plan, int index, int planned, double window, int lengthMinusPlanned,
      int shortest, int longest) {
    int fps = plan.framesPerSecond();
    double plannedSeconds = planned / (double) fps;
    List<Double> near = plan.beatSeconds().stream()
        .filter(beat -> Math.abs(beat - plannedSeconds) <= window + 1e-9)
        .sorted(Comparator.comparingDouble((Double beat) -> Math.abs(beat - plannedSeconds))
            .thenComparingDouble(beat -> beat))
        .toList();
    if (near.isEmpty()) {
      return new StitchCut(index, planned, planned, plannedSeconds, null, CutSnap.NO_BEAT_NEAR);
    }
    for (int rank = 0; rank < near.size(); rank++) {
      double beat = near.get(rank);
      for (int target : framesAt(beat * fps)) {
        int length = lengthMinusPlanned + target;
        if (length >= shortest && length <= longest) {
          return new StitchCut(index, planned, target, target / (double) fps, beat,
              rank == 0 ? CutSnap.ON_NEAREST_BEAT : CutSnap.ON_REACHABLE_BEAT);
        }
      }
    }
    return new StitchCut(index, planned, planned, plannedSeconds, null, CutSnap.NO_BEAT_REACHABLE);
  }

  /**
   * The frames a cut on a beat at {@code frame} (fractional) may land on: the nearest, then the one on the beat's other
   * side. A clip ends where it was ordered to, so a beat a fraction of a frame past its last frame is only reachable
   * from the frame before; that cut is still within a frame of the beat.
   */
  private static int[] framesAt(double frame) {
    int nearest = (int) Math.round(frame);
    int other = nearest > frame ? nearest - 1 : nearest + 1;
    return Math.abs(other - frame) < 1 - 1e-9 ? new int[] {nearest, other} : new int[] {nearest};
  }

  /** Half the median gap between consecutive beats: the snapping window. */
  static double halfMedianInterval(List<Double> beats) {
    if (beats.size() < 2) {
      return 0;
    }
    double[] gaps = new double[beats.size() - 1];
    for (int index = 1; index < beats.size(); index++) {
      gaps[index - 1] = beats.get(index) - beats.get(index - 1);
    }
    Arrays.sort(gaps);
    int middle = gaps.length / 2;
    double median = gaps.length % 2 == 1 ? gaps[middle] : (gaps[middle - 1] + gaps[middle]) / 2;
    return median / 2;
  }
}
