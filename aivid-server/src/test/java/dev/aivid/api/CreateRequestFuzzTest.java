package dev.aivid.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.App;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Arbitrary bodies never crash the create endpoint: a valid one is accepted, anything else is a 4xx. */
class CreateRequestFuzzTest {
  private static Http http;

  @BeforeContainer
  static void start() {
    App app = TestServers.shared();
    TestServers.Tenant tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  @Property(tries = 150)
  void arbitraryBytesAreAnsweredWithAClientErrorNeverAServerError(@ForAll byte[] body) {
    Http.Response response =
        http.post("/v1/videos", "application/json", java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    assertThat(response.status()).as(response.text()).isBetween(400, 499);
    assertThat(response.json().path("error").path("code").asText()).isNotBlank();
  }

  @Property(tries = 150)
  void mutatedCreateRequestsAreAcceptedOrRejectedWithAFieldName(@ForAll("createBodies") String body) {
    Http.Response response = http.postJson("/v1/videos", body);
    if (response.status() == 200) {
      assertThat(response.json().path("status").asText()).isEqualTo("queued");
      http.delete("/v1/videos/" + response.json().path("id").asText());
    } else {
      assertThat(response.status()).as(body + " -> " + response.text()).isBetween(400, 499);
      assertThat(response.json().path("error").path("code").asText()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> createBodies() {
    Arbitrary<String> prompt =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(40).map(CreateRequestFuzzTest::quoted),
            Arbitraries.of("null", "42", "[]", "{}", "\"\""));
    Arbitrary<String> seconds =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-5, 30).map(value -> quoted(Integer.toString(value))),
            Arbitraries.strings().ofMaxLength(5).map(CreateRequestFuzzTest::quoted),
            Arbitraries.of("1", "1.5", "true", "null", "9999999999999"));
    Arbitrary<String> size =
        Arbitraries.oneOf(
            Combinators.combine(Arbitraries.integers().between(-2, 2100), Arbitraries.integers().between(-2, 2100))
                .as((width, height) -> quoted(width + "x" + height)),
            Arbitraries.strings().ofMaxLength(12).map(CreateRequestFuzzTest::quoted),
            Arbitraries.of("null", "1280"));
    Arbitrary<String> model =
        Arbitraries.of("\"local/previz\"", "\"previz\"", "\"sora-2\"", "\"auto\"", "\"kling-v3\"", "\"nope\"", "null", "7");
    Arbitrary<String> policy =
        Arbitraries.of("\"quality\"", "\"balanced\"", "\"cheapest\"", "\"fastest\"", "\"fast\"", "null", "3", "[]");
    return Combinators.combine(prompt, seconds, size, model, policy)
        .as(
            (p, s, z, m, r) ->
                "{\"prompt\":" + p + ",\"seconds\":" + s + ",\"size\":" + z + ",\"model\":" + m
                    + ",\"routing_policy\":" + r + "}");
  }

  private static String quoted(String value) {
    StringBuilder builder = new StringBuilder("\"");
    for (char character : value.toCharArray()) {
      if (character == '"' || character == '\\') {
        builder.append('\\').append(character);
      } else if (character < 0x20) {
        builder.append(String.format("\\u%04x", (int) character));
      } else {
        builder.append(character);
      }
    }
    return builder.append('"').toString();
  }
}
