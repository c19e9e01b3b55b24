package dev.aivid.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.config.StorageConfig;
import dev.aivid.support.S3ProxyServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The contract against s3proxy, with the smallest part size S3 allows so large objects go multipart. */
class S3BlobStoreTest extends BlobBackendContract {
  private StorageConfig.S3 settings;

  @Override
  BlobBackend newBackend() {
    settings = S3ProxyServer.shared().newBucket();
    return S3BlobStore.connect(settings, 5 * 1024 * 1024);
  }

  @Test
  void anObjectLargerThanOnePartIsUploadedInParts() {
    put("f0/large", bytes(LARGE_BYTES, 8));

    try (S3Client client = S3ProxyServer.shared().client()) {
      String eTag = client.headObject(request -> request.bucket(settings.bucket()).key("f0/large")).eTag();
      // A multipart upload's ETag ends with its number of parts.
      assertThat(eTag.replace("\"", "")).endsWith("-3");
    }
  }

  @Test
  void aMissingBucketIsReportedByItsSettingAtStartup() {
    var missing =
        new StorageConfig.S3(
            settings.endpoint(), settings.region(), "no-such-bucket", settings.accessKeyId(), settings.secretAccessKey(), true);

    try (S3BlobStore store = S3BlobStore.connect(missing)) {
      assertThatThrownBy(store::checkBucket)
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("AIVID_S3_BUCKET")
          .hasMessageNotContaining(settings.secretAccessKey());
    }
  }
}
