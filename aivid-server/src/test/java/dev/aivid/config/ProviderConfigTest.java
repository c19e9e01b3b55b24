package dev.aivid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {

  @Test
  void providerCredentialsComeFromPrefixedVariablesAndArePrintedByFieldNameOnly() {
    AppConfig config =
        AppConfig.fromEnvironment(
            Map.of(
                "AIVID_PROVIDER_KLING_ACCESS_KEY", "ak-123",
                "AIVID_PROVIDER_KLING_SECRET_KEY", "sk-456",
                "AIVID_PROVIDER_SEEDANCE_API_KEY", "ark-789",
                "AIVID_RETIRED_MODEL_POLICY", "reject",
                "AIVID_CATALOG_FILE", "/etc/aivid/catalog.json"));

    ProviderConfig providers = config.providers();
    assertThat(providers.credentials().get("kling")).containsEntry("access_key", "ak-123").containsEntry("secret_key", "sk-456");
    assertThat(providers.credentials().get("seedance")).containsEntry("api_key", "ark-789");
    assertThat(providers.retiredModelPolicy()).isEqualTo(RetiredModelPolicy.REJECT);
    assertThat(providers.catalogFile()).isEqualTo(Path.of("/etc/aivid/catalog.json"));
    assertThat(providers.toString()).contains("access_key", "kling").doesNotContain("ak-123", "sk-456", "ark-789");
    assertThat(config.toString()).doesNotContain("ak-123", "sk-456", "ark-789");
  }

  @Test
  void theWholeConfigurationPrintsNoSecret() {
    AppConfig config =
        AppConfig.fromEnvironment(
            Map.of("AIVID_BOOTSTRAP_API_KEY", "aivid_bootstrap_secret_0123456789", "AIVID_SECRET_KEY", "c2VjcmV0LWtleS1ieXRlcy0zMi1ieXRlcy1sb25nISE="));
    assertThat(config.toString()).doesNotContain("aivid_bootstrap_secret_0123456789", "c2VjcmV0");
  }

  @Test
  void theDefaultsRerouteRetiredModelsAndHaveNoCredentials() {
    ProviderConfig providers = AppConfig.fromEnvironment(Map.of()).providers();
    assertThat(providers.credentials()).isEmpty();
    assertThat(providers.retiredModelPolicy()).isEqualTo(RetiredModelPolicy.REROUTE);
    assertThat(providers.secretKeyBase64()).isNull();
  }

  @Test
  void aMalformedProviderVariableOrPolicyIsRejectedByName() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_PROVIDER_KLING", "x")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).contains("AIVID_PROVIDER_KLING"));
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_RETIRED_MODEL_POLICY", "ignore")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).contains("reroute or reject"));
  }
}
