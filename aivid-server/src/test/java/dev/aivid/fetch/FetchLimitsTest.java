package dev.aivid.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FetchLimitsTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void defaultsMatchTheDocumentedValues() {
        FetchLimits defaults = FetchLimits.defaults();

        assertThat(defaults.maxBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.totalTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.maxRedirects()).isEqualTo(3);
    }

    @Test
    void acceptsTheBoundaries() {
        new FetchLimits(1, Duration.ofMillis(1), Duration.ofMillis(1), 0);
        new FetchLimits(FetchLimits.MAX_SUPPORTED_BYTES, SECOND, SECOND, 10);
    }

    @Test
    void rejectsOutOfRangeValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> new FetchLimits(0, SECOND, SECOND, 3))
                .withMessageContaining("maxBytes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new FetchLimits(FetchLimits.MAX_SUPPORTED_BYTES + 1, SECOND, SECOND, 3))
                .withMessageContaining("maxBytes");
        assertThatIllegalArgumentException().isThrownBy(() -> new FetchLimits(1, Duration.ZERO, SECOND, 3))
                .withMessageContaining("connectTimeout");
        assertThatIllegalArgumentException().isThrownBy(() -> new FetchLimits(1, SECOND, Duration.ofNanos(999_999), 3))
                .withMessageContaining("totalTimeout");
        assertThatIllegalArgumentException().isThrownBy(() -> new FetchLimits(1, SECOND, SECOND.negated(), 3))
                .withMessageContaining("totalTimeout");
        assertThatIllegalArgumentException().isThrownBy(() -> new FetchLimits(1, SECOND, SECOND, -1))
                .withMessageContaining("maxRedirects");
        assertThatIllegalArgumentException().isThrownBy(() -> new FetchLimits(1, SECOND, SECOND, 11))
                .withMessageContaining("maxRedirects");
        assertThatNullPointerException().isThrownBy(() -> new FetchLimits(1, null, SECOND, 3));
    }
}
