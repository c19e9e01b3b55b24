package dev.aivid.fetch.internal;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** The point in time by which a whole fetch must be finished. */
public final class Deadline {

    private final Clock clock;
    private final long budgetMillis;
    private final long deadlineEpochMillis;

    public Deadline(Clock clock, Duration budget) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive, was " + budget);
        }
        this.budgetMillis = saturatedMillis(budget);
        long now = clock.millis();
        this.deadlineEpochMillis = now > Long.MAX_VALUE - budgetMillis ? Long.MAX_VALUE : now + budgetMillis;
    }

    public long budgetMillis() {
        return budgetMillis;
    }

    public long remainingMillis() {
        return Math.max(0, deadlineEpochMillis - clock.millis());
    }

    public boolean expired() {
        return remainingMillis() == 0;
    }

    /**
     * The smaller of {@code cap} and the remaining budget, as a socket timeout.
     *
     * @throws SocketTimeoutException when no budget is left, so callers fail exactly like a timed-out read
     */
    public int socketTimeoutMillis(Duration cap) throws SocketTimeoutException {
        long timeout = Math.min(saturatedMillis(cap), remainingMillis());
        if (timeout <= 0) {
            throw new SocketTimeoutException("deadline of " + budgetMillis + " ms exceeded");
        }
        return (int) Math.min(timeout, Integer.MAX_VALUE);
    }

    public int socketTimeoutMillis() throws SocketTimeoutException {
        return socketTimeoutMillis(Duration.ofMillis(Long.MAX_VALUE));
    }

    private static long saturatedMillis(Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
