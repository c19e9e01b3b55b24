package dev.aivid.media.qc;

import java.util.ArrayList;
import java.util.List;

/**
 * Hard cuts by ffmpeg scdet's score: {@code mafd = 100 · mean|Y_t − Y_t−1|} (luma, full scale = 100) and
 * {@code score = clip(min(mafd, |mafd − previous mafd|), 0, 100)}, so steady fast motion (high mafd every frame)
 * does not count, only a jump. scdet reports every frame at or above the threshold; here a cut must also be a peak
 * (above the score before it, not below the one after) so a cut spread over two frames is reported once.
 */
final class SceneCuts {

  private SceneCuts() {}

  static double[] scores(List<FrameMeasurement> frames) {
    var scores = new double[frames.size()];
    double previousMafd = 0;
    for (int index = 1; index < frames.size(); index++) {
      double mafd = 100 * frames.get(index).lumaDifference();
      scores[index] = Math.clamp(Math.min(mafd, Math.abs(mafd - previousMafd)), 0, 100);
      previousMafd = mafd;
    }
    return scores;
  }

  static List<Double> detect(List<FrameMeasurement> frames) {
    double[] scores = scores(frames);
    List<Double> cuts = new ArrayList<>();
    for (int index = 1; index < scores.length; index++) {
      boolean peak = scores[index] > scores[index - 1]
          && (index + 1 == scores.length || scores[index] >= scores[index + 1]);
      if (peak && scores[index] >= QcThresholds.SCENE_CUT_SCORE) {
        cuts.add(frames.get(index).timeSeconds());
      }
    }
    return cuts;
  }
}
