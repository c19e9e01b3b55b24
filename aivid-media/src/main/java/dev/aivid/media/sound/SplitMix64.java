package dev.aivid.media.sound;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), written out so
 * the sequence for a seed is fixed by this file rather than by a JDK implementation.
 */
final class SplitMix64 {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [-1, 1). */
  double nextSigned() {
    return 2 * nextDouble() - 1;
  }

  /** A seed for one item derived from a parent seed, so items do not depend on each other's order. */
  static long derive(long seed, long item) {
    return mix(seed + GOLDEN_GAMMA * (item + 1));
  }

  private static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
