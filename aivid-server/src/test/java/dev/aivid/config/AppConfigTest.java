package dev.aivid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  @Test
  void defaultsServeOnPort8080FromTheDataDirectoryWithDurableStorage() {
    AppConfig config = AppConfig.fromEnvironment(Map.of());
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.dataDirectory().getFileName().toString()).isEqualTo("data");
    assertThat(config.durableDatabase()).isTrue();
    assertThat(config.databaseUrl()).isNull();
  }

  @Test
  void anUnknownKeyFailsWithTheClosestKnownKeyAsASuggestion() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_PROT", "9000")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            error -> {
              assertThat(error.code()).isEqualTo("unknown_config_key");
              assertThat(error.getMessage()).contains("AIVID_PORT");
            });
  }

  @Test
  void aNonNumericPortIsRejectedByName() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_PORT", "eighty")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AIVID_PORT");
  }

  @Test
  void aShortBootstrapKeyIsRejected() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_BOOTSTRAP_API_KEY", "short")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AIVID_BOOTSTRAP_API_KEY");
  }

  @Test
  void environmentVariablesOfOtherProgramsAreIgnored() {
    assertThat(AppConfig.fromEnvironment(Map.of("PATH", "/bin", "AIVID_PORT", "0")).port()).isZero();
  }
}
