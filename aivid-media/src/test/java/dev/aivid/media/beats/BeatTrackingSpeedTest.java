package dev.aivid.media.beats;

import dev.aivid.media.audio.AudioDecoder;
import dev.aivid.media.audio.DecodedAudio;
import org.junit.jupiter.api.Test;

/** Prints the speed of beat tracking from PCM (decoding excluded); a measurement, not an assertion. */
class BeatTrackingSpeedTest {

  @Test
  void printsBeatTrackingSpeedOnASixtySecondTrack() {
    double seconds = 60;
    double[] beats = ClickTracks.beatTimes(128, 0.5, seconds - 1);
    float[] samples = ClickTracks.render(beats, seconds);
    ClickTracks.add(samples, ClickTracks.swingOffbeats(beats), ClickTracks.OFFBEAT_GAIN);
    DecodedAudio audio = AudioDecoder.fromPcm(ClickTracks.withNoise(samples, -20, 60), ClickTracks.SAMPLE_RATE);
    for (int warmUp = 0; warmUp < 5; warmUp++) {
      BeatTrack.track(audio);
    }
    int runs = 10;
    long best = Long.MAX_VALUE;
    long onsetBest = Long.MAX_VALUE;
    for (int run = 0; run < runs; run++) {
      long start = System.nanoTime();
      float[] envelope = OnsetStrength.envelope(audio.samples(), audio.sampleRate());
      onsetBest = Math.min(onsetBest, System.nanoTime() - start);
      start = System.nanoTime();
      BeatTrack.track(audio);
      best = Math.min(best, System.nanoTime() - start);
      if (envelope.length == 0) {
        throw new AssertionError();
      }
    }
    System.out.printf(
        "beat tracking %.0fx real time (%.1f ms for %.0f s of audio; onset strength alone %.1f ms)%n",
        seconds / (best / 1e9), best / 1e6, seconds, onsetBest / 1e6);
  }
}
