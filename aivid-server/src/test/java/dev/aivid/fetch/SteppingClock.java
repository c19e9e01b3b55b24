package dev.aivid.fetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves forward by a fixed step every time it is read. */
final class SteppingClock extends Clock {

    private final AtomicLong epochMillis = new AtomicLong(1_700_000_000_000L);
    private final long stepMillis;

    SteppingClock(Duration step) {
        this.stepMillis = step.toMillis();
    }

    @Override
    public long millis() {
        return epochMillis.getAndAdd(stepMillis);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("zone is irrelevant for deadlines");
    }
}
