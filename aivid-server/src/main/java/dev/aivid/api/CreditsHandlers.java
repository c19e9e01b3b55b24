package dev.aivid.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.account.AccountService;
import dev.aivid.account.Principal;
import dev.aivid.api.internal.BalanceFeeds;
import dev.aivid.api.internal.CoalescedEvents;
import dev.aivid.api.internal.CreditsJson;
import dev.aivid.api.internal.IdempotentRequests;
import dev.aivid.api.internal.Responses;
import dev.aivid.api.internal.VideoRequestParser;
import dev.aivid.credits.BudgetResult;
import dev.aivid.credits.BudgetScope;
import dev.aivid.credits.Credits;
import dev.aivid.credits.GrantResult;
import dev.aivid.credits.LedgerService;
import dev.aivid.credits.ResetPeriod;
import dev.aivid.credits.Transfer;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The native credits endpoints: balance, ledger, grants, budgets and the live balance stream. */
final class CreditsHandlers {
  private static final int MAX_REASON_CHARACTERS = 500;

  private final LedgerService ledger;
  private final AccountService accounts;
  private final ObjectMapper json;
  private final CreditsJson creditsJson;
  private final Responses responses;
  private final IdempotentRequests idempotent;
  private final InstantSource clock;
  private final Function<Context, Principal> principals;
  private final BalanceFeeds feeds;

  CreditsHandlers(
      LedgerService ledger,
      AccountService accounts,
      ObjectMapper json,
      Responses responses,
      IdempotentRequests idempotent,
      InstantSource clock,
      Function<Context, Principal> principals) {
    this.ledger = ledger;
    this.accounts = accounts;
    this.json = json;
    this.creditsJson = new CreditsJson(json);
    this.responses = responses;
    this.idempotent = idempotent;
    this.clock = clock;
    this.principals = principals;
    this.feeds = new BalanceFeeds(ledger, this::balanceJson);
  }

  void balance(Context context) {
    String organization = principals.apply(context).organizationId();
    responses.json(
        context, 200, creditsJson.balance(organization, ledger.balance(organization), clock.instant()));
  }

  void ledger(Context context) {
    String organization = principals.apply(context).organizationId();
    int limit = limit(context.queryParam("limit"));
    String after = context.queryParam("after");
    if (after != null && !ledger.transferExists(organization, after)) {
      throw new ApiException(400, "invalid_cursor", "after", "after must be the id of one of your transfers");
    }
    String kind = context.queryParam("kind");
    if (kind != null && !List.of("grant", "pending", "post", "void", "expire").contains(kind)) {
      throw new ApiException(
          400, "invalid_kind", "kind", "kind must be one of grant, pending, post, void, expire");
    }
    List<Transfer> rows = ledger.transfers(organization, after, limit + 1, kind, context.queryParam("video_id"));
    boolean hasMore = rows.size() > limit;
    responses.json(context, 200, creditsJson.transfers(hasMore ? rows.subList(0, limit) : rows, hasMore));
  }

  void grant(Context context) {
    Principal principal = principals.apply(context);
    JsonNode body = object(context);
    long amount = amount(body.get("amount"), "amount", false);
    String reason = reason(body.get("reason"));
    idempotent.run(
        context,
        principal,
        VideoRequestParser.fingerprint(context),
        () -> {
          GrantResult result = ledger.grant(principal.organizationId(), amount, reason, null);
          switch (result) {
            case GrantResult.Granted granted -> {
              Transfer transfer =
                  ledger.transfer(principal.organizationId(), granted.transferId()).orElseThrow();
              responses.json(context, 201, creditsJson.transfer(transfer));
            }
            case GrantResult.Conflict conflict ->
                throw new ApiException(409, "transfer_conflict", null, "Transfer id already used");
          }
        });
  }

  void budgets(Context context) {
    responses.json(context, 200, creditsJson.budgets(ledger.budgets(principals.apply(context).organizationId())));
  }

  void saveBudget(Context context) {
    Principal principal = principals.apply(context);
    BudgetScope scope =
        BudgetScope.fromWireName(context.pathParam("scope"))
            .filter(value -> value != BudgetScope.ORGANIZATION)
            .orElseThrow(
                () -> new ApiException(400, "invalid_budget_scope", "scope", "scope must be project or api_key"));
    String target = context.pathParam("target_id");
    boolean known =
        scope == BudgetScope.PROJECT
            ? accounts.projectExists(principal.organizationId(), target)
            : accounts.findKey(principal.organizationId(), target).isPresent();
    if (!known) {
      throw new ApiException(
          404, "budget_target_not_found", "target_id", "No " + scope.wireName() + " '" + target + "' in your organisation");
    }
    if (scope == BudgetScope.API_KEY) {
      target = accounts.findKey(principal.organizationId(), target).orElseThrow().id();
    }
    JsonNode body = object(context);
    long limit = amount(body.get("limit"), "limit", true);
    JsonNode periodNode = body.get("reset_period");
    ResetPeriod period =
        periodNode == null || periodNode.isNull()
            ? ResetPeriod.NEVER
            : ResetPeriod.fromWireName(periodNode.asText().toLowerCase(Locale.ROOT))
                .filter(value -> periodNode.isTextual())
                .orElseThrow(
                    () ->
                        new ApiException(
                            400,
                            "invalid_reset_period",
                            "reset_period",
                            "reset_period must be never, daily, weekly or monthly"));
    switch (ledger.setBudget(principal.organizationId(), scope, target, limit, period)) {
      case BudgetResult.Saved saved -> responses.json(context, 200, creditsJson.budget(saved.budget()));
      case BudgetResult.BelowCommitted below ->
          throw new ApiException(
              409,
              "budget_below_committed",
              "limit",
              "The limit "
                  + Credits.format(below.limitMicros())
                  + " is below the "
                  + Credits.format(below.committedMicros())
                  + " credits already held or spent this period");
      case BudgetResult.UnknownTarget unknown ->
          throw new ApiException(404, "budget_target_not_found", "target_id", "Unknown budget target");
    }
  }

  void deleteBudget(Context context) {
    Principal principal = principals.apply(context);
    String budgetId = context.pathParam("budget_id");
    if (!ledger.closeBudget(principal.organizationId(), budgetId)) {
      throw new ApiException(404, "budget_not_found", "budget_id", "No budget '" + budgetId + "'");
    }
    responses.json(
        context, 200, json.createObjectNode().put("id", budgetId).put("object", "credits.budget.deleted").put("deleted", true));
  }

  /** Server-sent events: the balance now, then after every ledger commit that changed it. */
  void stream(SseClient client) {
    Principal principal = principals.apply(client.ctx());
    // One sender at a time per client, sending the newest balance it was handed (BalanceFeeds reads
    // once per commit for every stream of the organisation). Nothing newer is ever dropped.
    AtomicReference<BalanceFeeds.Balance> latest = new AtomicReference<>();
    AtomicLong sent = new AtomicLong();
    CoalescedEvents.follow(
        client,
        wake ->
            feeds.subscribe(
                principal.organizationId(),
                balance -> {
                  latest.accumulateAndGet(
                      balance,
                      (current, offered) -> current == null || offered.sequence() > current.sequence() ? offered : current);
                  wake.run();
                }),
        () -> {
          BalanceFeeds.Balance balance = latest.get();
          if (balance != null && balance.sequence() > sent.get()) {
            client.sendEvent("balance", balance.json());
            sent.set(balance.sequence());
          }
          return true;
        });
  }

  private String balanceJson(String organization) {
    try {
      return json.writeValueAsString(creditsJson.balance(organization, ledger.balance(organization), clock.instant()));
    } catch (IOException e) {
      throw new IllegalStateException("A balance always serialises", e);
    }
  }

  private JsonNode object(Context context) {
    byte[] body = context.bodyAsBytes();
    try {
      JsonNode node = body.length == 0 ? json.createObjectNode() : json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiException(400, "invalid_json", null, "The request body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new ApiException(400, "invalid_json", null, "The request body is not valid JSON");
    }
  }

  private static long amount(@Nullable JsonNode node, String field, boolean zeroAllowed) {
    if (node == null || node.isNull()) {
      throw new ApiException(400, "missing_" + field, field, field + " is required, in credits (e.g. \"12.5\")");
    }
    String text =
        node.isTextual() ? node.asText() : node.isNumber() ? node.decimalValue().toPlainString() : "";
    long micros =
        Credits.parse(text)
            .orElseThrow(
                () ->
                    new ApiException(
                        400,
                        "invalid_amount",
                        field,
                        field + " must be a decimal number of credits with at most 6 decimals"));
    if (micros < 0 || (micros == 0 && !zeroAllowed)) {
      throw new ApiException(
          400, "invalid_amount", field, field + (zeroAllowed ? " must not be negative" : " must be positive"));
    }
    return micros;
  }

  private static String reason(@Nullable JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new ApiException(400, "missing_reason", "reason", "reason is required for a grant");
    }
    if (node.asText().length() > MAX_REASON_CHARACTERS) {
      throw new ApiException(400, "reason_too_long", "reason", "reason must be at most 500 characters");
    }
    return node.asText();
  }

  private static int limit(@Nullable String text) {
    if (text == null) {
      return 20;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= 100) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // Falls through to the error below.
    }
    throw new ApiException(400, "invalid_limit", "limit", "limit must be an integer 1..100");
  }
}
