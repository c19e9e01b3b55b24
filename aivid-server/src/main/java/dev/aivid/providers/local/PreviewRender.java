package dev.aivid.providers.local;

import dev.aivid.providers.ControlVerdict;
import java.util.List;

/**
 * A synchronous low-resolution render of a whole stack.
 *
 * @param prepareMillis reading and decoding the stack's files into a scene
 * @param firstFrameMillis from the start until the first frame was painted
 * @param totalMillis from the start until the MP4 (soundtrack included) was finished
 * @param landingFrames output frames on which a Foley hit was mixed
 */
public record PreviewRender(
    int frameCount,
    double prepareMillis,
    double firstFrameMillis,
    double totalMillis,
    List<Double> beatSeconds,
    List<Integer> landingFrames,
    List<ControlVerdict> verdicts) {
  public PreviewRender {
    beatSeconds = List.copyOf(beatSeconds);
    landingFrames = List.copyOf(landingFrames);
    verdicts = List.copyOf(verdicts);
  }
}
