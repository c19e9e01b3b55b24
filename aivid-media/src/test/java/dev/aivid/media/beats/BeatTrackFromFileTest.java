package dev.aivid.media.beats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.audio.AudioDecoder;
import dev.aivid.media.audio.AudioFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decode and track end to end: a click track written as a 44.1 kHz stereo WAV and as an MP3, decoded to 22050 Hz. */
class BeatTrackFromFileTest {

  private static final int FILE_RATE = 44_100;

  @Test
  void tracksAStereoWavAt44100Hertz(@TempDir Path directory) throws Exception {
    double[] beats = ClickTracks.beatTimes(128, 0.5, 18.5);
    Path file = directory.resolve("clicks.wav");
    Files.write(file, AudioFixtures.wav(clicksAt(FILE_RATE, beats, 20), FILE_RATE, 2));

    BeatResult result = BeatTrack.track(AudioDecoder.decode(file, BeatTrack.SAMPLE_RATE));

    assertThat(result.tempoBpm()).isCloseTo(128, within(128 * 0.02));
    assertThat(BeatEvaluation.evaluateFMeasure(beats, result.beatTimesSeconds())).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void tracksAnMp3(@TempDir Path directory) throws Exception {
    double[] beats = ClickTracks.beatTimes(128, 0.5, 18.5);
    Path file = directory.resolve("clicks.mp3");
    AudioFixtures.encode(file, clicksAt(FILE_RATE, beats, 20), FILE_RATE, 1, "mp3", "libmp3lame");

    BeatResult result = BeatTrack.track(AudioDecoder.decode(file, BeatTrack.SAMPLE_RATE));

    assertThat(result.tempoBpm()).isCloseTo(128, within(128 * 0.02));
    assertThat(BeatEvaluation.evaluateFMeasure(beats, result.beatTimesSeconds())).isGreaterThanOrEqualTo(0.95);
  }

  /** The same decaying 1 kHz clicks as {@link ClickTracks}, synthesised at another rate. */
  private static float[] clicksAt(int sampleRate, double[] times, double durationSeconds) {
    float[] samples = new float[(int) Math.round(durationSeconds * sampleRate)];
    int clickLength = (int) Math.round(ClickTracks.CLICK_LENGTH_SECONDS * sampleRate);
    for (double time : times) {
      int start = (int) Math.round(time * sampleRate);
      for (int i = 0; i < clickLength && start + i < samples.length; i++) {
        double t = i / (double) sampleRate;
        samples[start + i] += (float) (ClickTracks.CLICK_AMPLITUDE
            * Math.sin(2 * Math.PI * ClickTracks.CLICK_HERTZ * t)
            * Math.exp(-t / ClickTracks.CLICK_DECAY_SECONDS));
      }
    }
    return samples;
  }
}
