package dev.aivid.credits.internal;

import dev.aivid.credits.Charge;
import dev.aivid.credits.GrantResult;
import dev.aivid.credits.HoldRequest;
import dev.aivid.credits.HoldResult;
import dev.aivid.credits.SettleResult;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A ledger change waiting for the next group commit. */
public sealed interface Operation {
  CompletableFuture<?> future();

  @Nullable String organizationId();

  record Hold(HoldRequest request, CompletableFuture<HoldResult> future) implements Operation {
    @Override
    public String organizationId() {
      return request.organizationId();
    }
  }

  /**
   * Several holds placed together: all of them or none. Each stays an ordinary hold afterwards
   * (settled on its own); their pending entries name the group in their reason.
   */
  record HoldGroup(String groupId, java.util.List<HoldRequest> requests, CompletableFuture<HoldResult> future)
      implements Operation {
    public HoldGroup {
      requests = java.util.List.copyOf(requests);
    }

    @Override
    public String organizationId() {
      return requests.getFirst().organizationId();
    }
  }

  enum Resolution {
    POST,
    VOID,
    EXPIRE
  }

  /**
   * Resolve a hold. {@code organizationId}, when set, must own the hold (API callers); the
   * worker and the expiry sweeper pass null.
   */
  record Settle(
      String holdId,
      Resolution resolution,
      @Nullable Charge charge,
      @Nullable String reason,
      @Nullable String organizationId,
      CompletableFuture<SettleResult> future)
      implements Operation {}

  record Grant(
      String transferId,
      String organizationId,
      long amountMicros,
      String reason,
      CompletableFuture<GrantResult> future)
      implements Operation {}
}
