package dev.aivid.media.stitch;

import dev.aivid.media.MediaException;
import dev.aivid.media.audio.DecodedAudio;
import dev.aivid.media.sound.AudioMuxer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to stitch; see the package notes for the exact timeline. Lists are copied; the soundtrack's samples are shared.
 *
 * @param width board width in pixels, even, {@value #MIN_SIDE}..{@value #MAX_WIDTH}
 * @param height board height in pixels, even, {@value #MIN_SIDE}..{@value #MAX_HEIGHT}
 * @param framesPerSecond board frame rate, 1..{@value #MAX_FRAMES_PER_SECOND}; timecodes count these frames
 * @param segments the shots in film order, at least one
 * @param soundtrack mono music under the whole film, trimmed or padded to its length; its rate must be one of {@link
 *     AudioMuxer#SAMPLE_RATES}
 * @param snapCutsToBeats move every cut onto a nearby beat; {@link Transition#MATCH_ON_BEAT} cuts snap regardless
 * @param beatSeconds beat times on the film's timeline (the soundtrack's beats), strictly increasing; at least two when
 *     any cut snaps
 * @param foleyHitSeconds times on the film's timeline of synthesised impact sounds
 * @param seed makes the Foley sounds reproducible
 */
public record StitchPlan(
    int width,
    int height,
    int framesPerSecond,
    List<StitchSegment> segments,
    @Nullable DecodedAudio soundtrack,
    boolean snapCutsToBeats,
    List<Double> beatSeconds,
    List<Double> foleyHitSeconds,
    long seed) {

  public static final int MIN_SIDE = 16;
  public static final int MAX_WIDTH = 3840;
  public static final int MAX_HEIGHT = 2160;
  public static final int MAX_FRAMES_PER_SECOND = 60;
  /** CMX3600 event numbers have three digits. */
  public static final int MAX_SEGMENTS = 999;
  /** Longest film: an hour, the longest track {@link dev.aivid.media.sound.TrackTrimmer} makes. */
  public static final double MAX_SECONDS = 3_600;
  public static final int MAX_TIMES = 100_000;

  public StitchPlan {
    requireEvenWithin("width", width, MAX_WIDTH);
    requireEvenWithin("height", height, MAX_HEIGHT);
    if (framesPerSecond < 1 || framesPerSecond > MAX_FRAMES_PER_SECOND) {
      throw invalid("framesPerSecond must be within 1.." + MAX_FRAMES_PER_SECOND + ", was " + framesPerSecond);
    }
    segments = List.copyOf(Objects.requireNonNull(segments, "segments"));
    beatSeconds = List.copyOf(Objects.requireNonNull(beatSeconds, "beatSeconds"));
    foleyHitSeconds = List.copyOf(Objects.requireNonNull(foleyHitSeconds, "foleyHitSeconds"));
    if (segments.isEmpty() || segments.size() > MAX_SEGMENTS) {
      throw invalid("a plan needs 1.." + MAX_SEGMENTS + " segments, had " + segments.size());
    }
    if (!(segments.getFirst().transitionIn() instanceof Transition.Cut)) {
      throw invalid("the first segment has nothing to transition from; its transitionIn must be CUT");
    }
    if (soundtrack != null && !AudioMuxer.SAMPLE_RATES.contains(soundtrack.sampleRate())) {
      throw invalid("the soundtrack's sample rate " + soundtrack.sampleRate()
          + " Hz cannot be carried as AAC; use one of " + AudioMuxer.SAMPLE_RATES);
    }
    requireTimes("beatSeconds", beatSeconds, true);
    requireTimes("foleyHitSeconds", foleyHitSeconds, false);
    boolean anySnap = snapCutsToBeats
        || segments.stream().anyMatch(segment -> segment.transitionIn() instanceof Transition.MatchOnBeat);
    if (anySnap && beatSeconds.size() < 2) {
      throw invalid("snapping cuts to beats needs at least two beat times, had " + beatSeconds.size());
    }
    requireFramesFit(segments, framesPerSecond);
  }

  /** A plan of plain segments: no soundtrack, no snapping, no Foley. */
  public static StitchPlan of(int width, int height, int framesPerSecond, List<StitchSegment> segments) {
    return new StitchPlan(width, height, framesPerSecond, segments, null, false, List.of(), List.of(), 0);
  }

  /** A builder with no soundtrack, no beats, no Foley and seed 0; segments are added in film order. */
  public static Builder builder(int width, int height, int framesPerSecond) {
    return new Builder(width, height, framesPerSecond);
  }

  public Builder toBuilder() {
    return new Builder(width, height, framesPerSecond).segments(segments).soundtrack(soundtrack)
        .beats(beatSeconds, snapCutsToBeats).foley(foleyHitSeconds, seed);
  }

  /** {@code L_i} before beat snapping: {@code round((out − in) · fps)} frames. */
  public int nominalFrames(int index) {
    StitchSegment segment = segments.get(index);
    return (int) Math.round((segment.outSeconds() - segment.inSeconds()) * framesPerSecond);
  }

  /** {@code O_i}: frames segment {@code index} overlaps the one before it; 0 unless it crossfades in. */
  public int overlapFrames(int index) {
    return overlapFrames(segments.get(index).transitionIn(), framesPerSecond);
  }

  /** Whether the cut into segment {@code index} (at least 1) is moved onto a beat. */
  public boolean snapsCut(int index) {
    return index > 0 && (snapCutsToBeats || segments.get(index).transitionIn() instanceof Transition.MatchOnBeat);
  }

  private static int overlapFrames(Transition transition, int framesPerSecond) {
    return transition instanceof Transition.Crossfade crossfade
        ? (int) Math.round(crossfade.durationSeconds() * framesPerSecond)
        : 0;
  }

  /** Each shot keeps at least one frame of its own beside the transitions at its two ends. */
  private static void requireFramesFit(List<StitchSegment> segments, int framesPerSecond) {
    long total = 0;
    for (int index = 0; index < segments.size(); index++) {
      StitchSegment segment = segments.get(index);
      long frames = Math.round((segment.outSeconds() - segment.inSeconds()) * framesPerSecond);
      int overlapIn = overlapFrames(segment.transitionIn(), framesPerSecond);
      int overlapOut =
          index + 1 < segments.size() ? overlapFrames(segments.get(index + 1).transitionIn(), framesPerSecond) : 0;
      if (segment.transitionIn() instanceof Transition.Crossfade && overlapIn < 1) {
        throw invalid("segment " + index + " (" + segment.label() + "): its crossfade is shorter than one frame at "
            + framesPerSecond + " fps");
      }
      if (frames < overlapIn + overlapOut + 1L) {
        throw invalid("segment " + index + " (" + segment.label() + ") lasts " + frames + " frames at "
            + framesPerSecond + " fps, fewer than its transitions need (" + overlapIn + " in, " + overlapOut
            + " out, and one of its own)");
      }
      total += frames - overlapIn;
    }
    if (total > MAX_SECONDS * framesPerSecond) {
      throw invalid("the film would last " + total / (double) framesPerSecond + " s, more than " + MAX_SECONDS);
    }
  }

  private static void requireTimes(String name, List<Double> times, boolean increasing) {
    if (times.size() > MAX_TIMES) {
      throw invalid(name + " holds more than " + MAX_TIMES + " times");
    }
    double previous = Double.NEGATIVE_INFINITY;
    for (Double time : times) {
      if (time == null || !(time >= 0) || !Double.isFinite(time)) {
        throw invalid(name + " must be finite and not negative, found " + time);
      }
      if (increasing && !(time > previous)) {
        throw invalid(name + " must be strictly increasing, found " + time + " after " + previous);
      }
      previous = time;
    }
  }

  private static void requireEvenWithin(String name, int value, int max) {
    // yuv420p subsamples chroma by two in both directions.
    if (value < MIN_SIDE || value > max || value % 2 != 0) {
      throw invalid(name + " must be even and within " + MIN_SIDE + ".." + max + ", was " + value);
    }
  }

  private static MediaException invalid(String message) {
    return new MediaException(StitchErrorCodes.PLAN_INVALID, message);
  }

  /** Collects a plan's parts; {@link #build()} validates them all at once. Not thread-safe. */
  public static final class Builder {

    private final int width;
    private final int height;
    private final int framesPerSecond;
    private final List<StitchSegment> segments = new ArrayList<>();
    private @Nullable DecodedAudio soundtrack;
    private boolean snapCutsToBeats;
    private List<Double> beatSeconds = List.of();
    private List<Double> foleyHitSeconds = List.of();
    private long seed;

    private Builder(int width, int height, int framesPerSecond) {
      this.width = width;
      this.height = height;
      this.framesPerSecond = framesPerSecond;
    }

    public Builder segment(StitchSegment segment) {
      segments.add(Objects.requireNonNull(segment, "segment"));
      return this;
    }

    public Builder segments(List<StitchSegment> more) {
      more.forEach(this::segment);
      return this;
    }

    public Builder soundtrack(@Nullable DecodedAudio music) {
      this.soundtrack = music;
      return this;
    }

    /** Beat times for {@link Transition#MATCH_ON_BEAT} cuts, and whether every other cut snaps too. */
    public Builder beats(List<Double> beats, boolean snapEveryCut) {
      this.beatSeconds = Objects.requireNonNull(beats, "beats");
      this.snapCutsToBeats = snapEveryCut;
      return this;
    }

    /** As {@link #beats(List, boolean)}, e.g. with {@link dev.aivid.media.beats.BeatResult#beatTimesSeconds()}. */
    public Builder beats(double[] beats, boolean snapEveryCut) {
      return beats(Arrays.stream(beats).boxed().toList(), snapEveryCut);
    }

    public Builder foley(List<Double> hitSeconds, long foleySeed) {
      this.foleyHitSeconds = Objects.requireNonNull(hitSeconds, "hitSeconds");
      this.seed = foleySeed;
      return this;
    }

    public StitchPlan build() {
      return new StitchPlan(width, height, framesPerSecond, segments, soundtrack, snapCutsToBeats, beatSeconds,
          foleyHitSeconds, seed);
    }
  }
}
