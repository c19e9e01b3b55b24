package dev.aivid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JobLimitsTest {

  @Test
  void limitsComeFromTheirKeysAndAreNotMistakenForProviderCredentials() {
    AppConfig config =
        AppConfig.fromEnvironment(
            Map.of(
                "AIVID_MAX_CONCURRENT_PER_ORG", "4",
                "AIVID_PROVIDER_KLING_MAX_CONCURRENT", "5",
                "AIVID_PROVIDER_VEO_REQUESTS_PER_SECOND", "0.8",
                "AIVID_PROVIDER_MAX_CONCURRENT_DEFAULT", "6",
                "AIVID_PROVIDER_KLING_API_KEY", "key-123"));

    JobLimits limits = config.jobLimits();
    assertThat(limits.maxConcurrentPerOrganization()).isEqualTo(4);
    assertThat(limits.maxConcurrent("kling")).isEqualTo(5);
    assertThat(limits.maxConcurrent("seedance")).isEqualTo(6);
    assertThat(limits.requestsPerSecond()).containsEntry("veo", 0.8);
    assertThat(config.providers().credentials().get("kling")).containsOnlyKeys("api_key");
    assertThat(config.providers().credentials()).doesNotContainKeys("veo", "max");
  }

  @Test
  void theDefaultsAreSixteenPerOrganisationAndEightPerProviderWithTheLocalEngineUnlimited() {
    JobLimits limits = AppConfig.fromEnvironment(Map.of()).jobLimits();
    assertThat(limits.maxConcurrentPerOrganization()).isEqualTo(16);
    assertThat(limits.maxConcurrent("kling")).isEqualTo(8);
    assertThat(limits.maxConcurrent("local")).isEqualTo(Integer.MAX_VALUE);
    assertThat(limits.requestsPerSecond()).isEmpty();
  }

  @Test
  void aLimitBelowOneOrNotANumberIsRejectedByName() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_MAX_CONCURRENT_PER_ORG", "0")))
        .hasMessageContaining("AIVID_MAX_CONCURRENT_PER_ORG");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_PROVIDER_KLING_MAX_CONCURRENT", "many")))
        .hasMessageContaining("AIVID_PROVIDER_KLING_MAX_CONCURRENT");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_PROVIDER_KLING_REQUESTS_PER_SECOND", "-1")))
        .hasMessageContaining("AIVID_PROVIDER_KLING_REQUESTS_PER_SECOND");
  }

  @Test
  void videoRetentionIsOffByDefaultAndReadInDaysWithABadValueRejectedByName() {
    assertThat(AppConfig.fromEnvironment(Map.of()).jobLimits().videoRetentionDays()).isZero();
    assertThat(AppConfig.fromEnvironment(Map.of("AIVID_VIDEO_RETENTION_DAYS", "30")).jobLimits().videoRetentionDays())
        .isEqualTo(30);
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_VIDEO_RETENTION_DAYS", "-1")))
        .hasMessageContaining("AIVID_VIDEO_RETENTION_DAYS");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_VIDEO_RETENTION_DAYS", "a month")))
        .hasMessageContaining("AIVID_VIDEO_RETENTION_DAYS");
  }
}
