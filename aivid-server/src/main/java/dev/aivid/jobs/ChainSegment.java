package dev.aivid.jobs;

import dev.aivid.routing.ExtendPlan;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One segment of an extend chain as rendered: its model, how it continues the one before, the
 * seconds it adds, its provider handle, and its output once stored.
 *
 * @param videoSha256 the segment's output; for a native extension the provider's whole longer
 *     video (the previous segments included), for the others this segment alone
 */
public record ChainSegment(
    int index,
    String model,
    String provider,
    ExtendPlan.Mode method,
    int seconds,
    String providerHandle,
    @Nullable String videoSha256,
    Instant submittedAt,
    @Nullable Instant completedAt) {
  public ChainSegment {
    if (index < 0 || seconds <= 0) {
      throw new IllegalArgumentException("a segment has a non-negative index and positive seconds");
    }
  }

  public boolean completed() {
    return completedAt != null && videoSha256 != null;
  }

  public String methodName() {
    return method.name().toLowerCase(Locale.ROOT);
  }

  public static ExtendPlan.Mode method(String name) {
    return ExtendPlan.Mode.valueOf(name.toUpperCase(Locale.ROOT));
  }
}
