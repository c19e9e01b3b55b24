package dev.aivid.media.qc;

/** A stretch of the video, in seconds from its first frame; {@code end} is where the next different frame starts. */
public record Interval(double startSeconds, double endSeconds) {

  public Interval {
    if (!Double.isFinite(startSeconds) || !Double.isFinite(endSeconds) || startSeconds < 0
        || endSeconds < startSeconds) {
      throw new IllegalArgumentException("not an interval: " + startSeconds + ".." + endSeconds);
    }
  }

  public double durationSeconds() {
    return endSeconds - startSeconds;
  }
}
