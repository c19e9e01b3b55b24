package dev.aivid.media.qc;

import java.util.List;

/**
 * VBench temporal flickering ({@code vbench/temporal_flickering.py}): the mean over consecutive frame pairs of the
 * mean absolute difference of their colour values (0..255), scored {@code (255 − mean) / 255}.
 *
 * <p>VBench scores only static videos, selected with RAFT optical flow ({@code vbench/cli/static_filter.py}: a pair
 * moves when its top 2% flow magnitudes exceed {@code 3 · min_side / 256} pixels; a video is static when at most
 * {@code round(2 · pairs / 16)} pairs move). Without a flow model, a pair here "moves" when its
 * {@link FrameMeasurement#structureDifference()} exceeds {@link QcThresholds#STATIC_STRUCTURE_DIFFERENCE}; VBench's
 * counting rule is kept.
 *
 * @param score 1 = consecutive frames identical
 * @param meanAbsoluteFrameDifference VBench's mean, 0..255
 * @param staticShot whether the score means flicker (true) or may just be motion (false)
 */
record Flicker(double score, double meanAbsoluteFrameDifference, boolean staticShot) {

  static Flicker measure(List<FrameMeasurement> frames) {
    int pairs = frames.size() - 1;
    if (pairs < 1) {
      return new Flicker(1, 0, true);
    }
    double sum = 0;
    int moving = 0;
    for (int index = 1; index < frames.size(); index++) {
      sum += frames.get(index).colourDifference();
      if (frames.get(index).structureDifference() > QcThresholds.STATIC_STRUCTURE_DIFFERENCE) {
        moving++;
      }
    }
    double mean = Math.clamp(sum / pairs, 0, 255);
    return new Flicker((255 - mean) / 255, mean, moving <= Math.round(2 * pairs / 16.0));
  }
}
