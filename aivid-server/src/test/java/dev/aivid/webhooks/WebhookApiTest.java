package dev.aivid.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.App;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.account.Organization;
import dev.aivid.credits.Credits;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks end to end: the real server, a local render, and a receiver that verifies signatures. */
class WebhookApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private App app;
  private TestServers.Tenant tenant;
  private Http http;
  private WebhookReceiver receiver;

  @BeforeEach
  void setUp() {
    app = TestServers.shared();
    tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
    receiver = WebhookReceiver.start();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  private JsonNode createWebhook(Http client, String... events) {
    ObjectNode body = JSON.createObjectNode();
    body.put("url", receiver.url());
    ArrayNode list = body.putArray("events");
    for (String event : events) {
      list.add(event);
    }
    body.put("description", "test receiver");
    Http.Response created = client.postJson("/v1/webhooks", body.toString());
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    receiver.trust(created.json().path("secret").asText());
    return created.json();
  }

  private String createTinyVideo(Http client) {
    Http.Response created =
        client.postJson(
            "/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"a kite\",\"seconds\":\"1\",\"size\":\"64x64\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    return created.json().path("id").asText();
  }

  private JsonNode deliveredLog(Http client, String webhookId, int deliveries) {
    return Await.until(
        () -> client.get("/v1/webhooks/" + webhookId + "/deliveries").json(),
        log -> {
          JsonNode data = log.path("data");
          if (data.size() != deliveries) {
            return false;
          }
          for (JsonNode delivery : data) {
            if (!delivery.path("status").asText().equals("delivered")) {
              return false;
            }
          }
          return true;
        },
        Duration.ofSeconds(60));
  }

  private static JsonNode json(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aCompletedVideoIsDeliveredExactlyOnceWithAValidStandardWebhooksSignature() {
    JsonNode webhook = createWebhook(http, "video.completed", "video.failed");
    assertThat(webhook.path("id").asText()).startsWith("wh_");
    assertThat(webhook.path("object").asText()).isEqualTo("webhook");
    assertThat(webhook.path("url").asText()).isEqualTo(receiver.url());
    assertThat(webhook.path("events")).extracting(JsonNode::asText).containsExactly("video.completed", "video.failed");
    assertThat(webhook.path("secret").asText()).startsWith("whsec_");
    assertThat(webhook.path("created_at").asLong()).isPositive();

    String videoId = createTinyVideo(http);
    WebhookReceiver.Received received =
        Await.until(() -> receiver.ofType("video.completed"), list -> !list.isEmpty(), Duration.ofSeconds(90))
            .getFirst();

    assertThat(received.verified()).as(received.toString()).isTrue();
    assertThat(received.id()).startsWith("msg_");
    assertThat(received.signature()).startsWith("v1,");
    // The spec's replay protection: the attempt's timestamp is close to the receiver's clock.
    assertThat(Math.abs(Long.parseLong(received.timestamp()) - Instant.now().getEpochSecond())).isLessThan(300);
    JsonNode event = json(received.body());
    assertThat(event.path("type").asText()).isEqualTo("video.completed");
    assertThat(Instant.parse(event.path("timestamp").asText())).isNotNull();
    JsonNode data = event.path("data");
    assertThat(data.path("id").asText()).isEqualTo(videoId);
    assertThat(data.path("object").asText()).isEqualTo("video");
    assertThat(data.path("status").asText()).isEqualTo("completed");
    assertThat(data.path("model").asText()).isEqualTo("local/previz");
    assertThat(data.path("seconds").asText()).isEqualTo("1");
    assertThat(data.path("size").asText()).isEqualTo("64x64");
    assertThat(data.path("error").isNull()).isTrue();
    assertThat(Credits.parse(data.path("credits_charged").asText()).orElseThrow()).isPositive();

    JsonNode log = deliveredLog(http, webhook.path("id").asText(), 1);
    JsonNode delivery = log.path("data").get(0);
    assertThat(delivery.path("id").asText()).startsWith("whd_");
    assertThat(delivery.path("event_id").asText()).isEqualTo(received.id());
    assertThat(delivery.path("event_type").asText()).isEqualTo("video.completed");
    assertThat(delivery.path("attempt_count").asInt()).isEqualTo(1);
    assertThat(delivery.path("last_response_code").asInt()).isEqualTo(200);
    assertThat(delivery.path("next_attempt_at").isNull()).isTrue();
    assertThat(delivery.path("delivered_at").isNull()).isFalse();
    assertThat(delivery.path("attempts")).hasSize(1);
    assertThat(delivery.path("attempts").get(0).path("response_code").asInt()).isEqualTo(200);
    assertThat(log.path("has_more").asBoolean()).isFalse();
    // Delivered is final: nothing else was or will be sent for this video.
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void aManualRedeliverySendsTheSameEventAgainAndLogsASecondAttempt() {
    JsonNode webhook = createWebhook(http, "video.completed");
    String webhookId = webhook.path("id").asText();
    createTinyVideo(http);
    JsonNode delivery = deliveredLog(http, webhookId, 1).path("data").get(0);

    Http.Response redelivered =
        http.postJson("/v1/webhooks/" + webhookId + "/deliveries/" + delivery.path("id").asText() + "/redeliver", "");
    assertThat(redelivered.status()).as(redelivered.text()).isEqualTo(202);
    assertThat(redelivered.json().path("status").asText()).isIn("pending", "delivered");

    List<WebhookReceiver.Received> both =
        Await.until(() -> receiver.ofType("video.completed"), list -> list.size() == 2, Duration.ofSeconds(30));
    assertThat(both).allMatch(WebhookReceiver.Received::verified);
    assertThat(both.get(1).id()).isEqualTo(both.get(0).id());
    assertThat(both.get(1).text()).isEqualTo(both.get(0).text());
    JsonNode again =
        Await.until(
            () -> http.get("/v1/webhooks/" + webhookId + "/deliveries").json().path("data").get(0),
            row -> row.path("attempt_count").asInt() == 2 && row.path("status").asText().equals("delivered"),
            Duration.ofSeconds(30));
    assertThat(again.path("attempts")).hasSize(2);
  }

  @Test
  void theSecretIsShownOnceAndStoredSealed() {
    JsonNode webhook = createWebhook(http, "credits.low");
    String id = webhook.path("id").asText();
    String secret = webhook.path("secret").asText();

    Http.Response one = http.get("/v1/webhooks/" + id);
    Http.Response list = http.get("/v1/webhooks");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().has("secret")).isFalse();
    assertThat(one.text()).doesNotContain(secret.substring("whsec_".length()));
    assertThat(one.json().path("description").asText()).isEqualTo("test receiver");
    assertThat(list.json().path("data")).hasSize(1);
    assertThat(list.json().path("data").get(0).has("secret")).isFalse();
    assertThat(list.text()).doesNotContain(secret.substring("whsec_".length()));

    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    byte[] stored =
        app.database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("select secret_ciphertext from webhook_endpoints where id = :id")
                        .bind("id", id)
                        .mapTo(byte[].class)
                        .one());
    assertThat(Base64.getEncoder().encodeToString(stored)).doesNotContain(Base64.getEncoder().encodeToString(key));
    assertThat(stored).isNotEqualTo(key);
  }

  @Test
  void anotherOrganisationsWebhookIsNotFound() {
    String id = createWebhook(http, "video.completed").path("id").asText();
    TestServers.Tenant other = TestServers.newTenant(app);
    Http stranger = new Http(other.baseUrl(), other.apiKey());

    for (Http.Response response :
        List.of(
            stranger.get("/v1/webhooks/" + id),
            stranger.delete("/v1/webhooks/" + id),
            stranger.get("/v1/webhooks/" + id + "/deliveries"),
            stranger.postJson("/v1/webhooks/" + id + "/deliveries/whd_0/redeliver", ""))) {
      assertThat(response.status()).as(response.text()).isEqualTo(404);
      assertThat(response.json().path("code").asText()).isEqualTo("webhook_not_found");
      assertThat(response.json().path("param").asText()).isEqualTo("webhook_id");
    }
    assertThat(stranger.get("/v1/webhooks").json().path("data")).isEmpty();
    assertThat(http.get("/v1/webhooks/" + id).status()).isEqualTo(200);
  }

  @Test
  void membersMayReadWebhooksButOnlyAdminsManageThem() {
    String id = createWebhook(http, "video.completed").path("id").asText();
    Organization organization = tenant.organization();
    String memberKey = app.accounts().createKey(organization, "member", ApiKeyRole.MEMBER).secret();
    Http member = new Http(tenant.baseUrl(), memberKey);

    assertThat(member.get("/v1/webhooks").status()).isEqualTo(200);
    assertThat(member.get("/v1/webhooks/" + id).status()).isEqualTo(200);
    assertThat(member.get("/v1/webhooks/" + id + "/deliveries").status()).isEqualTo(200);
    assertThat(member.postJson("/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"events\":[\"video.completed\"]}").status())
        .isEqualTo(403);
    assertThat(member.delete("/v1/webhooks/" + id).status()).isEqualTo(403);
    assertThat(new Http(tenant.baseUrl(), null).get("/v1/webhooks").status()).isEqualTo(401);
  }

  @Test
  void aDeletedWebhookIsGoneWithItsLog() {
    String id = createWebhook(http, "video.completed").path("id").asText();
    Http.Response deleted = http.delete("/v1/webhooks/" + id);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().path("object").asText()).isEqualTo("webhook.deleted");
    assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
    assertThat(http.get("/v1/webhooks/" + id).status()).isEqualTo(404);
    assertThat(http.delete("/v1/webhooks/" + id).status()).isEqualTo(404);
    assertThat(http.get("/v1/webhooks").json().path("data")).isEmpty();
  }

  @Test
  void aPostThatLeavesThePoolBelowTenPercentOfItsGrantsIsAnnouncedOnce() {
    Organization organization = app.accounts().createOrganization("low-" + UUID.randomUUID());
    String key = app.accounts().createKey(organization, "admin", ApiKeyRole.ADMIN).secret();
    // 0.051 credits: a 1 s 64x64 local render holds 0.05, so the post leaves less than 0.0051.
    app.ledger().grant(organization.id(), 51_000, "just enough for one tiny render", null);
    Http client = new Http(tenant.baseUrl(), key);
    String webhookId = createWebhook(client, "credits.low", "video.completed").path("id").asText();

    createTinyVideo(client);
    deliveredLog(client, webhookId, 2);

    List<WebhookReceiver.Received> alerts = receiver.ofType("credits.low");
    assertThat(alerts).hasSize(1);
    assertThat(alerts.getFirst().verified()).isTrue();
    JsonNode data = json(alerts.getFirst().body()).path("data");
    assertThat(data.path("organization_id").asText()).isEqualTo(organization.id());
    assertThat(data.path("granted").asText()).isEqualTo("0.051");
    assertThat(data.path("threshold").asText()).isEqualTo("0.0051");
    assertThat(Credits.parse(data.path("available").asText()).orElseThrow()).isLessThan(5_100L);
    assertThat(receiver.ofType("video.completed")).hasSize(1);
  }
}
