package dev.aivid.media.mask;

import java.util.Arrays;

/** An immutable row-major grid of values in 0..1. */
public final class ValueGrid {

  private final int width;
  private final int height;
  private final float[] values;

  /** Copies {@code values}; each must be within 0..1. */
  public ValueGrid(int width, int height, float[] values) {
    if (width < 1 || height < 1 || (long) width * height != values.length) {
      throw new IllegalArgumentException("grid of " + width + "x" + height + " needs that many values, got " + values.length);
    }
    for (float value : values) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException("values must be within 0..1, found " + value);
      }
    }
    this.width = width;
    this.height = height;
    this.values = values.clone();
  }

  /** Takes ownership of {@code values}, which the caller has checked and no longer touches. */
  static ValueGrid adopt(int width, int height, float[] values) {
    return new ValueGrid(values, width, height);
  }

  private ValueGrid(float[] values, int width, int height) {
    this.width = width;
    this.height = height;
    this.values = values;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public float value(int x, int y) {
    if (x < 0 || y < 0 || x >= width || y >= height) {
      throw new IndexOutOfBoundsException("(" + x + ", " + y + ") outside " + width + "x" + height);
    }
    return values[y * width + x];
  }

  /** A copy of all values, row by row. */
  public float[] values() {
    return values.clone();
  }

  float[] valuesUnsafe() {
    return values;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ValueGrid grid && grid.width == width && grid.height == height && Arrays.equals(grid.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ValueGrid[" + width + "x" + height + "]";
  }
}
