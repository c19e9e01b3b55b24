package dev.aivid.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.videos.Video;
import com.openai.models.videos.VideoCreateParams;
import com.openai.models.videos.VideoDeleteResponse;
import com.openai.models.videos.VideoDownloadContentParams;
import com.openai.models.videos.VideoListParams;
import com.openai.models.videos.VideoSeconds;
import com.openai.models.videos.VideoSize;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.support.Await;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK, unmodified, pointed at AIVid. */
class OpenAiJavaSdkTest {
  private OpenAIClient client;

  @BeforeEach
  void setUp() {
    TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(tenant.baseUrl() + "/v1")
            .apiKey(tenant.apiKey())
            .maxRetries(0)
            .build();
  }

  private Video awaitCompleted(String id) {
    return Await.until(
        () -> client.videos().retrieve(id),
        video ->
            video.status().equals(Video.Status.COMPLETED)
                || video.status().equals(Video.Status.FAILED),
        Duration.ofSeconds(90));
  }

  private static Path download(HttpResponse response, String name) throws IOException {
    Path file = Files.createTempFile(name, ".mp4");
    try (response;
        InputStream body = response.body()) {
      Files.copy(body, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  @Test
  void theJavaSdkCreatesPollsDownloadsListsAndDeletesAVideo() throws IOException {
    Video created =
        client
            .videos()
            .create(
                VideoCreateParams.builder()
                    .prompt("A lighthouse beam sweeps the fog, Java SDK")
                    .model("local/previz")
                    .seconds(VideoSeconds.of("2"))
                    .size(VideoSize.of("320x180"))
                    .build());
    assertThat(created.id()).startsWith("video_");
    assertThat(created.status()).isEqualTo(Video.Status.QUEUED);

    Video done = awaitCompleted(created.id());
    assertThat(done.status()).isEqualTo(Video.Status.COMPLETED);
    assertThat(done.progress()).isEqualTo(100);

    Path file = download(client.videos().downloadContent(created.id()), "java-sdk-");
    VideoInfo info = VideoProbe.probe(file);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(320);
    assertThat(info.height()).isEqualTo(180);
    assertThat(info.durationSeconds()).isBetween(1.9, 2.1);

    try (HttpResponse thumbnail =
        client
            .videos()
            .downloadContent(
                created.id(),
                VideoDownloadContentParams.builder()
                    .variant(VideoDownloadContentParams.Variant.THUMBNAIL)
                    .build())) {
      assertThat(thumbnail.body().readNBytes(3))
          .containsExactly((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
    }

    List<String> listed = new ArrayList<>();
    client
        .videos()
        .list(VideoListParams.builder().limit(1).build())
        .autoPager()
        .forEach(video -> listed.add(video.id()));
    assertThat(listed).contains(created.id());

    VideoDeleteResponse deleted = client.videos().delete(created.id());
    assertThat(deleted.deleted()).isTrue();
    assertThat(deleted.id()).isEqualTo(created.id());
    assertThatThrownBy(() -> client.videos().retrieve(created.id()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void theJavaSdkUploadsAnInputReferenceAsMultipart() throws IOException {
    Video created =
        client
            .videos()
            .create(
                VideoCreateParams.builder()
                    .prompt("The first frame is the uploaded picture")
                    .model("previz")
                    .seconds(VideoSeconds.of("1"))
                    .size(VideoSize.of("160x90"))
                    .inputReference(TestImages.png(160, 90, Color.ORANGE))
                    .build());
    Video done = awaitCompleted(created.id());
    assertThat(done.status()).isEqualTo(Video.Status.COMPLETED);
    VideoInfo info = VideoProbe.probe(download(client.videos().downloadContent(created.id()), "java-image-"));
    assertThat(info.width()).isEqualTo(160);
    assertThat(info.height()).isEqualTo(90);
  }

  @Test
  void theJavaSdkKeepsWorkingForARetiredModelWhichIsReroutedToItsSuccessor() {
    Video video =
        client
            .videos()
            .create(
                VideoCreateParams.builder()
                    .prompt("x")
                    .model("sora-2")
                    .seconds(VideoSeconds._4)
                    .size(VideoSize._1280X720)
                    .build());
    // No provider keys here: auto routing serves sora-2 with the local engine.
    assertThat(video.model().asString()).isEqualTo("local/previz");
    assertThat(video.seconds().asString()).isEqualTo("4");
  }
}
