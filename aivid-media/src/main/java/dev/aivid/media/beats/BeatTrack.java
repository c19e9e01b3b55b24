package dev.aivid.media.beats;

import dev.aivid.media.audio.DecodedAudio;
import java.util.Objects;

/**
 * librosa {@code beat.beat_track}: onset strength, then tempo, then the dynamic programme, with one changed default.
 *
 * <p>The tempo prior is centred on {@value #DEFAULT_START_BPM} BPM instead of librosa's 120. Between a pulse at T and
 * its half T/2 the log-normal prior prefers whichever is nearer to the centre, so librosa's 120 reports every
 * isochronous pulse faster than about 170 BPM (120 x sqrt 2) at half speed: a 180 BPM click track comes out at 89 BPM.
 * Centred on 140 the tie moves to about 198 BPM. Going higher starts to mistake slow swung rhythms for their triplet
 * grid: centred on 150, 60 BPM swung eighths of equal loudness are read as 180. {@link #track(DecodedAudio, double, double)} with {@link
 * Tempo#LIBROSA_START_BPM} restores librosa's behaviour exactly.
 *
 * <p>{@link BeatResult#tempoBpm()} is the refined tempo of {@link Tempo.TempoEstimate#refinedBpm()}; the tracker itself
 * runs on librosa's lag-grid value, as librosa does.
 */
public final class BeatTrack {

  /** librosa's default rate; the FFT size and hop (2048/512) are meant for it. Decode to this rate. */
  public static final int SAMPLE_RATE = 22_050;

  /** Centre of the log-normal tempo prior (librosa: 120), chosen so that 60 to 180 BPM pulses keep their tempo. */
  public static final double DEFAULT_START_BPM = 140.0;

  private BeatTrack() {}

  public static BeatResult track(DecodedAudio audio) {
    return track(audio, DEFAULT_START_BPM, BeatTracker.DEFAULT_TIGHTNESS);
  }

  public static BeatResult track(DecodedAudio audio, double startBpm, double tightness) {
    Objects.requireNonNull(audio, "audio");
    float[] envelope = OnsetStrength.envelope(audio.samples(), audio.sampleRate());
    return trackEnvelope(envelope, OnsetStrength.frameRate(audio.sampleRate()), startBpm, tightness);
  }

  /** The tracker on a precomputed onset envelope, as {@code beat_track(onset_envelope=...)}. */
  public static BeatResult trackEnvelope(float[] envelope, double frameRate, double startBpm, double tightness) {
    if (isSilent(envelope) || envelope.length < 2) {
      return new BeatResult(0, new double[0], new int[0], frameRate);
    }
    Tempo.TempoEstimate tempo = Tempo.estimate(envelope, frameRate, startBpm, Tempo.DEFAULT_STD_BPM);
    int[] frames = BeatTracker.track(envelope, frameRate, tempo.gridBpm(), tightness, true);
    double[] times = new double[frames.length];
    for (int i = 0; i < frames.length; i++) {
      times[i] = frames[i] / frameRate;
    }
    return new BeatResult(tempo.refinedBpm(), times, frames, frameRate);
  }

  private static boolean isSilent(float[] envelope) {
    for (float value : envelope) {
      if (value != 0) {
        return false;
      }
    }
    return true;
  }
}
