package dev.aivid.api.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.credits.AccountBalance;
import dev.aivid.credits.Budget;
import dev.aivid.credits.Credits;
import dev.aivid.credits.OrganizationBalance;
import dev.aivid.credits.Transfer;
import dev.aivid.jobs.VideoJob;
import dev.aivid.jobs.VideoPhase;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Native credit shapes. Amounts are decimal credits as strings, so no client rounds them. */
public final class CreditsJson {
  private final ObjectMapper json;

  public CreditsJson(ObjectMapper json) {
    this.json = json;
  }

  public ObjectNode balance(String organizationId, OrganizationBalance balance, Instant asOf) {
    ObjectNode node = json.createObjectNode();
    node.put("object", "credits.balance");
    node.put("organization_id", organizationId);
    AccountBalance pool = balance.pool();
    node.put("available", credits(pool.availableMicros()));
    node.put("pending", Credits.format(pool.pendingMicros()));
    node.put("posted", Credits.format(pool.postedMicros()));
    node.put("credited", Credits.format(pool.creditedMicros()));
    ArrayNode budgets = node.putArray("budgets");
    balance.budgets().forEach(budget -> budgets.add(budgetBalance(budget)));
    node.put("as_of", asOf.toEpochMilli());
    return node;
  }

  private ObjectNode budgetBalance(AccountBalance budget) {
    ObjectNode node = json.createObjectNode();
    node.put("id", budget.accountId());
    node.put("scope", budget.scope().wireName());
    node.put("target_id", budget.ownerId());
    node.put("limit", credits(budget.limitMicros()));
    node.put("reset_period", budget.resetPeriod().wireName());
    node.put("pending", Credits.format(budget.pendingMicros()));
    node.put("spent_this_period", Credits.format(budget.periodPostedMicros()));
    node.put("spent", Credits.format(budget.postedMicros()));
    node.put("available", credits(budget.availableMicros()));
    return node;
  }

  public ObjectNode budget(Budget budget) {
    ObjectNode node = json.createObjectNode();
    node.put("id", budget.id());
    node.put("object", "credits.budget");
    node.put("scope", budget.scope().wireName());
    node.put("target_id", budget.targetId());
    node.put("limit", Credits.format(budget.limitMicros()));
    node.put("reset_period", budget.resetPeriod().wireName());
    return node;
  }

  public ObjectNode budgets(List<Budget> budgets) {
    ObjectNode node = json.createObjectNode();
    node.put("object", "list");
    ArrayNode data = node.putArray("data");
    budgets.forEach(budget -> data.add(budget(budget)));
    return node;
  }

  public ObjectNode transfer(Transfer transfer) {
    ObjectNode node = json.createObjectNode();
    node.put("id", transfer.id());
    node.put("object", "credits.transfer");
    node.put("kind", transfer.kind());
    node.put("amount", Credits.format(transfer.amountMicros()));
    node.put("debit_account", transfer.debitAccountId());
    node.put("credit_account", transfer.creditAccountId());
    node.put("hold_id", transfer.pendingId());
    node.put("video_id", transfer.videoId());
    node.put("project_id", transfer.projectId());
    node.put("api_key_id", transfer.apiKeyId());
    node.put("provider", transfer.provider());
    node.put("model", transfer.model());
    node.put("seconds", transfer.seconds());
    node.put("resolution", transfer.resolution());
    node.put("reason", transfer.reason());
    node.put("expires_at", transfer.timeoutAt() == null ? null : transfer.timeoutAt().getEpochSecond());
    node.put("created_at", transfer.createdAt().getEpochSecond());
    return node;
  }

  public ObjectNode transfers(List<Transfer> transfers, boolean hasMore) {
    ObjectNode node = json.createObjectNode();
    node.put("object", "list");
    ArrayNode data = node.putArray("data");
    transfers.forEach(transfer -> data.add(transfer(transfer)));
    node.put("first_id", transfers.isEmpty() ? null : transfers.getFirst().id());
    node.put("last_id", transfers.isEmpty() ? null : transfers.getLast().id());
    node.put("has_more", hasMore);
    return node;
  }

  public ObjectNode videoCredits(VideoJob job) {
    ObjectNode node = json.createObjectNode();
    node.put("object", "video.credits");
    node.put("video_id", job.id());
    node.put("hold_id", job.holdId());
    node.put("estimate", Credits.format(job.estimateMicros()));
    node.put("held", Credits.format(job.holdId() == null ? 0 : job.estimateMicros()));
    node.put("charged", job.chargedMicros() == null ? null : Credits.format(job.chargedMicros()));
    node.put("status", creditStatus(job));
    return node;
  }

  /** {@code held} while rendering, {@code charged} once posted, {@code released} if it failed. */
  public static String creditStatus(VideoJob job) {
    if (job.holdId() == null) {
      return "free";
    }
    if (job.phase() == VideoPhase.COMPLETED) {
      return "charged";
    }
    return job.phase().isTerminal() ? "released" : "held";
  }

  private static @Nullable String credits(@Nullable Long micros) {
    return micros == null ? null : Credits.format(micros);
  }
}
