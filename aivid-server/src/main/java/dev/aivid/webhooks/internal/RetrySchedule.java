package dev.aivid.webhooks.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * When a failed delivery is tried again: 5 s, 30 s, 2 min, 10 min, 30 min and 1 h after the 1st to 6th
 * attempt, then every 2 h, each randomised by ±20 % so a receiver that failed under load is not hit by
 * every delivery at once (the spec's "Deliverability and reliability" section asks for exponential
 * backoff with jitter). A receiver's {@code Retry-After} (in seconds) is a lower bound, up to 2 h.
 * No attempt is scheduled later than 24 h after the first of the window: the delivery fails instead.
 */
public final class RetrySchedule {
  public static final Duration WINDOW = Duration.ofHours(24);
  private static final List<Duration> DELAYS =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofMinutes(30),
          Duration.ofHours(1));
  private static final Duration LATER = Duration.ofHours(2);

  private RetrySchedule() {}

  /** The delay after the attempt numbered {@code windowAttempt} (1 = the first of the window), before jitter. */
  public static Duration baseDelay(int windowAttempt) {
    if (windowAttempt < 1) {
      throw new IllegalArgumentException("windowAttempt starts at 1");
    }
    return windowAttempt <= DELAYS.size() ? DELAYS.get(windowAttempt - 1) : LATER;
  }

  /** The next attempt after a failed one, or empty when it would fall past the window. */
  public static Optional<Instant> next(
      Instant windowStartedAt,
      int windowAttempt,
      Instant now,
      @Nullable Duration retryAfter,
      RandomGenerator random) {
    long baseMillis = baseDelay(windowAttempt).toMillis();
    long delayMillis = Math.round(baseMillis * (0.8 + 0.4 * random.nextDouble()));
    if (retryAfter != null) {
      delayMillis = Math.max(delayMillis, Math.min(retryAfter.toMillis(), LATER.toMillis()));
    }
    Instant next = now.plusMillis(delayMillis);
    return next.isAfter(windowStartedAt.plus(WINDOW)) ? Optional.empty() : Optional.of(next);
  }
}
