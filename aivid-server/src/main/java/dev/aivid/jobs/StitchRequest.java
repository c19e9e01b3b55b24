package dev.aivid.jobs;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What to stitch: completed videos in order, each optionally trimmed and with the transition into
 * it, onto one board size and frame rate, optionally over an audio asset whose beats the cuts snap to.
 */
public record StitchRequest(
    List<Part> parts,
    @Nullable String size,
    @Nullable Integer framesPerSecond,
    @Nullable String soundtrackAssetId,
    boolean snapToBeats,
    @Nullable String title) {
  public StitchRequest {
    parts = List.copyOf(parts);
  }

  /**
   * @param transition {@code cut} (default), {@code crossfade} or {@code match_on_beat}
   */
  public record Part(
      String videoId, @Nullable Double inSeconds, @Nullable Double outSeconds, @Nullable String transition, @Nullable Double crossfadeSeconds) {}
}
