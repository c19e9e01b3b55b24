package dev.aivid.media.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints (does not assert) how long stitching takes on this machine. */
class StitchSpeedTest {

  @TempDir
  Path directory;

  @Test
  void printsTheSpeedOfStitchingSixTwoSecondShots() {
    var segments = new ArrayList<StitchSegment>();
    var sourcesAtBoardRate = new ArrayList<StitchSegment>();
    int[][] formats = {{320, 180, 24}, {640, 360, 30}, {160, 90, 12}, {320, 240, 25}, {320, 180, 24}, {480, 270, 24}};
    for (int shot = 0; shot < formats.length; shot++) {
      Color colour = Color.getHSBColor(shot / 6f, 0.7f, 0.8f);
      int[] format = formats[shot];
      Path mixed = TestClips.solid(directory.resolve("mixed" + shot + ".mp4"), format[0], format[1], format[2],
          2 * format[2], colour);
      Path board = TestClips.solid(directory.resolve("board" + shot + ".mp4"), 320, 180, 24, 48, colour);
      Transition transition = shot == 0 ? Transition.CUT : shot % 2 == 0 ? Transition.crossfade(0.5) : Transition.CUT;
      segments.add(StitchSegment.cut(mixed, "shot " + shot, "model", 0, 2).withTransitionIn(transition));
      sourcesAtBoardRate.add(StitchSegment.cut(board, "shot " + shot, "model", 0, 2));
    }
    float[] music = new float[48_000 * 12];
    StitchPlan boardPlan = StitchPlan.of(320, 180, 24, sourcesAtBoardRate);
    Stitcher.stitch(boardPlan, directory.resolve("warm-up.mp4"));

    long started = System.nanoTime();
    StitchResult plain = Stitcher.stitch(boardPlan, directory.resolve("plain.mp4"));
    double plainMillis = (System.nanoTime() - started) / 1e6;
    StitchPlan mixedPlan = StitchPlan.builder(320, 180, 24).segments(segments)
        .soundtrack(new dev.aivid.media.audio.DecodedAudio(music, 48_000)).build();
    started = System.nanoTime();
    StitchResult mixed = Stitcher.stitch(mixedPlan, directory.resolve("mixed.mp4"));
    double mixedMillis = (System.nanoTime() - started) / 1e6;

    System.out.printf(Locale.ROOT, "stitch 6 x 2 s 320x180@24 sources, cuts, no sound -> %.1f s film: %.0f ms"
        + " (%.1fx real time, %.2f ms/frame)%n", plain.durationSeconds(), plainMillis,
        plain.durationSeconds() * 1000 / plainMillis, plainMillis / plain.frameCount());
    System.out.printf(Locale.ROOT, "stitch 6 x 2 s mixed sizes/rates, 2 crossfades, soundtrack muxed -> %.1f s film:"
        + " %.0f ms (%.1fx real time, %.2f ms/frame)%n", mixed.durationSeconds(), mixedMillis,
        mixed.durationSeconds() * 1000 / mixedMillis, mixedMillis / mixed.frameCount());
    var hdSegments = new ArrayList<StitchSegment>();
    for (int shot = 0; shot < 3; shot++) {
      Path source = TestClips.solid(directory.resolve("hd" + shot + ".mp4"), 640, 360, 24, 48,
          Color.getHSBColor(shot / 3f, 0.7f, 0.8f));
      hdSegments.add(StitchSegment.cut(source, "hd " + shot, "model", 0, 2)
          .withTransitionIn(shot == 0 ? Transition.CUT : Transition.crossfade(0.5)));
    }
    started = System.nanoTime();
    StitchResult hd = Stitcher.stitch(StitchPlan.of(1280, 720, 24, hdSegments), directory.resolve("hd.mp4"));
    double hdMillis = (System.nanoTime() - started) / 1e6;
    System.out.printf(Locale.ROOT, "stitch 3 x 2 s 640x360 sources to 1280x720@24, 2 crossfades -> %.1f s film:"
        + " %.0f ms (%.1fx real time, %.2f ms/frame)%n", hd.durationSeconds(), hdMillis,
        hd.durationSeconds() * 1000 / hdMillis, hdMillis / hd.frameCount());
    assertThat(plain.frameCount()).isEqualTo(6 * 48);
    assertThat(mixed.frameCount()).isEqualTo(6 * 48 - 2 * 12);
    List<EdlEvent> events = mixed.events();
    assertThat(events).hasSize(6);
  }
}
