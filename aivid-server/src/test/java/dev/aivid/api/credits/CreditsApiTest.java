package dev.aivid.api.credits;

import static dev.aivid.api.credits.CreditsFixture.SMALL_VIDEO;
import static dev.aivid.api.credits.CreditsFixture.SMALL_VIDEO_MICROS;
import static dev.aivid.api.credits.CreditsFixture.TINY_VIDEO;
import static dev.aivid.api.credits.CreditsFixture.TINY_VIDEO_MICROS;
import static dev.aivid.api.credits.CreditsFixture.balance;
import static dev.aivid.api.credits.CreditsFixture.create;
import static dev.aivid.api.credits.CreditsFixture.createId;
import static dev.aivid.api.credits.CreditsFixture.kinds;
import static dev.aivid.api.credits.CreditsFixture.micros;
import static dev.aivid.api.credits.CreditsFixture.put;
import static dev.aivid.api.credits.CreditsFixture.transfers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.api.credits.CreditsFixture.Balance;
import dev.aivid.api.credits.CreditsFixture.Funded;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreditsApiTest {
  private static final Duration RENDER = Duration.ofSeconds(120);

  private App app;
  private TestServers.Tenant tenant;
  private Http http;

  @BeforeEach
  void setUp() {
    app = TestServers.shared();
    tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  @Test
  void theBalanceShowsEveryPoolAmountAsADecimalStringAndNoBudgetsForAFreshOrganisation() {
    Http.Response response = http.get("/v1/credits");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    JsonNode node = response.json();
    assertThat(node.path("object").asText()).isEqualTo("credits.balance");
    assertThat(node.path("organization_id").asText()).isEqualTo(tenant.organization().id());
    for (String field : List.of("available", "pending", "posted", "credited")) {
      assertThat(node.path(field).isTextual()).as(field + " is a string").isTrue();
    }
    assertThat(node.path("available").asText()).isEqualTo("1000");
    assertThat(node.path("pending").asText()).isEqualTo("0");
    assertThat(node.path("posted").asText()).isEqualTo("0");
    assertThat(node.path("credited").asText()).isEqualTo("1000");
    assertThat(node.path("budgets").isArray()).isTrue();
    assertThat(node.path("budgets")).isEmpty();
    assertThat(node.path("as_of").isIntegralNumber()).isTrue();
  }

  @Test
  void aCreateHoldsTheCatalogPriceAndCompletionPostsTheChargeAndReleasesTheRest() {
    Balance before = balance(http);

    Http.Response created = create(http, SMALL_VIDEO);

    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(created.header("x-aivid-credits-held")).isEqualTo("0.1");
    String id = created.json().path("id").asText();
    // Completion needs at least one provider poll (300 ms) after the submit step, so right after
    // the create the hold is still open.
    Balance held = balance(http);
    assertThat(held.pending()).isEqualTo(before.pending() + SMALL_VIDEO_MICROS);
    assertThat(held.posted()).isEqualTo(before.posted());
    assertThat(held.available()).isEqualTo(before.available() - SMALL_VIDEO_MICROS);
    JsonNode holding = http.get("/v1/videos/" + id + "/credits").json();
    assertThat(holding.path("object").asText()).isEqualTo("video.credits");
    assertThat(holding.path("video_id").asText()).isEqualTo(id);
    assertThat(holding.path("estimate").asText()).isEqualTo("0.1");
    assertThat(holding.path("held").asText()).isEqualTo("0.1");
    assertThat(holding.path("hold_id").asText()).startsWith("hold_");

    Http.Response done = CreditsFixture.awaitCompleted(http, id, RENDER);

    String chargedHeader = done.header("x-aivid-credits-charged");
    assertThat(chargedHeader).isNotNull();
    long charged = micros(chargedHeader);
    assertThat(charged).isPositive().isLessThanOrEqualTo(SMALL_VIDEO_MICROS);
    JsonNode credits = http.get("/v1/videos/" + id + "/credits").json();
    assertThat(credits.path("status").asText()).isEqualTo("charged");
    assertThat(credits.path("charged").asText()).isEqualTo(chargedHeader);
    assertThat(credits.path("hold_id").asText()).isEqualTo(holding.path("hold_id").asText());
    Balance after = balance(http);
    assertThat(after.posted()).isEqualTo(before.posted() + charged);
    assertThat(after.pending()).isZero();
    assertThat(after.credited()).isEqualTo(before.credited());
    assertThat(after.available()).isEqualTo(before.available() - charged);

    List<JsonNode> forVideo = transfers(http, "video_id=" + id);
    assertThat(kinds(forVideo)).containsExactly("post", "pending");
    JsonNode pending = forVideo.get(1);
    JsonNode post = forVideo.get(0);
    assertThat(pending.path("id").asText()).isEqualTo(credits.path("hold_id").asText());
    assertThat(pending.path("amount").asText()).isEqualTo("0.1");
    assertThat(pending.path("video_id").asText()).isEqualTo(id);
    assertThat(post.path("hold_id").asText()).isEqualTo(pending.path("id").asText());
    assertThat(post.path("amount").asText()).isEqualTo(chargedHeader);
    assertThat(post.path("model").asText()).isEqualTo("local/previz");
    assertThat(post.path("resolution").asText()).isEqualTo("320x180");
    assertThat(kinds(transfers(http, "video_id=" + id + "&kind=post"))).containsExactly("post");
    assertThat(kinds(transfers(http, "video_id=" + id + "&kind=pending"))).containsExactly("pending");
    assertThat(transfers(http, "video_id=" + id + "&kind=void")).isEmpty();
  }

  @Test
  void deletingARunningVideoReleasesItsWholeHoldAndChargesNothing() {
    Balance before = balance(http);
    Http.Response created =
        create(http, "{\"prompt\":\"a long pan\",\"seconds\":\"10\",\"size\":\"1280x720\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(created.header("x-aivid-credits-held")).isEqualTo("1");
    String id = created.json().path("id").asText();
    CreditsFixture.awaitStatus(http, id, "in_progress", RENDER);
    JsonNode whileRunning = http.get("/v1/videos/" + id + "/credits").json();
    assertThat(whileRunning.path("status").asText()).isEqualTo("held");
    assertThat(whileRunning.path("charged").isNull()).isTrue();

    Http.Response deleted = http.delete("/v1/videos/" + id);

    assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
    assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
    Balance after = balance(http);
    assertThat(after.pending()).isEqualTo(before.pending());
    assertThat(after.posted()).isEqualTo(before.posted());
    assertThat(after.available()).isEqualTo(before.available());
    List<JsonNode> forVideo = transfers(http, "video_id=" + id);
    assertThat(kinds(forVideo)).containsExactly("void", "pending");
    assertThat(forVideo.get(0).path("amount").asText()).isEqualTo("1");
    assertThat(forVideo.get(0).path("hold_id").asText())
        .isEqualTo(whileRunning.path("hold_id").asText());
    // A deleted video is gone from the API, its credits view included.
    assertThat(http.get("/v1/videos/" + id + "/credits").status()).isEqualTo(404);
  }

  @Test
  void theLedgerListsNewestFirstAndPagesThroughEveryTransferWithACursor() {
    for (int i = 0; i < 5; i++) {
      Http.Response granted =
          http.postJson("/v1/credits/grants", "{\"amount\":\"1\",\"reason\":\"page " + i + "\"}");
      assertThat(granted.status()).as(granted.text()).isEqualTo(201);
    }
    List<JsonNode> all = transfers(http, null);
    assertThat(all).hasSize(6);
    assertThat(all.stream().map(transfer -> transfer.path("reason").asText()))
        .containsExactly("page 4", "page 3", "page 2", "page 1", "page 0", "test funds");

    List<String> paged = new ArrayList<>();
    List<Boolean> hasMore = new ArrayList<>();
    String after = null;
    do {
      JsonNode page =
          http.get("/v1/credits/ledger?limit=4" + (after == null ? "" : "&after=" + after)).json();
      assertThat(page.path("object").asText()).isEqualTo("list");
      page.path("data").forEach(transfer -> paged.add(transfer.path("id").asText()));
      assertThat(page.path("first_id").asText()).isEqualTo(page.path("data").get(0).path("id").asText());
      after = page.path("last_id").asText();
      assertThat(after).isEqualTo(paged.getLast());
      hasMore.add(page.path("has_more").asBoolean());
    } while (hasMore.getLast());

    assertThat(hasMore).containsExactly(true, false);
    assertThat(paged).containsExactlyElementsOf(all.stream().map(t -> t.path("id").asText()).toList());
    assertThat(new HashSet<>(paged)).hasSize(6);
    assertThat(transfers(http, "kind=grant")).hasSize(6);
    assertThat(transfers(http, "kind=pending")).isEmpty();
  }

  @Test
  void theLedgerRefusesAForeignCursorAnUnknownKindAndAnOutOfRangeLimit() {
    TestServers.Tenant other = TestServers.newTenant(app);
    String foreign = transfers(new Http(other.baseUrl(), other.apiKey()), null).getFirst().path("id").asText();

    Http.Response cursor = http.get("/v1/credits/ledger?after=" + foreign);
    Http.Response kind = http.get("/v1/credits/ledger?kind=refund");
    Http.Response limit = http.get("/v1/credits/ledger?limit=101");

    assertThat(cursor.status()).isEqualTo(400);
    assertThat(cursor.json().path("code").asText()).isEqualTo("invalid_cursor");
    assertThat(kind.status()).isEqualTo(400);
    assertThat(kind.json().path("code").asText()).isEqualTo("invalid_kind");
    assertThat(limit.status()).isEqualTo(400);
    assertThat(limit.json().path("code").asText()).isEqualTo("invalid_limit");
    assertThat(limit.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void anAdminGrantAddsExactlyTheDecimalAmountToThePool() {
    Balance before = balance(http);

    Http.Response granted =
        http.postJson("/v1/credits/grants", "{\"amount\":\"12.345678\",\"reason\":\"goodwill\"}");

    assertThat(granted.status()).as(granted.text()).isEqualTo(201);
    JsonNode transfer = granted.json();
    assertThat(transfer.path("object").asText()).isEqualTo("credits.transfer");
    assertThat(transfer.path("kind").asText()).isEqualTo("grant");
    assertThat(transfer.path("amount").asText()).isEqualTo("12.345678");
    assertThat(transfer.path("reason").asText()).isEqualTo("goodwill");
    Balance after = balance(http);
    assertThat(after.credited() - before.credited()).isEqualTo(12_345_678L);
    assertThat(after.available() - before.available()).isEqualTo(12_345_678L);
    assertThat(after.json().path("credited").asText()).isEqualTo("1012.345678");
    assertThat(transfers(http, "kind=grant").getFirst().path("id").asText())
        .isEqualTo(transfer.path("id").asText());
  }

  @Test
  void aGrantNeedsAReasonAndAnAmountOfAtMostSixDecimalsAndOtherwiseChangesNothing() {
    Balance before = balance(http);

    Http.Response noReason = http.postJson("/v1/credits/grants", "{\"amount\":\"5\"}");
    Http.Response blankReason =
        http.postJson("/v1/credits/grants", "{\"amount\":\"5\",\"reason\":\"  \"}");
    Http.Response sevenDecimals =
        http.postJson("/v1/credits/grants", "{\"amount\":\"0.0000001\",\"reason\":\"dust\"}");
    Http.Response negative =
        http.postJson("/v1/credits/grants", "{\"amount\":\"-1\",\"reason\":\"take\"}");

    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().path("code").asText()).isEqualTo("missing_reason");
    assertThat(noReason.header("Content-Type")).startsWith("application/problem+json");
    assertThat(blankReason.status()).isEqualTo(400);
    assertThat(blankReason.json().path("code").asText()).isEqualTo("missing_reason");
    assertThat(sevenDecimals.status()).isEqualTo(400);
    assertThat(sevenDecimals.json().path("code").asText()).isEqualTo("invalid_amount");
    assertThat(negative.status()).isEqualTo(400);
    assertThat(negative.json().path("code").asText()).isEqualTo("invalid_amount");
    assertThat(balance(http).withoutTimestamp()).isEqualTo(before.withoutTimestamp());
    assertThat(transfers(http, "kind=grant")).hasSize(1);
  }

  @Test
  void aMemberKeyCannotGrantCreditsButCanReadTheBalance() {
    JsonNode member = CreditsFixture.createKey(http, "member", "member");
    Http asMember = new Http(tenant.baseUrl(), member.path("key").asText());
    Balance before = balance(http);

    Http.Response refused =
        asMember.postJson("/v1/credits/grants", "{\"amount\":\"100\",\"reason\":\"self-service\"}");

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("code").asText()).isEqualTo("admin_required");
    assertThat(balance(asMember).withoutTimestamp()).isEqualTo(before.withoutTimestamp());
  }

  @Test
  void aProjectBudgetRefusesACreateBeyondItsLimitAtTheProjectLevelUntilItIsDeleted() {
    String projectId = tenant.organization().defaultProjectId();

    Http.Response saved =
        put(
            http,
            "/v1/credits/budgets/project/" + projectId,
            "{\"limit\":\"0.05\",\"reset_period\":\"monthly\"}");

    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    JsonNode budget = saved.json();
    assertThat(budget.path("object").asText()).isEqualTo("credits.budget");
    assertThat(budget.path("scope").asText()).isEqualTo("project");
    assertThat(budget.path("target_id").asText()).isEqualTo(projectId);
    assertThat(budget.path("limit").asText()).isEqualTo("0.05");
    assertThat(budget.path("reset_period").asText()).isEqualTo("monthly");
    String budgetId = budget.path("id").asText();
    JsonNode listed = http.get("/v1/credits/budgets").json();
    assertThat(listed.path("data")).hasSize(1);
    assertThat(listed.path("data").get(0)).isEqualTo(budget);
    JsonNode inBalance = balance(http).json().path("budgets");
    assertThat(inBalance).hasSize(1);
    assertThat(inBalance.get(0).path("id").asText()).isEqualTo(budgetId);
    assertThat(inBalance.get(0).path("available").asText()).isEqualTo("0.05");
    Balance before = balance(http);

    Http.Response refused = create(http, SMALL_VIDEO);

    assertThat(refused.status()).isEqualTo(402);
    JsonNode error = refused.json().path("error");
    assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
    assertThat(error.path("code").asText()).isEqualTo("insufficient_credits");
    assertThat(error.path("message").asText())
        .contains("needs 0.1 credits")
        .contains("only 0.05 are available")
        .contains("project level");
    assertThat(http.get("/v1/videos").json().path("data")).isEmpty();
    assertThat(balance(http).withoutTimestamp()).isEqualTo(before.withoutTimestamp());

    Http.Response fits = create(http, TINY_VIDEO);
    assertThat(fits.status()).as(fits.text()).isEqualTo(200);
    assertThat(fits.header("x-aivid-credits-held")).isEqualTo("0.05");
    Http.Response full = create(http, TINY_VIDEO);
    assertThat(full.status()).isEqualTo(402);
    assertThat(full.json().path("error").path("message").asText()).contains("project level");

    Http.Response closed = http.delete("/v1/credits/budgets/" + budgetId);

    assertThat(closed.status()).as(closed.text()).isEqualTo(200);
    assertThat(closed.json().path("deleted").asBoolean()).isTrue();
    assertThat(http.get("/v1/credits/budgets").json().path("data")).isEmpty();
    assertThat(balance(http).json().path("budgets")).isEmpty();
    Http.Response afterClose = create(http, SMALL_VIDEO);
    assertThat(afterClose.status()).as(afterClose.text()).isEqualTo(200);
    assertThat(http.delete("/v1/credits/budgets/" + budgetId).status()).isEqualTo(404);
    CreditsFixture.awaitCompleted(http, fits.json().path("id").asText(), RENDER);
    CreditsFixture.awaitCompleted(http, afterClose.json().path("id").asText(), RENDER);
  }

  @Test
  void anApiKeyBudgetBindsOnlyItsKeyWhileTheAdminKeyStillCreates() {
    JsonNode member = CreditsFixture.createKey(http, "capped", "member");
    Http asMember = new Http(tenant.baseUrl(), member.path("key").asText());

    Http.Response saved =
        put(http, "/v1/credits/budgets/api_key/" + member.path("id").asText(), "{\"limit\":\"0\"}");

    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    assertThat(saved.json().path("scope").asText()).isEqualTo("api_key");
    assertThat(saved.json().path("target_id").asText()).isEqualTo(member.path("id").asText());
    assertThat(saved.json().path("reset_period").asText()).isEqualTo("never");
    Http.Response refused = create(asMember, SMALL_VIDEO);
    assertThat(refused.status()).isEqualTo(402);
    JsonNode error = refused.json().path("error");
    assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
    assertThat(error.path("code").asText()).isEqualTo("insufficient_credits");
    assertThat(error.path("message").asText())
        .contains("needs 0.1 credits")
        .contains("only 0 are available")
        .contains("api_key level");
    Http.Response selfRaise =
        put(asMember, "/v1/credits/budgets/api_key/" + member.path("id").asText(), "{\"limit\":\"100\"}");
    assertThat(selfRaise.status()).isEqualTo(403);
    assertThat(selfRaise.json().path("code").asText()).isEqualTo("admin_required");

    Http.Response admin = create(http, SMALL_VIDEO);

    assertThat(admin.status()).as(admin.text()).isEqualTo(200);
    assertThat(balance(http).pending()).isEqualTo(SMALL_VIDEO_MICROS);
    CreditsFixture.awaitCompleted(http, admin.json().path("id").asText(), RENDER);
  }

  @Test
  void anOrganisationWhosePoolCannotCoverARenderGetsInsufficientQuotaAndNothingIsStored() {
    Funded poor = CreditsFixture.fundedOrganization(app, 10_000, ApiKeyRole.ADMIN);
    Balance before = balance(poor.http());
    assertThat(before.available()).isEqualTo(10_000);

    Http.Response refused = create(poor.http(), SMALL_VIDEO);

    assertThat(refused.status()).isEqualTo(402);
    assertThat(refused.header("Content-Type")).startsWith("application/json");
    JsonNode error = refused.json().path("error");
    assertThat(error.path("type").asText()).isEqualTo("insufficient_quota");
    assertThat(error.path("code").asText()).isEqualTo("insufficient_credits");
    assertThat(error.path("message").asText())
        .contains("needs 0.1 credits")
        .contains("only 0.01 are available")
        .contains("organization level");
    assertThat(refused.header("x-aivid-credits-held")).isNull();
    JsonNode videos = poor.http().get("/v1/videos").json();
    assertThat(videos.path("data")).isEmpty();
    assertThat(balance(poor.http()).withoutTimestamp()).isEqualTo(before.withoutTimestamp());
    assertThat(kinds(transfers(poor.http(), null))).containsExactly("grant");
  }

  @Test
  void aPoolDrainedByOneRenderRefusesTheNextAndKeepsOnlyTheFirstVideo() {
    Funded exact = CreditsFixture.fundedOrganization(app, TINY_VIDEO_MICROS, ApiKeyRole.ADMIN);
    String first = createId(exact.http(), TINY_VIDEO);
    Balance drained = balance(exact.http());
    assertThat(drained.available()).isZero();

    Http.Response refused = create(exact.http(), TINY_VIDEO);

    assertThat(refused.status()).isEqualTo(402);
    assertThat(refused.json().path("error").path("type").asText()).isEqualTo("insufficient_quota");
    assertThat(refused.json().path("error").path("message").asText())
        .contains("needs 0.05 credits")
        .contains("organization level");
    JsonNode videos = exact.http().get("/v1/videos").json().path("data");
    assertThat(videos).hasSize(1);
    assertThat(videos.get(0).path("id").asText()).isEqualTo(first);
    assertThat(kinds(transfers(exact.http(), "kind=pending"))).containsExactly("pending");
    Balance after = balance(exact.http());
    assertThat(after.pending() + after.posted()).isLessThanOrEqualTo(TINY_VIDEO_MICROS);
    CreditsFixture.awaitCompleted(exact.http(), first, RENDER);
  }
}
