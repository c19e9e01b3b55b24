package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.jobs.internal.EncodedAssets;
import dev.aivid.storage.Blob;
import dev.aivid.storage.BlobStore;
import dev.aivid.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failover must not read and encode the stack again: one encoding per content hash. */
class EncodedAssetsTest {

  @Test
  void eachContentIsReadAndEncodedOnceWhateverTheNumberOfAttempts(@TempDir Path root) {
    BlobStore blobs = new BlobStore(root, TestServers.shared().database().jdbi());
    Blob courier = blobs.put("courier".getBytes(StandardCharsets.UTF_8), "image/png");
    Blob street = blobs.put("street".getBytes(StandardCharsets.UTF_8), "image/png");
    EncodedAssets encoded = new EncodedAssets(blobs, 1_000_000);

    String first = encoded.base64(courier.sha256());
    encoded.base64(street.sha256());
    // The failover to a second provider asks again for both.
    String again = encoded.base64(courier.sha256());
    encoded.base64(street.sha256());

    assertThat(first).isSameAs(again).isEqualTo(Base64.getEncoder().encodeToString("courier".getBytes(StandardCharsets.UTF_8)));
    assertThat(encoded.encodings()).isEqualTo(2);
  }

  @Test
  void theCacheIsBoundedAndForgetsTheLeastRecentlyUsedFirst(@TempDir Path root) {
    BlobStore blobs = new BlobStore(root, TestServers.shared().database().jdbi());
    Blob a = blobs.put(new byte[30], "application/octet-stream");
    Blob b = blobs.put(new byte[31], "application/octet-stream");
    EncodedAssets encoded = new EncodedAssets(blobs, 60);

    encoded.base64(a.sha256());
    encoded.base64(b.sha256());
    encoded.base64(a.sha256());

    // 40 + 44 base64 characters do not fit in 60: a was evicted when b came, so it is encoded again.
    assertThat(encoded.encodings()).isEqualTo(3);
  }
}
