package dev.aivid.providers.http;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A count-based circuit breaker for one provider. It opens after {@code failureThreshold}
 * consecutive failures (5xx, timeouts, refused connections; a 429 is the provider working as
 * designed and does not count), stays open for {@code openDuration}, then lets one trial call
 * through: success closes it, failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {
  private final int failureThreshold;
  private final Duration openDuration;
  private final InstantSource clock;
  private CircuitState state = CircuitState.CLOSED;
  private int consecutiveFailures;
  private Instant openedAt = Instant.EPOCH;
  private boolean trialInFlight;

  public CircuitBreaker(int failureThreshold, Duration openDuration, InstantSource clock) {
    if (failureThreshold < 1 || openDuration.isNegative() || openDuration.isZero()) {
      throw new IllegalArgumentException("failureThreshold ≥ 1 and a positive open duration");
    }
    this.failureThreshold = failureThreshold;
    this.openDuration = openDuration;
    this.clock = clock;
  }

  public static CircuitBreaker defaults(InstantSource clock) {
    return new CircuitBreaker(5, Duration.ofSeconds(30), clock);
  }

  /** True when a call may go out now; in half-open state only one caller gets true. */
  public synchronized boolean tryAcquire() {
    return switch (currentState()) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialInFlight) {
          yield false;
        }
        trialInFlight = true;
        yield true;
      }
    };
  }

  public synchronized void recordSuccess() {
    consecutiveFailures = 0;
    trialInFlight = false;
    state = CircuitState.CLOSED;
  }

  public synchronized void recordFailure() {
    trialInFlight = false;
    consecutiveFailures++;
    if (state == CircuitState.HALF_OPEN || consecutiveFailures >= failureThreshold) {
      state = CircuitState.OPEN;
      openedAt = clock.instant();
    }
  }

  /** Releases a half-open trial that ended without telling anything about health (e.g. a 400). */
  public synchronized void recordNeutral() {
    if (trialInFlight) {
      trialInFlight = false;
      state = CircuitState.CLOSED;
      consecutiveFailures = 0;
    }
  }

  public synchronized CircuitState state() {
    return currentState();
  }

  /** How long until an open circuit lets a trial through (zero when not open). */
  public synchronized Duration remainingOpen() {
    if (currentState() != CircuitState.OPEN) {
      return Duration.ZERO;
    }
    return Duration.between(clock.instant(), openedAt.plus(openDuration));
  }

  private CircuitState currentState() {
    if (state == CircuitState.OPEN && !clock.instant().isBefore(openedAt.plus(openDuration))) {
      state = CircuitState.HALF_OPEN;
    }
    return state;
  }
}
