package dev.aivid.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.fetch.HostResolver;
import dev.aivid.support.Http;
import dev.aivid.support.Ids;
import dev.aivid.support.TestServers;
import dev.aivid.webhooks.internal.WebhookRepository;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refused webhook: a 400 naming the field, a stable code, and nothing stored. */
class WebhookBadInputTest {
  private App app;
  private TestServers.Tenant tenant;
  private Http http;

  @BeforeEach
  void setUp() {
    app = TestServers.shared();
    tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  @AfterEach
  void nothingWasStored() {
    int rows =
        app.database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("select count(*) from webhook_endpoints where organization_id = :org")
                        .bind("org", tenant.organization().id())
                        .mapTo(Integer.class)
                        .one());
    assertThat(rows).isZero();
  }

  private static void assertProblem(Http.Response response, int status, String code, String param) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.path("code").asText()).isEqualTo(code);
    assertThat(problem.path("detail").asText()).isNotBlank();
    if (param == null) {
      assertThat(problem.has("param")).isFalse();
    } else {
      assertThat(problem.path("param").asText()).isEqualTo(param);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"events\":[\"video.completed\"]}|missing_url|url",
        "{\"url\":42,\"events\":[\"video.completed\"]}|invalid_webhook_url|url",
        "{\"url\":\"ftp://example.com/hook\",\"events\":[\"video.completed\"]}|invalid_webhook_url|url",
        "{\"url\":\"not a url\",\"events\":[\"video.completed\"]}|invalid_webhook_url|url",
        "{\"url\":\"https://\",\"events\":[\"video.completed\"]}|invalid_webhook_url|url",
        "{\"url\":\"https://user:pass@example.com/hook\",\"events\":[\"video.completed\"]}|invalid_webhook_url|url",
        "{\"url\":\"https://example.com/hook\"}|missing_events|events",
        "{\"url\":\"https://example.com/hook\",\"events\":[]}|missing_events|events",
        "{\"url\":\"https://example.com/hook\",\"events\":\"video.completed\"}|invalid_events|events",
        "{\"url\":\"https://example.com/hook\",\"events\":[7]}|invalid_events|events",
        "{\"url\":\"https://example.com/hook\",\"events\":[\"video.completed\",\"video.exploded\"]}|unknown_event_type|events",
        "{\"url\":\"https://example.com/hook\",\"events\":[\"video.completed\"],\"description\":5}|invalid_description|description",
      })
  void aBadWebhookIsRefusedNamingTheField(String body, String code, String field) {
    assertProblem(http.postJson("/v1/webhooks", body), 400, code, field);
  }

  @Test
  void anOverlongDescriptionOrAMalformedBodyIsRefused() {
    assertProblem(
        http.postJson(
            "/v1/webhooks",
            "{\"url\":\"https://example.com/hook\",\"events\":[\"video.completed\"],\"description\":\""
                + "d".repeat(501)
                + "\"}"),
        400,
        "invalid_description",
        "description");
    assertProblem(http.postJson("/v1/webhooks", "[1]"), 400, "invalid_json", null);
    assertProblem(http.postJson("/v1/webhooks", "{"), 400, "invalid_json", null);
  }

  @Test
  void aBadCursorOrLimitOnTheDeliveryLogIsRefused() {
    // Stores nothing: an unknown webhook is a 404 before anything else.
    assertProblem(http.get("/v1/webhooks/wh_missing/deliveries"), 404, "webhook_not_found", "webhook_id");
    assertProblem(http.get("/v1/webhooks/wh_missing/deliveries?limit=0"), 400, "invalid_limit", "limit");
  }

  /**
   * The shared test server allows private URLs (its receivers are on 127.0.0.1), so the refusal is
   * checked on a service configured as production is, against the same database.
   */
  @Test
  void aWebhookOnANonPublicAddressIsRefusedUnlessTheOperatorAllowsIt() {
    HostResolver resolver =
        host -> host.equals("intranet.example") ? List.of(InetAddress.getByName("10.1.2.3")) : List.of();
    WebhookService production =
        new WebhookService(
            new WebhookRepository(app.database().jdbi()),
            new SecretSealing() {
              @Override
              public Sealed seal(byte[] plaintext, String associatedData) {
                throw new AssertionError("nothing may be sealed for a refused webhook");
              }

              @Override
              public byte[] open(Sealed sealed, String associatedData) {
                throw new AssertionError("nothing to open");
              }
            },
            resolver,
            false,
            new Ids(new SecureRandom()),
            new SecureRandom(),
            InstantSource.system());
    String organization = tenant.organization().id();
    for (String url :
        List.of(
            "http://127.0.0.1:8080/hook",
            "https://[::1]/hook",
            "http://169.254.169.254/latest/meta-data",
            "https://10.0.0.7/hook",
            "https://intranet.example/hook")) {
      assertThatThrownBy(() -> production.create(organization, url, List.of("video.completed"), null))
          .as(url)
          .isInstanceOfSatisfying(
              WebhookException.class,
              e -> {
                assertThat(e.code()).isEqualTo("private_webhook_url");
                assertThat(e.field()).isEqualTo("url");
                assertThat(e.kind()).isEqualTo(WebhookException.Kind.INVALID);
                assertThat(e.getMessage()).contains("AIVID_ALLOW_PRIVATE_WEBHOOK_URLS");
              });
    }
    assertThatThrownBy(() -> production.create(organization, "https://nowhere.example/hook", List.of("video.completed"), null))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.code()).isEqualTo("unresolvable_webhook_url"));
  }
}
