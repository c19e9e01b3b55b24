package dev.aivid.api.credits;

import static dev.aivid.api.credits.CreditsFixture.TINY_VIDEO;
import static dev.aivid.api.credits.CreditsFixture.put;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Runs on an App of its own: a drift left behind here must not fail the ledger checks of tests that
 * share {@link TestServers#shared()}.
 */
class BudgetResetPeriodTest {

  @Test
  void changingABudgetsResetPeriodAfterSpendingKeepsItsStoredSpendEqualToTheLedger() {
    try (App app = App.start(TestServers.config(TestServers.temporaryDirectory("aivid-budget-period-")))) {
      TestServers.Tenant tenant = TestServers.newTenant(app);
      Http http = new Http(tenant.baseUrl(), tenant.apiKey());
      String project = tenant.organization().defaultProjectId();
      String path = "/v1/credits/budgets/project/" + project;
      assertThat(put(http, path, "{\"limit\":\"10\",\"reset_period\":\"never\"}").status()).isEqualTo(200);
      String id = CreditsFixture.createId(http, TINY_VIDEO);
      Http.Response done = CreditsFixture.awaitCompleted(http, id, Duration.ofSeconds(120));
      String charged = done.header("x-aivid-credits-charged");
      assertThat(app.ledger().verify().drifts()).isEmpty();

      Http.Response monthly = put(http, path, "{\"limit\":\"10\",\"reset_period\":\"monthly\"}");

      assertThat(monthly.status()).as(monthly.text()).isEqualTo(200);
      JsonNode budget = CreditsFixture.balance(http).json().path("budgets").get(0);
      assertThat(app.ledger().verify().drifts()).isEmpty();
      // What was spent a moment ago was spent this month.
      assertThat(budget.path("spent_this_period").asText()).isEqualTo(charged);
    }
  }
}
