package dev.aivid.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Arbitrary credential writes: a valid one is stored and shown by field name only, anything else
 * is a 4xx naming a code, and a refused write leaves the provider as it was.
 */
class ProviderCredentialsFuzzTest {
  private static Http http;

  @BeforeContainer
  static void start() {
    App app = TestServers.shared();
    TestServers.Tenant tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  @Property(tries = 100)
  void arbitraryBytesAreAClientErrorAndChangeNothing(@ForAll byte[] body) {
    JsonNode before = http.get("/v1/providers/runway").json();
    Http.Response response =
        http.post("/v1/providers/runway/credentials", "application/json", java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    if (response.status() == 200) {
      // Only a JSON object of string fields with an api_key can be accepted.
      assertThat(response.json().path("credential_fields").toString()).contains("api_key");
      http.delete("/v1/providers/runway/credentials");
      return;
    }
    assertThat(response.status()).as(response.text()).isBetween(400, 499);
    assertThat(response.json().path("code").asText()).isNotBlank();
    assertThat(http.get("/v1/providers/runway").json()).isEqualTo(before);
  }

  @Property(tries = 120)
  void mutatedCredentialWritesAreStoredWithoutTheirValuesOrRefusedByField(
      @ForAll("providers") String provider, @ForAll("bodies") String body) {
    Http.Response response = http.postJson("/v1/providers/" + provider + "/credentials", body);
    if (response.status() == 200) {
      assertThat(response.json().path("configured").asBoolean()).isTrue();
      assertThat(response.text()).doesNotContain("secret-value-");
      assertThat(http.delete("/v1/providers/" + provider + "/credentials").status()).isEqualTo(200);
    } else {
      assertThat(response.status()).as(body + " -> " + response.text()).isBetween(400, 404);
      assertThat(response.json().path("code").asText()).isNotBlank();
      assertThat(http.get("/v1/providers").text()).doesNotContain("secret-value-");
    }
  }

  @net.jqwik.api.Example
  void aBaseUrlIntoThePrivateNetworkIsRefusedUnlessTheOperatorAllowsIt() {
    for (String url : new String[] {"http://127.0.0.1:8080", "http://10.0.0.7/v1", "http://169.254.169.254/latest", "http://[::1]:9000"}) {
      Http.Response response = http.postJson("/v1/providers/openai/credentials", "{\"api_key\":\"k\",\"base_url\":\"" + url + "\"}");
      assertThat(response.status()).as(url).isEqualTo(400);
      assertThat(response.json().path("code").asText()).isEqualTo("private_base_url");
      assertThat(response.json().path("detail").asText()).contains("AIVID_ALLOW_PRIVATE_PROVIDER_URLS");
    }
    assertThat(http.get("/v1/providers/openai").json().path("configured").asBoolean()).isFalse();
  }

  @Provide
  Arbitrary<String> providers() {
    return Arbitraries.of("kling", "seedance", "veo", "runway", "openai", "local", "nope");
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> field =
        Arbitraries.of("api_key", "access_key", "secret_key", "base_url", "region", "project", "location", "access_token", "password", "");
    Arbitrary<String> value =
        Arbitraries.oneOf(
            Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(12).map(text -> "\"secret-value-" + text + "\""),
            Arbitraries.of("\"\"", "\"http://127.0.0.1:1\"", "\"ftp://x\"", "7", "null", "[]", "{}"));
    Arbitrary<String> entry = Combinators.combine(field, value).as((name, text) -> "\"" + name + "\":" + text);
    return entry.list().ofMaxSize(4).map(entries -> "{" + String.join(",", entries) + "}");
  }
}
