package dev.aivid.credits;

import java.util.List;

/** Stored balances compared with balances recomputed from every transfer. */
public record VerifyReport(int accountsChecked, long transfersChecked, List<String> drifts) {
  public boolean clean() {
    return drifts.isEmpty();
  }
}
