package dev.aivid.bench;

import java.util.Arrays;

/** A growable array of longs owned by one thread: no boxing, no locking on the hot path. */
final class LongSamples {
  private long[] values;
  private int size;

  LongSamples(int initialCapacity) {
    values = new long[Math.max(1, initialCapacity)];
  }

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = value;
  }

  int size() {
    return size;
  }

  /** Every sample of every part, in one new array. */
  static long[] concat(Iterable<LongSamples> parts) {
    int total = 0;
    for (LongSamples part : parts) {
      total += part.size;
    }
    long[] all = new long[total];
    int offset = 0;
    for (LongSamples part : parts) {
      System.arraycopy(part.values, 0, all, offset, part.size);
      offset += part.size;
    }
    return all;
  }
}
