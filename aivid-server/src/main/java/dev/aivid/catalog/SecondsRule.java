package dev.aivid.catalog;

import java.util.List;

/** Which clip lengths a model renders: a closed list, or any whole number in a range. */
public record SecondsRule(List<Integer> allowed, int min, int max, int defaultSeconds) {
  public SecondsRule {
    allowed = List.copyOf(allowed);
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("seconds range must be 1 <= min <= max");
    }
  }

  public boolean accepts(int seconds) {
    return allowed.isEmpty() ? seconds >= min && seconds <= max : allowed.contains(seconds);
  }

  public String describe() {
    return allowed.isEmpty() ? "a whole number from " + min + " to " + max : "one of " + allowed;
  }
}
