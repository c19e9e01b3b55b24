package dev.aivid.media.stitch;

/**
 * A segment placed on the output timeline (see the package notes).
 *
 * @param startFrame {@code S_i}: first output frame showing it (the first frame of its crossfade, if any)
 * @param frameCount {@code L_i} after beat snapping, overlaps included
 * @param overlapInFrames {@code O_i}: frames shared with the previous segment
 * @param overlapOutFrames {@code O_(i+1)}: frames shared with the next segment
 * @param sourceInSeconds source time shown on its first frame
 * @param sourceInFrame {@code round(sourceInSeconds · fps)}: its source-in in board frames, for timecodes
 */
public record PlacedSegment(
    int index,
    int startFrame,
    int frameCount,
    int overlapInFrames,
    int overlapOutFrames,
    double sourceInSeconds,
    int sourceInFrame) {

  /** One past the last output frame showing it. */
  public int endFrame() {
    return startFrame + frameCount;
  }

  /** Source time shown on its local frame {@code frame} (0 is its first). */
  public double sourceSecondsAt(int frame, int framesPerSecond) {
    return sourceInSeconds + frame / (double) framesPerSecond;
  }
}
