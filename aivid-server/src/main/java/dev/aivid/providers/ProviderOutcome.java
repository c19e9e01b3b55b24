package dev.aivid.providers;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The three ways a provider call ends: it worked, the provider answered with an error, or the
 * provider could not be reached. Callers switch over all three.
 */
public sealed interface ProviderOutcome<T> {
  record Success<T>(T value) implements ProviderOutcome<T> {}

  /** The provider answered and said no; {@code code} is an AIVid error code. */
  record ProviderError<T>(int httpStatus, String code, String message, @Nullable Duration retryAfter)
      implements ProviderOutcome<T> {
    public boolean retryable() {
      return httpStatus == 429 || httpStatus >= 500;
    }
  }

  /** No answer at all: connection refused, timeout, broken stream. Always worth a retry. */
  record TransportFailure<T>(String message) implements ProviderOutcome<T> {}
}
