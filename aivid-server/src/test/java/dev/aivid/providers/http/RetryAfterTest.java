package dev.aivid.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RFC 9110 §10.2.3: Retry-After is delay-seconds or an HTTP-date. */
class RetryAfterTest {
  private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-25T12:00:00Z"));
  private final ProviderHttp http =
      new ProviderHttp("test", HttpSettings.defaults(), CircuitBreaker.defaults(clock), duration -> {}, new SplittableRandom(1), clock);

  @Test
  void delaySecondsAndHttpDatesAreBothRead() {
    assertThat(http.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(http.retryAfter("Wed, 25 Nov 2026 12:00:30 GMT")).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aDateInThePastMeansNowAndGarbageOrNegativeMeansNoHint() {
    assertThat(http.retryAfter("Wed, 25 Nov 2026 11:00:00 GMT")).isEqualTo(Duration.ZERO);
    assertThat(http.retryAfter("soon")).isNull();
    assertThat(http.retryAfter("-3")).isNull();
    assertThat(http.retryAfter(null)).isNull();
  }

  @Test
  void anAbsurdDelayIsCappedAtOneDay() {
    assertThat(http.retryAfter("999999999")).isEqualTo(Duration.ofDays(1));
  }
}
