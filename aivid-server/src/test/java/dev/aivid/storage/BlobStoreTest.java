package dev.aivid.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.App;
import dev.aivid.support.S3ProxyServer;
import dev.aivid.support.TestServers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jspecify.annotations.Nullable;

/** The content-addressed store over a remote backend: files for FFmpeg, ranged reads, releasing bytes. */
class BlobStoreTest {
  private final App app = TestServers.shared();
  @TempDir Path directory;

  private BlobStore s3Store() {
    return new BlobStore(S3BlobStore.connect(S3ProxyServer.shared().newBucket()), directory, app.database().jdbi());
  }

  @Test
  void aBlobInTheBucketIsReadAsALocalFileDownloadedOnce() throws Exception {
    BlobStore blobs = s3Store();
    byte[] bytes = bytes(300_000);
    Blob blob = blobs.put(bytes, "video/mp4");

    Path file = blobs.path(blob.sha256());

    assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    assertThat(file).startsWith(directory);
    assertThat(blobs.path(blob.sha256())).isEqualTo(file);
    assertThat(blobs.read(blob.sha256())).isEqualTo(bytes);
  }

  @Test
  void aStreamSkippedBeforeItsFirstReadStartsThereOnEitherBackend() throws Exception {
    byte[] bytes = bytes(200_000);
    for (BlobStore blobs : new BlobStore[] {new BlobStore(directory.resolve("local"), app.database().jdbi()), s3Store()}) {
      Blob blob = blobs.put(bytes, "video/mp4");
      try (InputStream input = blobs.open(blob)) {
        assertThat(input.skip(150_000)).isEqualTo(150_000);
        assertThat(input.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 150_000, 200_000));
      }
    }
  }

  @Test
  void releasingDeletesTheBytesOnlyWhenNoLiveRowNeedsThem() {
    BlobStore blobs = s3Store();
    Blob kept = blobs.put(bytes(1_000), "image/png");
    Blob dropped = blobs.put(bytes(2_000), "image/png");
    String organizationId = TestServers.newTenant(app).organization().id();
    insertAsset(organizationId, kept, null);
    insertAsset(organizationId, dropped, Instant.now());

    assertThat(blobs.release(kept.sha256())).isFalse();
    assertThat(blobs.release(dropped.sha256())).isTrue();

    assertThat(blobs.backend().exists(BlobStore.key(kept.sha256()))).isTrue();
    assertThat(blobs.backend().exists(BlobStore.key(dropped.sha256()))).isFalse();
  }

  private void insertAsset(String organizationId, Blob blob, @Nullable Instant deletedAt) {
    app.database()
        .jdbi()
        .useHandle(
            handle ->
                handle
                    .createUpdate(
                        "insert into assets (id, organization_id, sha256, content_type, media_type,"
                            + " size_bytes, metadata, created_at, deleted_at) values (:id, :org, :sha,"
                            + " 'image', 'image/png', :size, '{}'::jsonb, now(), :deleted)")
                    .bind("id", "asset_" + UUID.randomUUID())
                    .bind("org", organizationId)
                    .bind("sha", blob.sha256())
                    .bind("size", blob.sizeBytes())
                    .bind("deleted", deletedAt == null ? null : Timestamp.from(deletedAt))
                    .execute());
  }

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    new Random(UUID.randomUUID().hashCode()).nextBytes(bytes);
    return bytes;
  }
}
