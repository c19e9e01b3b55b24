package dev.aivid.media.stitch;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A boundary between two shots on the output timeline.
 *
 * @param segment index of the incoming segment (1 for the first cut)
 * @param plannedFrame where the cut would be without snapping (given the cuts before it)
 * @param frame the cut point: first output frame showing the incoming shot
 * @param seconds {@code frame / fps}
 * @param beatSeconds the beat it was moved onto, or null when it was not moved
 */
public record StitchCut(int segment, int plannedFrame, int frame, double seconds, @Nullable Double beatSeconds,
    CutSnap snap) {

  public StitchCut {
    Objects.requireNonNull(snap, "snap");
    if (segment < 1 || plannedFrame < 0 || frame < 0) {
      throw new IllegalArgumentException("segment must be positive and frames not negative");
    }
  }
}
