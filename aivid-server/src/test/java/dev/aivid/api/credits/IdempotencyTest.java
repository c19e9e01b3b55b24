package dev.aivid.api.credits;

import static dev.aivid.api.credits.CreditsFixture.SMALL_VIDEO;
import static dev.aivid.api.credits.CreditsFixture.TINY_VIDEO;
import static dev.aivid.api.credits.CreditsFixture.balance;
import static dev.aivid.api.credits.CreditsFixture.kinds;
import static dev.aivid.api.credits.CreditsFixture.postWithKey;
import static dev.aivid.api.credits.CreditsFixture.transfers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.api.credits.CreditsFixture.Balance;
import dev.aivid.api.credits.CreditsFixture.Funded;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
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

  private static String newKey() {
    return "idem-" + UUID.randomUUID();
  }

  @Test
  void aRetriedCreateWithTheSameKeyReplaysTheFirstResponseByteForByteAndHoldsOnce() {
    String key = newKey();

    Http.Response first = postWithKey(http, "/v1/videos", key, SMALL_VIDEO);
    Http.Response second = postWithKey(http, "/v1/videos", key, SMALL_VIDEO);

    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(first.status());
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.header("x-aivid-credits-held")).isEqualTo("0.1");
    assertThat(second.header("Content-Type")).startsWith("application/json");
    String id = first.json().path("id").asText();
    List<JsonNode> holds = transfers(http, "kind=pending");
    assertThat(holds).hasSize(1);
    assertThat(holds.getFirst().path("video_id").asText()).isEqualTo(id);
    assertThat(http.get("/v1/videos").json().path("data")).hasSize(1);
    CreditsFixture.awaitCompleted(http, id, RENDER);

    Http.Response afterCompletion = postWithKey(http, "/v1/videos", key, SMALL_VIDEO);

    assertThat(afterCompletion.body()).isEqualTo(first.body());
    assertThat(transfers(http, "kind=pending")).hasSize(1);
  }

  @Test
  void theSameKeyWithADifferentBodyIsAConflictAndCreatesNothing() {
    String key = newKey();
    Http.Response first = postWithKey(http, "/v1/videos", key, SMALL_VIDEO);
    assertThat(first.status()).isEqualTo(200);

    Http.Response reused = postWithKey(http, "/v1/videos", key, TINY_VIDEO);

    assertThat(reused.status()).isEqualTo(409);
    JsonNode error = reused.json().path("error");
    assertThat(error.path("code").asText()).isEqualTo("idempotency_key_reused");
    assertThat(error.path("type").asText()).isEqualTo("conflict_error");
    assertThat(error.path("param").asText()).isEqualTo("Idempotency-Key");
    assertThat(transfers(http, "kind=pending")).hasSize(1);
    assertThat(http.get("/v1/videos").json().path("data")).hasSize(1);
    CreditsFixture.awaitCompleted(http, first.json().path("id").asText(), RENDER);
  }

  @Test
  void aKeyOf255PrintableCharactersIsAcceptedButLongerOrNonPrintableKeysAreRejected() {
    String longest = "k".repeat(255);

    Http.Response accepted = postWithKey(http, "/v1/videos", longest, TINY_VIDEO);
    Http.Response tooLong = postWithKey(http, "/v1/videos", "k".repeat(256), TINY_VIDEO);
    Http.Response withSpace = postWithKey(http, "/v1/videos", "two words", TINY_VIDEO);
    Http.Response withTab = postWithKey(http, "/v1/videos", "tab\tkey", TINY_VIDEO);
    CreditsFixture.RawResponse nonAscii = rawCreate("caf\u00e9".getBytes(StandardCharsets.UTF_8), TINY_VIDEO);

    assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
    for (Http.Response rejected : List.of(tooLong, withSpace, withTab)) {
      assertThat(rejected.status()).as(rejected.text()).isEqualTo(400);
      assertThat(rejected.json().path("error").path("code").asText())
          .isEqualTo("invalid_idempotency_key");
      assertThat(rejected.json().path("error").path("param").asText()).isEqualTo("Idempotency-Key");
    }
    assertThat(nonAscii.status()).as(nonAscii.body()).isEqualTo(400);
    assertThat(nonAscii.json().path("error").path("code").asText()).isEqualTo("invalid_idempotency_key");
    assertThat(transfers(http, "kind=pending")).hasSize(1);
    CreditsFixture.awaitCompleted(http, accepted.json().path("id").asText(), RENDER);
  }

  /** The JDK client would turn the key's non-ASCII bytes into '?', so this goes over a socket. */
  private CreditsFixture.RawResponse rawCreate(byte[] idempotencyKey, String json) {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes("Idempotency-Key: ".getBytes(StandardCharsets.US_ASCII));
    header.writeBytes(idempotencyKey);
    header.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    try (CreditsFixture.RawConnection connection = new CreditsFixture.RawConnection(app.port())) {
      return connection.post("/v1/videos", tenant.apiKey(), json, header.toByteArray());
    }
  }

  @Test
  void theSameKeyInTwoOrganisationsCreatesTwoIndependentVideos() {
    TestServers.Tenant otherTenant = TestServers.newTenant(app);
    Http other = new Http(otherTenant.baseUrl(), otherTenant.apiKey());
    String key = newKey();

    Http.Response mine = postWithKey(http, "/v1/videos", key, SMALL_VIDEO);
    Http.Response theirs = postWithKey(other, "/v1/videos", key, TINY_VIDEO);

    assertThat(mine.status()).isEqualTo(200);
    assertThat(theirs.status()).as(theirs.text()).isEqualTo(200);
    assertThat(theirs.header("Idempotent-Replayed")).isNull();
    assertThat(theirs.json().path("id").asText()).isNotEqualTo(mine.json().path("id").asText());
    assertThat(theirs.json().path("seconds").asText()).isEqualTo("1");
    List<JsonNode> myHolds = transfers(http, "kind=pending");
    assertThat(myHolds).hasSize(1);
    assertThat(myHolds.getFirst().path("amount").asText()).isEqualTo("0.1");
    List<JsonNode> theirHolds = transfers(other, "kind=pending");
    assertThat(theirHolds).hasSize(1);
    assertThat(theirHolds.getFirst().path("amount").asText()).isEqualTo("0.05");
    CreditsFixture.awaitCompleted(http, mine.json().path("id").asText(), RENDER);
    CreditsFixture.awaitCompleted(other, theirs.json().path("id").asText(), RENDER);
  }

  @Test
  void aRequestThatFailedValidationUnderAKeyCanBeRetriedWithACorrectedBody() {
    String key = newKey();

    Http.Response badJson = postWithKey(http, "/v1/videos", key, "{\"prompt\":");
    Http.Response missingPrompt =
        postWithKey(http, "/v1/videos", key, "{\"seconds\":\"2\",\"size\":\"320x180\"}");
    Http.Response badSize =
        postWithKey(http, "/v1/videos", key, "{\"prompt\":\"x\",\"seconds\":\"2\",\"size\":\"wide\"}");
    Http.Response corrected = postWithKey(http, "/v1/videos", key, SMALL_VIDEO);

    assertThat(badJson.status()).isEqualTo(400);
    assertThat(missingPrompt.status()).isEqualTo(400);
    assertThat(missingPrompt.json().path("error").path("code").asText()).isEqualTo("missing_prompt");
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(badSize.json().path("error").path("code").asText()).isEqualTo("invalid_size");
    assertThat(corrected.status()).as(corrected.text()).isEqualTo(200);
    assertThat(corrected.header("Idempotent-Replayed")).isNull();
    Http.Response replay = postWithKey(http, "/v1/videos", key, SMALL_VIDEO);
    assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replay.body()).isEqualTo(corrected.body());
    assertThat(transfers(http, "kind=pending")).hasSize(1);
    CreditsFixture.awaitCompleted(http, corrected.json().path("id").asText(), RENDER);
  }

  @Test
  void aCreateRefusedForMissingCreditsIsNotRememberedSoTheRetryAfterAGrantRuns() {
    Funded poor = CreditsFixture.fundedOrganization(app, 10_000, ApiKeyRole.ADMIN);
    String key = newKey();

    Http.Response refused = postWithKey(poor.http(), "/v1/videos", key, SMALL_VIDEO);
    assertThat(refused.status()).isEqualTo(402);
    Http.Response granted =
        postWithKey(poor.http(), "/v1/credits/grants", newKey(), "{\"amount\":\"1\",\"reason\":\"top-up\"}");
    assertThat(granted.status()).as(granted.text()).isEqualTo(201);
    Http.Response retried = postWithKey(poor.http(), "/v1/videos", key, SMALL_VIDEO);

    assertThat(retried.status()).as(retried.text()).isEqualTo(200);
    assertThat(retried.header("Idempotent-Replayed")).isNull();
    assertThat(transfers(poor.http(), "kind=pending")).hasSize(1);
    CreditsFixture.awaitCompleted(poor.http(), retried.json().path("id").asText(), RENDER);
  }

  @Test
  void aMultipartCreateWithTheSameKeyReplaysEvenWithANewBoundary() {
    byte[] image = TestImages.png(64, 64, Color.BLUE);
    String key = newKey();

    Http.Response first = postMultipart(key, multipart(image));
    Http.Response second = postMultipart(key, multipart(image));
    Http.Response otherImage = postMultipart(key, multipart(TestImages.png(64, 64, Color.RED)));

    assertThat(first.status()).as(first.text()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(otherImage.status()).isEqualTo(409);
    assertThat(otherImage.json().path("error").path("code").asText()).isEqualTo("idempotency_key_reused");
    assertThat(transfers(http, "kind=pending")).hasSize(1);
    CreditsFixture.awaitCompleted(http, first.json().path("id").asText(), RENDER);
  }

  private static Multipart multipart(byte[] image) {
    return new Multipart()
        .field("prompt", "from a picture")
        .field("seconds", "1")
        .field("size", "64x64")
        .file("input_reference", "first.png", "image/png", image);
  }

  private Http.Response postMultipart(String key, Multipart body) {
    return http.send(
        http.request("/v1/videos")
            .header("Content-Type", body.contentType())
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.build())));
  }

  @Test
  void aGrantRetriedWithTheSameKeyIsCreditedOnce() {
    String key = newKey();
    Balance before = balance(http);

    Http.Response first =
        postWithKey(http, "/v1/credits/grants", key, "{\"amount\":\"7.5\",\"reason\":\"once\"}");
    Http.Response second =
        postWithKey(http, "/v1/credits/grants", key, "{\"amount\":\"7.5\",\"reason\":\"once\"}");
    Http.Response different =
        postWithKey(http, "/v1/credits/grants", key, "{\"amount\":\"75\",\"reason\":\"once\"}");

    assertThat(first.status()).as(first.text()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.body()).isEqualTo(first.body());
    assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(different.status()).isEqualTo(409);
    assertThat(different.json().path("code").asText()).isEqualTo("idempotency_key_reused");
    assertThat(balance(http).credited() - before.credited()).isEqualTo(7_500_000L);
    assertThat(kinds(transfers(http, "kind=grant"))).hasSize(2);
  }
}
