package dev.aivid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigTest {
  private static final Map<String, String> S3 =
      Map.of(
          "AIVID_STORAGE", "s3",
          "AIVID_S3_ENDPOINT", "http://minio:9000",
          "AIVID_S3_REGION", "us-east-1",
          "AIVID_S3_BUCKET", "aivid",
          "AIVID_S3_ACCESS_KEY_ID", "aivid-access",
          "AIVID_S3_SECRET_ACCESS_KEY", "very-secret-value",
          "AIVID_S3_PATH_STYLE", "true");

  @Test
  void blobsStayOnLocalDiskUnlessS3IsChosen() {
    assertThat(AppConfig.fromEnvironment(Map.of()).storage()).isInstanceOf(StorageConfig.Local.class);
    assertThat(AppConfig.fromEnvironment(Map.of("AIVID_STORAGE", "local")).storage())
        .isInstanceOf(StorageConfig.Local.class);
  }

  @Test
  void s3SettingsAreReadFromTheEnvironment() {
    StorageConfig storage = AppConfig.fromEnvironment(S3).storage();

    assertThat(storage)
        .isEqualTo(
            new StorageConfig.S3(
                URI.create("http://minio:9000"), "us-east-1", "aivid", "aivid-access", "very-secret-value", true));
    assertThat(AppConfig.KNOWN_KEYS).containsAll(StorageConfig.KEYS);
  }

  @Test
  void eachMissingS3SettingIsNamedInTheError() {
    for (String key :
        new String[] {"AIVID_S3_REGION", "AIVID_S3_BUCKET", "AIVID_S3_ACCESS_KEY_ID", "AIVID_S3_SECRET_ACCESS_KEY"}) {
      Map<String, String> environment = new HashMap<>(S3);
      environment.remove(key);
      assertThatThrownBy(() -> AppConfig.fromEnvironment(environment))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(key);
    }
  }

  @Test
  void invalidValuesAreRefusedWithTheirKey() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AIVID_STORAGE", "nfs")))
        .hasMessageContaining("AIVID_STORAGE");
    Map<String, String> endpoint = new HashMap<>(S3);
    endpoint.put("AIVID_S3_ENDPOINT", "minio:9000");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(endpoint)).hasMessageContaining("AIVID_S3_ENDPOINT");
    Map<String, String> pathStyle = new HashMap<>(S3);
    pathStyle.put("AIVID_S3_PATH_STYLE", "yes");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(pathStyle)).hasMessageContaining("AIVID_S3_PATH_STYLE");
  }

  @Test
  void theSecretAccessKeyNeverAppearsInTheConfigurationText() {
    AppConfig config = AppConfig.fromEnvironment(S3);

    assertThat(config.toString()).contains("bucket=aivid").doesNotContain("very-secret-value");
    assertThat(config.withProviders(ProviderConfig.defaults()).storage()).isEqualTo(config.storage());
  }
}
