package dev.aivid.media.stitch;

import dev.aivid.media.MediaException;

/** How a segment begins after the one before it. */
public sealed interface Transition permits Transition.Cut, Transition.Crossfade, Transition.MatchOnBeat {

  /** A hard cut. */
  Transition CUT = new Cut();

  /** A hard cut that is always placed on a beat of the soundtrack, whether or not the plan snaps every cut. */
  Transition MATCH_ON_BEAT = new MatchOnBeat();

  /** Longest crossfade accepted. */
  double MAX_CROSSFADE_SECONDS = 10;

  static Transition crossfade(double durationSeconds) {
    return new Crossfade(durationSeconds);
  }

  /** The incoming shot's first frame directly follows the outgoing shot's last. */
  record Cut() implements Transition {}

  /** A linear dissolve: the two shots overlap by {@code round(durationSeconds · fps)} frames (at least one). */
  record Crossfade(double durationSeconds) implements Transition {

    public Crossfade {
      if (!(durationSeconds > 0 && durationSeconds <= MAX_CROSSFADE_SECONDS)) {
        throw new MediaException(StitchErrorCodes.PLAN_INVALID,
            "crossfade duration must be within (0, " + MAX_CROSSFADE_SECONDS + "] seconds, was " + durationSeconds);
      }
    }
  }

  /** A hard cut moved onto the nearest reachable beat. */
  record MatchOnBeat() implements Transition {}
}
