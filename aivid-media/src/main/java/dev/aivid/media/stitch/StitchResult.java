package dev.aivid.media.stitch;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Stitcher#stitch} wrote.
 *
 * @param durationSeconds {@code frameCount / framesPerSecond}; the audio track, when present, has the same length
 * @param events the edit decision list, one event per segment
 * @param cutSeconds where each cut landed on the film's timeline ({@code cuts().get(i).seconds()})
 * @param cuts each cut in detail: planned and final frame, the beat it moved onto, and why it did or did not move
 * @param hasAudio whether the MP4 has an audio track
 */
public record StitchResult(
    double durationSeconds,
    int frameCount,
    int framesPerSecond,
    List<EdlEvent> events,
    List<Double> cutSeconds,
    List<StitchCut> cuts,
    boolean hasAudio) {

  public StitchResult {
    events = List.copyOf(Objects.requireNonNull(events, "events"));
    cutSeconds = List.copyOf(Objects.requireNonNull(cutSeconds, "cutSeconds"));
    cuts = List.copyOf(Objects.requireNonNull(cuts, "cuts"));
  }

  /** {@link Edl#json} of the events. */
  public String edlJson() {
    return Edl.json(events);
  }

  /** {@link Edl#cmx3600} of the events at the board's rate. */
  public String edlCmx3600(String title) {
    return Edl.cmx3600(title, framesPerSecond, events);
  }
}
