package dev.aivid.providers.kling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.http.CircuitBreaker;
import dev.aivid.providers.http.HttpSettings;
import dev.aivid.providers.http.ProviderHttp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Credential shapes and hosts (providers.md §2.1 and the brief's optional fields). */
class KlingProviderFactoryTest {
  private static final InstantSource CLOCK =
      InstantSource.fixed(Instant.parse("2026-03-01T10:00:00Z"));
  private final KlingProviderFactory factory =
      new KlingProviderFactory(
          new ProviderHttp(
              "kling",
              HttpSettings.defaults(),
              CircuitBreaker.defaults(CLOCK),
              new RecordingSleeper(),
              new SplittableRandom(1),
              CLOCK),
          new ObjectMapper(),
          CLOCK);

  // §2.1 [DOC authentication.md]: an API key, or an access key with a secret key.
  @Test
  void theFactoryNamesKlingsTwoCredentialShapesAndItsOptionalFields() {
    assertThat(factory.name()).isEqualTo("kling");
    assertThat(factory.credentialShapes())
        .containsExactly(List.of("api_key"), List.of("access_key", "secret_key"));
    assertThat(factory.optionalFields()).containsExactly("base_url", "region");
  }

  // §2.1: the API key speaks the path-model API, the key pair the legacy API; both → key pair.
  @Test
  void theCredentialShapeChoosesTheApi() {
    assertThat(create(Map.of("api_key", "k")).api()).isEqualTo(KlingApi.PATH_MODEL);
    assertThat(create(Map.of("access_key", "a", "secret_key", "s")).api())
        .isEqualTo(KlingApi.LEGACY);
    assertThat(create(Map.of("api_key", "k", "access_key", "a", "secret_key", "s")).api())
        .isEqualTo(KlingApi.LEGACY);
  }

  // §2.1: Singapore is the global host, Beijing the Chinese one; base_url wins over region.
  @Test
  void theRegionPicksTheHostUnlessABaseUrlIsGiven() {
    assertThat(create(Map.of("api_key", "k")).baseUrl())
        .isEqualTo("https://api-singapore.klingai.com");
    assertThat(create(Map.of("api_key", "k", "region", "beijing")).baseUrl())
        .isEqualTo("https://api-beijing.klingai.com");
    assertThat(
            create(Map.of("api_key", "k", "region", "beijing", "base_url", "http://127.0.0.1:9/"))
                .baseUrl())
        .isEqualTo("http://127.0.0.1:9");
  }

  @Test
  void anIncompleteCredentialIsRefusedWithoutPrintingItsValues() {
    assertThatThrownBy(() -> create(Map.of("access_key", "visible-access-key")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("access_key")
        .hasMessageNotContaining("visible-access-key");
    assertThatThrownBy(() -> create(Map.of("api_key", "k", "region", "mars")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> create(Map.of("api_key", "k", "base_url", "ftp://example")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anAuthorizationNeverPrintsItsSecrets() {
    assertThat(KlingAuthorization.accessKey("ak-value", "sk-value", CLOCK).toString())
        .doesNotContain("ak-value")
        .doesNotContain("sk-value");
    assertThat(KlingAuthorization.apiKey("api-value").toString()).doesNotContain("api-value");
  }

  private KlingProvider create(Map<String, String> fields) {
    return (KlingProvider) factory.create(new ProviderCredential("kling", fields));
  }
}
