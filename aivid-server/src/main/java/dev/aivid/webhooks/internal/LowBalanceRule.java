package dev.aivid.webhooks.internal;

import dev.aivid.webhooks.PoolBalance;
import org.jspecify.annotations.Nullable;

/**
 * {@code credits.low}: the pool's available balance is below 10 % of everything ever granted to it.
 * It fires once per crossing. Balances are observed after each post; an observation is a new crossing
 * when it is below the threshold and the previous one was not, where grants made since the previous
 * observation count as added to it (a top-up that lifted the pool above the threshold re-arms the
 * alert even if no post saw the pool up there).
 */
public final class LowBalanceRule {
  private LowBalanceRule() {}

  public static long thresholdMicros(long grantedMicros) {
    return grantedMicros / 10;
  }

  public static boolean isNewCrossing(
      @Nullable Long previousAvailableMicros, @Nullable Long previousGrantedMicros, PoolBalance now) {
    long threshold = thresholdMicros(now.grantedMicros());
    if (now.availableMicros() >= threshold) {
      return false;
    }
    if (previousAvailableMicros == null || previousGrantedMicros == null) {
      return true;
    }
    long grantedSince = Math.max(0, now.grantedMicros() - previousGrantedMicros);
    return previousAvailableMicros + grantedSince >= threshold;
  }
}
