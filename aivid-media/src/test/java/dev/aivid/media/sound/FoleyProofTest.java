package dev.aivid.media.sound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.media.probe.VideoProbe;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof: a drop jump whose landings are known (source frames 149 and 213 at 120 fps, see {@link DropJump})
 * is placed on a 30 fps video, Foley is mixed at the landing frames, muxed as AAC into the MP4, decoded back, and the
 * onsets are measured in the decoded audio.
 */
class FoleyProofTest {

  private static final int FRAMES_PER_SECOND = 30;
  private static final int SAMPLE_RATE = 48_000;
  private static final double FRAME_SECONDS = 1.0 / FRAMES_PER_SECOND;

  @TempDir
  Path directory;

  @Test
  void theFoleyOnsetsDecodedFromTheMp4AreWithinOneVideoFrameOfTheLandings() {
    List<LandingHit> hits = LandingHits.fromBvh(DropJump.clip(), FRAMES_PER_SECOND);
    assertThat(hits).extracting(LandingHit::outputFrame).containsExactly(38, 38, 54, 54);
    Path video = AudioMuxerTest.render(directory.resolve("drop-jump.mp4"), 2, FRAMES_PER_SECOND);
    float[] roomTone = Signals.roomTone(SAMPLE_RATE, 2.0, 0.002, 11);
    float[] track = FoleyTrack.mix(roomTone, SAMPLE_RATE, LandingHits.times(hits), 2026);
    Path muxed = directory.resolve("drop-jump-foley.mp4");

    MuxResult result = AudioMuxer.mux(video, track, SAMPLE_RATE, 2.0, muxed);

    assertThat(VideoProbe.probe(muxed).frameCount()).isEqualTo(60);
    float[] decoded = DecodedAudio.decode(muxed).samples();
    float[] primed = DecodedAudio.decode(muxed, true).samples();
    double[] landingSeconds = {
      DropJump.landingSeconds(DropJump.DROP_LANDING_FRAME), DropJump.landingSeconds(DropJump.REBOUND_LANDING_FRAME)
    };
    double[] hitSeconds = {38 * FRAME_SECONDS, 54 * FRAME_SECONDS};
    // Each search starts 0.4 s before its hit, well after the previous impact (0.12 s long) has ended.
    for (int landing = 0; landing < 2; landing++) {
      int searchFrom = (int) Math.round((hitSeconds[landing] - 0.4) * SAMPLE_RATE);
      int onset = OnsetMeter.firstOnset(decoded, SAMPLE_RATE, searchFrom);
      int primedOnset = OnsetMeter.firstOnset(primed, SAMPLE_RATE, searchFrom);
      int unencodedOnset = OnsetMeter.firstOnset(track, SAMPLE_RATE, searchFrom);
      double onsetSeconds = onset / (double) SAMPLE_RATE;
      System.out.printf(
          "landing %d: BVH %.4f s, output frame %d (%.4f s, mixed at sample %d, measured before encoding at %d);"
              + " decoded onset sample %d = %.4f s:"
              + " %+.2f ms from the frame, %+.2f ms from the BVH landing; ignoring the edit list: sample %d"
              + " (%+d samples, encoder delay %d)%n",
          landing, landingSeconds[landing], hits.get(2 * landing).outputFrame(), hitSeconds[landing],
          Math.round(hitSeconds[landing] * SAMPLE_RATE), unencodedOnset, onset, onsetSeconds,
          1000 * (onsetSeconds - hitSeconds[landing]), 1000 * (onsetSeconds - landingSeconds[landing]),
          primedOnset, primedOnset - onset, result.encoderDelaySamples());

      assertThat(Math.abs(onsetSeconds - landingSeconds[landing])).isLessThanOrEqualTo(FRAME_SECONDS);
      assertThat(Math.abs(onsetSeconds - hitSeconds[landing])).isLessThanOrEqualTo(FRAME_SECONDS);
      // Without the edit list the priming samples come first and every onset is late by the encoder delay.
      assertThat(primedOnset - onset).isBetween(result.encoderDelaySamples() - 48, result.encoderDelaySamples() + 48);
    }
  }
}
