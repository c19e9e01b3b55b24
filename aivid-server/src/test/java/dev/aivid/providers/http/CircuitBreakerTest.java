package dev.aivid.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T12:00:00Z"));
  private final InstantSource clock = () -> now.get();
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

  @Test
  void opensAfterTheThresholdOfConsecutiveFailuresAndRefusesCallsWhileOpen() {
    breaker.recordFailure();
    breaker.recordFailure();
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    breaker.recordFailure();

    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    assertThat(breaker.tryAcquire()).isFalse();
    assertThat(breaker.remainingOpen()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aSuccessInBetweenResetsTheCount() {
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();

    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
  }

  @Test
  void afterTheOpenPeriodExactlyOneTrialGoesThroughAndItsOutcomeDecides() {
    for (int i = 0; i < 3; i++) {
      breaker.recordFailure();
    }
    now.set(now.get().plusSeconds(30));

    assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(breaker.tryAcquire()).isTrue();
    assertThat(breaker.tryAcquire()).isFalse();
    breaker.recordFailure();
    assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);

    now.set(now.get().plusSeconds(30));
    assertThat(breaker.tryAcquire()).isTrue();
    breaker.recordSuccess();
    assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    assertThat(breaker.tryAcquire()).isTrue();
  }
}
