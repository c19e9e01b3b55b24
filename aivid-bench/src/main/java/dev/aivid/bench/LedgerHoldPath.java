package dev.aivid.bench;

import dev.aivid.credits.HoldRequest;
import dev.aivid.credits.HoldResult;
import dev.aivid.credits.LedgerService;
import java.time.Duration;
import java.time.Instant;

/**
 * The real path: {@link LedgerService#hold} against the organisation pool, the project budget and
 * the API-key budget, with a fresh hold id each time so every call is a new, idempotent hold.
 */
final class LedgerHoldPath implements HoldPath {
  /** Far beyond the run, so that the expiry sweep never resolves a benchmark hold. */
  private static final Duration HOLD_TIMEOUT = Duration.ofHours(6);

  private final LedgerService ledger;
  private final String organizationId;
  private final String projectId;
  private final String apiKeyId;
  private final long amountMicros;
  private final BalanceSampler.Progress progress;

  LedgerHoldPath(
      LedgerService ledger,
      String organizationId,
      String projectId,
      String apiKeyId,
      long amountMicros,
      BalanceSampler.Progress progress) {
    this.ledger = ledger;
    this.organizationId = organizationId;
    this.projectId = projectId;
    this.apiKeyId = apiKeyId;
    this.amountMicros = amountMicros;
    this.progress = progress;
  }

  @Override
  public String name() {
    return "ledger";
  }

  @Override
  public boolean hold(String holdId) {
    HoldRequest request =
        new HoldRequest(
            holdId,
            organizationId,
            projectId,
            apiKeyId,
            amountMicros,
            Instant.now().plus(HOLD_TIMEOUT),
            null,
            "local",
            "local/previz");
    progress.submitted().increment();
    HoldResult result = ledger.hold(request);
    if (result instanceof HoldResult.Held held
        && !held.replayed()
        && held.amountMicros() == amountMicros) {
      progress.acknowledged().increment();
      return true;
    }
    return false;
  }
}
