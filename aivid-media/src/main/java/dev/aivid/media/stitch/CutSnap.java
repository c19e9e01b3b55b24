package dev.aivid.media.stitch;

/** What beat snapping did with one cut. */
public enum CutSnap {
  /** The plan did not ask for this cut to be on a beat. */
  NOT_ASKED,
  /** Moved onto (or already on) the nearest beat. */
  ON_NEAREST_BEAT,
  /** The nearest beat was out of the outgoing shot's reach; moved onto the nearest beat it could reach. */
  ON_REACHABLE_BEAT,
  /** Left where it was: no beat within half a beat interval. */
  NO_BEAT_NEAR,
  /** Left where it was: beats were near, but the outgoing shot could reach none of them. */
  NO_BEAT_REACHABLE
}
