package dev.aivid.credits.internal;

import dev.aivid.credits.ResetPeriod;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A locked account row, changed in memory during one batch and written back once. */
final class AccountState {
  final String id;
  final String organizationId;
  final String kind;
  final @Nullable Long limitMicros;
  final ResetPeriod resetPeriod;
  final boolean closed;
  @Nullable Instant periodStartedAt;
  long debitsPending;
  long debitsPosted;
  long creditsPending;
  long creditsPosted;
  long periodDebitsPosted;
  boolean dirty;
  /** The stored row this state started from: the write applies only on top of exactly it. */
  final Snapshot original;

  /** The balances (and the settings they are checked against) of one stored account row. */
  record Snapshot(
      long debitsPending,
      long debitsPosted,
      long creditsPending,
      long creditsPosted,
      long periodDebitsPosted,
      @Nullable Instant periodStartedAt,
      @Nullable Long limitMicros,
      ResetPeriod resetPeriod,
      boolean closed) {}

  AccountState(ResultSet row) throws SQLException {
    id = row.getString("id");
    organizationId = row.getString("organization_id");
    kind = row.getString("kind");
    long limit = row.getLong("limit_micros");
    limitMicros = row.wasNull() ? null : limit;
    resetPeriod = ResetPeriod.fromWireName(row.getString("reset_period")).orElseThrow();
    Timestamp started = row.getTimestamp("period_started_at");
    periodStartedAt = started == null ? null : started.toInstant();
    debitsPending = row.getLong("debits_pending");
    debitsPosted = row.getLong("debits_posted");
    creditsPending = row.getLong("credits_pending");
    creditsPosted = row.getLong("credits_posted");
    periodDebitsPosted = row.getLong("period_debits_posted");
    closed = row.getTimestamp("closed_at") != null;
    original = snapshot();
  }

  /** The state {@code committing} leaves behind, for a batch applied before that commit lands. */
  AccountState(AccountState committing) {
    id = committing.id;
    organizationId = committing.organizationId;
    kind = committing.kind;
    limitMicros = committing.limitMicros;
    resetPeriod = committing.resetPeriod;
    closed = committing.closed;
    periodStartedAt = committing.periodStartedAt;
    debitsPending = committing.debitsPending;
    debitsPosted = committing.debitsPosted;
    creditsPending = committing.creditsPending;
    creditsPosted = committing.creditsPosted;
    periodDebitsPosted = committing.periodDebitsPosted;
    original = snapshot();
  }

  private Snapshot snapshot() {
    return new Snapshot(
        debitsPending,
        debitsPosted,
        creditsPending,
        creditsPosted,
        periodDebitsPosted,
        periodStartedAt,
        limitMicros,
        resetPeriod,
        closed);
  }

  boolean isPool() {
    return kind.equals("organization_pool");
  }

  /** Starts a new budget period when {@code now} has left the stored one. */
  void rollPeriod(Instant now) {
    if (resetPeriod == ResetPeriod.NEVER) {
      return;
    }
    Instant current = resetPeriod.periodStart(now);
    if (periodStartedAt == null || periodStartedAt.isBefore(current)) {
      periodStartedAt = current;
      periodDebitsPosted = 0;
      dirty = true;
    }
  }

  /** What this level can still take: pool funds, or budget headroom (unbounded without a limit). */
  long availableMicros() {
    if (isPool()) {
      return creditsPosted - debitsPosted - debitsPending;
    }
    if (limitMicros == null) {
      return Long.MAX_VALUE;
    }
    return limitMicros - debitsPending - periodDebitsPosted;
  }
}
