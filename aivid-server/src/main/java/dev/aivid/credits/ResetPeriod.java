package dev.aivid.credits;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** How often a budget's spend counter starts again (UTC calendar periods). */
public enum ResetPeriod {
  NEVER,
  DAILY,
  WEEKLY,
  MONTHLY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ResetPeriod> fromWireName(String value) {
    for (ResetPeriod period : values()) {
      if (period.wireName().equals(value)) {
        return Optional.of(period);
      }
    }
    return Optional.empty();
  }

  /** The start of the period that contains {@code now}. */
  public Instant periodStart(Instant now) {
    ZonedDateTime day = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    return switch (this) {
      case NEVER -> Instant.EPOCH;
      case DAILY -> day.toInstant();
      case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
      case MONTHLY -> day.withDayOfMonth(1).toInstant();
    };
  }
}
