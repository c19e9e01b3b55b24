package dev.aivid.webhooks;

/**
 * An organisation's credit pool as {@code credits.low} sees it: what is available now and what was
 * ever granted to it, in micro-credits.
 */
public record PoolBalance(long availableMicros, long grantedMicros) {
  public PoolBalance {
    if (grantedMicros < 0) {
      throw new IllegalArgumentException("grantedMicros is never negative");
    }
  }
}
