package dev.aivid.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.config.StorageConfig;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.S3ProxyServer;
import dev.aivid.support.TestServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** A server with {@code AIVID_STORAGE=s3} against s3proxy: renders land in the bucket, not on disk. */
class S3StorageEndToEndTest {

  @Test
  void aVideoRenderedWithS3StorageIsServedFromTheBucketWithRangesAndDeletedFromIt() {
    S3ProxyServer s3 = S3ProxyServer.shared();
    StorageConfig.S3 bucket = s3.newBucket();
    Path dataDirectory = TestServers.temporaryDirectory("aivid-s3-");
    try (App app = App.start(TestServers.config(dataDirectory).withStorage(bucket));
        S3Client client = s3.client()) {
      Http http = new Http("http://localhost:" + app.port(), TestServers.BOOTSTRAP_KEY);
      String id =
          http.postJson("/v1/videos", "{\"prompt\":\"a lighthouse in fog\",\"seconds\":\"1\",\"size\":\"64x64\"}")
              .json()
              .path("id")
              .asText();
      JsonNode video =
          Await.until(
              () -> http.get("/v1/videos/" + id).json(),
              node -> !List.of("queued", "in_progress").contains(node.path("status").asText()),
              Duration.ofSeconds(120));
      assertThat(video.path("status").asText()).isEqualTo("completed");

      Http.Response content = http.get("/v1/videos/" + id + "/content");
      assertThat(content.status()).isEqualTo(200);
      assertThat(content.header("Content-Type")).isEqualTo("video/mp4");
      assertThat(new String(Arrays.copyOfRange(content.body(), 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ftyp");
      Http.Response range =
          http.send(http.request("/v1/videos/" + id + "/content").header("Range", "bytes=4-7").GET());
      // Javalin sends at least one chunk (or the rest of a small file) from the requested start.
      assertThat(range.status()).isEqualTo(206);
      assertThat(range.body()).isEqualTo(Arrays.copyOfRange(content.body(), 4, content.body().length));

      List<String> keys = objectKeys(app, id);
      assertThat(keys).hasSize(3);
      for (String key : keys) {
        assertThat(client.headObject(request -> request.bucket(bucket.bucket()).key(key)).contentLength())
            .as(key)
            .isPositive();
        assertThat(dataDirectory.resolve("blobs").resolve(key)).as("not on local disk").doesNotExist();
      }
      assertThat(client.headObject(request -> request.bucket(bucket.bucket()).key(keys.getFirst())).contentLength())
          .isEqualTo(content.body().length);

      assertThat(http.delete("/v1/videos/" + id).status()).isEqualTo(200);

      for (String key : keys) {
        assertThatThrownBy(() -> client.headObject(request -> request.bucket(bucket.bucket()).key(key)))
            .as(key)
            .isInstanceOf(NoSuchKeyException.class);
      }
    }
  }

  /** The video, thumbnail and spritesheet keys of a video, in that order. */
  private static List<String> objectKeys(App app, String id) {
    return app.database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery(
                        "select video_sha256, thumbnail_sha256, spritesheet_sha256 from videos where id = :id")
                    .bind("id", id)
                    .map(
                        (rs, context) ->
                            List.of(
                                BlobStore.key(rs.getString(1)),
                                BlobStore.key(rs.getString(2)),
                                BlobStore.key(rs.getString(3))))
                    .one());
  }
}
