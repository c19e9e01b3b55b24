package dev.aivid.jobs;

import java.util.Locale;

/**
 * The job's internal state machine. The OpenAI-compatible {@code status} is a coarser view of it:
 * queued → in_progress (submitted, downloading) → completed | failed (failed, cancelled).
 */
public enum VideoPhase {
  QUEUED,
  SUBMITTED,
  DOWNLOADING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public String databaseName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VideoPhase fromDatabaseName(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  public String openAiStatus() {
    return switch (this) {
      case QUEUED -> "queued";
      case SUBMITTED, DOWNLOADING -> "in_progress";
      case COMPLETED -> "completed";
      case FAILED, CANCELLED -> "failed";
    };
  }
}
