package dev.aivid.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.providers.runway.FakeRunwayServer;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server against a fake provider speaking Runway's real wire format: credentials posted over
 * the API make a provider routable at once, are never shown again, and a provider that keeps
 * failing is left for the next candidate with the hold moved and one charge. A server of its own,
 * so that circuit breakers opened here touch no other test.
 */
class ProviderRoutingEndToEndTest {
  private static App app;
  private static FakeRunwayServer runway;

  @BeforeAll
  static void start() {
    // The fake listens on loopback, which organisations may only name when the operator allows it.
    app =
        App.start(
            TestServers.config(TestServers.temporaryDirectory("aivid-routing-"))
                .withProviders(dev.aivid.config.ProviderConfig.defaults().withPrivateBaseUrls(true)));
    runway = FakeRunwayServer.start();
  }

  @AfterAll
  static void stop() {
    runway.close();
    app.close();
  }

  private static Http tenant() {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    return new Http(tenant.baseUrl(), tenant.apiKey());
  }

  private static String runwayCredential() {
    return "{\"api_key\":\"" + FakeRunwayServer.API_KEY + "\",\"base_url\":\"" + runway.baseUrl() + "\"}";
  }

  private static JsonNode awaitTerminal(Http http, String id) {
    return Await.until(
        () -> http.get("/v1/videos/" + id).json(),
        video -> video.path("status").asText().equals("completed") || video.path("status").asText().equals("failed"),
        Duration.ofSeconds(90));
  }

  @Test
  void postedCredentialsMakeAProviderRoutableAtOnceAndAreNeverShownAgain() {
    Http http = tenant();
    JsonNode before = http.get("/v1/providers/runway").json();
    assertThat(before.path("configured").asBoolean()).isFalse();
    JsonNode localOnly = http.postJson("/v1/videos", "{\"prompt\":\"A harbour at dawn, wide establishing shot\",\"seconds\":\"5\"}").json();
    assertThat(localOnly.path("model").asText()).isEqualTo("local/previz");

    Http.Response saved = http.postJson("/v1/providers/runway/credentials", runwayCredential());

    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.json().path("configured").asBoolean()).isTrue();
    assertThat(saved.json().path("source").asText()).isEqualTo("organization");
    assertThat(saved.json().path("credential_fields").toString()).contains("api_key", "base_url");
    assertThat(saved.text()).doesNotContain(FakeRunwayServer.API_KEY);
    assertThat(http.get("/v1/providers").text()).doesNotContain(FakeRunwayServer.API_KEY);
    byte[] sealed =
        app.database().jdbi().withHandle(
            handle -> handle.createQuery("select ciphertext from provider_credentials").mapTo(byte[].class).list().getFirst());
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(FakeRunwayServer.API_KEY);

    Http.Response created = http.postJson("/v1/videos", "{\"prompt\":\"A harbour at dawn, wide establishing shot\",\"seconds\":\"5\"}");
    assertThat(created.json().path("model").asText()).isEqualTo("runway-gen4.5");
    assertThat(created.header("x-aivid-routed-to")).isEqualTo("runway-gen4.5");
    String id = created.json().path("id").asText();
    JsonNode done = awaitTerminal(http, id);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(http.get("/v1/videos/" + id + "/credits").json().path("charged").asText()).isEqualTo("60");
    JsonNode routing = http.get("/v1/videos/" + id + "/routing").json();
    assertThat(routing.path("routing").path("chosen").asText()).isEqualTo("runway-gen4.5");
    assertThat(routing.path("controls").isArray()).isTrue();
  }

  @Test
  void badCredentialWritesAreRefusedNamingTheFieldAndChangeNothing() {
    Http http = tenant();
    Http.Response unknownField = http.postJson("/v1/providers/runway/credentials", "{\"api_key\":\"k\",\"password\":\"p\"}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().path("code").asText()).isEqualTo("unknown_credential_field");
    assertThat(unknownField.text()).contains("password");
    Http.Response incomplete = http.postJson("/v1/providers/runway/credentials", "{\"base_url\":\"http://x\"}");
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.json().path("code").asText()).isEqualTo("incomplete_credential");
    Http.Response notText = http.postJson("/v1/providers/runway/credentials", "{\"api_key\":7}");
    assertThat(notText.json().path("code").asText()).isEqualTo("invalid_type");
    Http.Response unknownProvider = http.postJson("/v1/providers/midjourney/credentials", "{\"api_key\":\"k\"}");
    assertThat(unknownProvider.status()).isEqualTo(404);
    assertThat(unknownProvider.json().path("code").asText()).isEqualTo("unknown_provider");
    Http.Response noCredential = http.delete("/v1/providers/runway/credentials");
    assertThat(noCredential.status()).isEqualTo(404);
    assertThat(http.get("/v1/providers/runway").json().path("configured").asBoolean()).isFalse();
  }

  @Test
  void aProviderThatKeepsFailingIsLeftForTheNextCandidateAndTheJobIsChargedOnceAtItsPrice() {
    Http http = tenant();
    http.postJson("/v1/providers/runway/credentials", runwayCredential());
    // Every attempt of ProviderHttp (3) answers 503: the create fails over.
    runway.failNextCreates(3, 503);

    Http.Response created = http.postJson("/v1/videos", "{\"prompt\":\"A harbour at dawn, wide establishing shot\",\"seconds\":\"5\"}");
    assertThat(created.json().path("model").asText()).isEqualTo("runway-gen4.5");
    assertThat(created.header("x-aivid-credits-held")).isEqualTo("60");
    String id = created.json().path("id").asText();

    JsonNode done = awaitTerminal(http, id);

    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("model").asText()).isEqualTo("local/previz");
    JsonNode credits = http.get("/v1/videos/" + id + "/credits").json();
    // local/previz: 0.1 credits/s at 1280x720, 5 s.
    assertThat(credits.path("charged").asText()).isEqualTo("0.5");
    JsonNode routing = http.get("/v1/videos/" + id + "/routing").json();
    assertThat(routing.path("switches").asInt()).isEqualTo(1);
    assertThat(routing.path("notes").get(0).asText()).contains("Failed over from runway-gen4.5 to local/previz", "provider_unavailable");
    JsonNode ledger = http.get("/v1/credits/ledger").json();
    long posts = 0;
    for (JsonNode transfer : ledger.path("data")) {
      if (transfer.path("kind").asText().equals("post")) {
        posts++;
      }
    }
    assertThat(posts).isEqualTo(1);
    assertThat(http.get("/v1/credits").json().path("pending").asText()).isEqualTo("0");
  }
}
