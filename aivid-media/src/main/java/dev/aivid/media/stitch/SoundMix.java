package dev.aivid.media.stitch;

import dev.aivid.media.MediaException;
import dev.aivid.media.audio.AudioDecoder;
import dev.aivid.media.audio.DecodedAudio;
import dev.aivid.media.sound.FoleyTrack;
import dev.aivid.media.sound.TrackTrimmer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The film's mono track: soundtrack, the segments' own sound where asked for, Foley; see the package notes. */
final class SoundMix {

  /** The rate used when there is no soundtrack to follow: AAC's usual rate for video. */
  static final int DEFAULT_SAMPLE_RATE = 48_000;

  private SoundMix() {}

  static int sampleRate(StitchPlan plan) {
    DecodedAudio soundtrack = plan.soundtrack();
    return soundtrack != null ? soundtrack.sampleRate() : DEFAULT_SAMPLE_RATE;
  }

  /**
   * The mixed track, {@code round(duration · sampleRate)} samples, or null when the film has no sound at all.
   *
   * @param sourceHasAudio per segment, whether its file has an audio stream (a segment asking for its sound without
   *     having any contributes silence)
   * @param sourceDurationsSeconds per segment, the declared length: decoded AAC can run a little past it
   */
  static float @Nullable [] mix(StitchTimeline timeline, List<Boolean> sourceHasAudio,
      List<Double> sourceDurationsSeconds) {
    StitchPlan plan = timeline.plan();
    int sampleRate = sampleRate(plan);
    double duration = timeline.durationSeconds();
    int total = (int) Math.round(duration * sampleRate);
    var bus = new double[total];
    boolean audible = false;
    DecodedAudio soundtrack = plan.soundtrack();
    if (soundtrack != null) {
      float[] music = TrackTrimmer.fit(soundtrack.samples(), sampleRate, duration);
      for (int index = 0; index < total; index++) {
        bus[index] = music[index];
      }
      audible = true;
    }
    for (PlacedSegment placed : timeline.segments()) {
      StitchSegment segment = plan.segments().get(placed.index());
      Double gainDb = segment.audioGainDb();
      if (gainDb != null && sourceHasAudio.get(placed.index())) {
        addSegment(bus, placed, segment, gainDb, sourceDurationsSeconds.get(placed.index()), plan.framesPerSecond(),
            sampleRate);
        audible = true;
      }
    }
    if (!audible && plan.foleyHitSeconds().isEmpty()) {
      return null;
    }
    var base = new float[total];
    for (int index = 0; index < total; index++) {
      base[index] = (float) bus[index];
    }
    // Also soft-clips the sum, so loud music plus a loud clip rounds off instead of wrapping.
    return FoleyTrack.mix(base, sampleRate, plan.foleyHitSeconds(), plan.seed());
  }

  /** The segment's sound from its in-point, for as long as it is on screen, ramped linearly across crossfades. */
  private static void addSegment(double[] bus, PlacedSegment placed, StitchSegment segment, double gainDb,
      double sourceDurationSeconds, int framesPerSecond, int sampleRate) {
    DecodedAudio audio;
    try {
      audio = AudioDecoder.decode(segment.video(), sampleRate);
    } catch (MediaException failure) {
      throw new MediaException(StitchErrorCodes.SEGMENT_UNREADABLE,
          "cannot decode the sound of " + segment.label() + ": " + failure.getMessage(), failure);
    }
    float[] samples = audio.samples();
    long sourceEnd = Math.min(samples.length, Math.round(sourceDurationSeconds * sampleRate));
    long sourceStart = Math.round(placed.sourceInSeconds() * sampleRate);
    int outputStart = (int) Math.round(placed.startFrame() / (double) framesPerSecond * sampleRate);
    int count = (int) Math.round(placed.frameCount() / (double) framesPerSecond * sampleRate);
    int fadeIn = (int) Math.round(placed.overlapInFrames() / (double) framesPerSecond * sampleRate);
    int fadeOut = (int) Math.round(placed.overlapOutFrames() / (double) framesPerSecond * sampleRate);
    double gain = Math.pow(10, gainDb / 20);
    for (int offset = 0; offset < count; offset++) {
      long source = sourceStart + offset;
      int output = outputStart + offset;
      if (source >= sourceEnd || output >= bus.length) {
        break;
      }
      double weight = gain;
      if (offset < fadeIn) {
        weight *= (offset + 0.5) / fadeIn;
      }
      if (offset >= count - fadeOut) {
        weight *= (count - offset - 0.5) / fadeOut;
      }
      bus[output] += samples[(int) source] * weight;
    }
  }
}
