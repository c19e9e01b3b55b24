package dev.aivid.credits;

import org.jspecify.annotations.Nullable;

/** What a posted charge paid for, recorded on the transfer. */
public record Charge(
    long amountMicros, String provider, String model, int seconds, @Nullable String resolution) {
  public Charge {
    if (amountMicros < 0) {
      throw new CreditsException("invalid_amount", "A charge cannot be negative");
    }
  }
}
