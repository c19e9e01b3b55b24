package dev.aivid.media.bvh;

/**
 * How a joint's position channels combine with its {@code OFFSET}. Loaders disagree; the difference only shows when a
 * joint has both a non-zero OFFSET and position channels (e.g. files that put {@code CHANNELS 6} on every joint).
 */
public enum PositionChannelMode {
  /**
   * A position channel replaces the OFFSET component on its axis; axes without a channel keep the OFFSET. Blender's
   * importer behaves this way ({@code location = bvh_loc - rest_head_local}). The default: files that animate every
   * joint's position write the offset into those channels, and adding would double it.
   */
  REPLACE_OFFSET,
  /** A position channel is added to the OFFSET component on its axis, as three.js's {@code BVHLoader} does. */
  ADD_TO_OFFSET
}
