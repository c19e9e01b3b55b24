package dev.aivid.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.videos.Video;
import com.openai.models.videos.VideoCreateCharacterParams;
import com.openai.models.videos.VideoCreateCharacterResponse;
import com.openai.models.videos.VideoCreateParams;
import com.openai.models.videos.VideoEditParams;
import com.openai.models.videos.VideoExtendParams;
import com.openai.models.videos.VideoGetCharacterResponse;
import com.openai.models.videos.VideoSeconds;
import com.openai.models.videos.VideoSize;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official OpenAI Java SDK's video extensions, edits and characters, pointed at AIVid. */
class OpenAiJavaSdkDerivativesTest {
  private OpenAIClient client;
  private Http http;

  @BeforeEach
  void setUp() {
    TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
    client = OpenAIOkHttpClient.builder().baseUrl(tenant.baseUrl() + "/v1").apiKey(tenant.apiKey()).maxRetries(0).build();
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  private Video awaitCompleted(String id) {
    Video done =
        Await.until(
            () -> client.videos().retrieve(id),
            video -> video.status().equals(Video.Status.COMPLETED) || video.status().equals(Video.Status.FAILED),
            Duration.ofSeconds(120));
    assertThat(done.status()).as(done.toString()).isEqualTo(Video.Status.COMPLETED);
    return done;
  }

  private static Path download(HttpResponse response) throws IOException {
    Path file = Files.createTempFile("aivid-sdk-derivative-", ".mp4");
    try (response;
        InputStream body = response.body()) {
      Files.copy(body, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  private Video source() {
    Video created =
        client
            .videos()
            .create(
                VideoCreateParams.builder()
                    .prompt("A paper boat drifts down a gutter stream")
                    .model("local/previz")
                    .seconds(VideoSeconds.of("2"))
                    .size(VideoSize.of("320x180"))
                    .build());
    return awaitCompleted(created.id());
  }

  @Test
  void theJavaSdkExtendsACompletedVideoIntoANewVideoThatIsTheSourceFollowedByTheAddedSeconds() throws IOException {
    Video source = source();

    Video extended =
        client
            .videos()
            .extend(
                VideoExtendParams.builder()
                    .prompt("The boat tips over the drain's edge")
                    .seconds(VideoSeconds.of("2"))
                    .video(VideoExtendParams.Video.VideoReferenceInputParam.builder().id(source.id()).build())
                    .build());

    assertThat(extended.id()).isNotEqualTo(source.id());
    Video done = awaitCompleted(extended.id());
    assertThat(done.seconds().asString()).isEqualTo("4");
    VideoInfo info = VideoProbe.probe(download(client.videos().downloadContent(extended.id())));
    assertThat(info.durationSeconds()).isCloseTo(4.0, within(1.0 / info.framesPerSecond() + 1e-6));
    JsonNode chain = http.get("/v1/videos/" + extended.id() + "/routing").json().path("chain").path("segments");
    assertThat(chain.get(0).path("method").asText()).isEqualTo("first");
    assertThat(chain.get(1).path("method").asText()).isEqualTo("last_frame");
  }

  @Test
  void theJavaSdkEditsAVideoByIdAndTheDroppedReferenceVideoIsReported() throws IOException {
    Video source = source();

    Video edited =
        client
            .videos()
            .edit(
                VideoEditParams.builder()
                    .prompt("Same shot, at dusk")
                    .video(VideoEditParams.Video.VideoReferenceInputParam.builder().id(source.id()).build())
                    .build());

    Video done = awaitCompleted(edited.id());
    assertThat(done.size().asString()).isEqualTo("320x180");
    assertThat(done.seconds().asString()).isEqualTo("2");
    JsonNode routing = http.get("/v1/videos/" + edited.id() + "/routing").json();
    // No provider with reference-video input is configured here: the local engine re-renders it.
    assertThat(routing.path("model").asText()).isEqualTo("local/previz");
    assertThat(routing.path("controls").toString()).contains("@Video1", "dropped");
    assertThat(routing.path("notes").toString()).contains("re-renders it from its first frame");
  }

  @Test
  void theJavaSdkCreatesAndReadsACharacterThatLaterCreatesName() throws IOException {
    Path clip = download(client.videos().downloadContent(source().id()));

    VideoCreateCharacterResponse character =
        client.videos().createCharacter(VideoCreateCharacterParams.builder().name("Mara").video(clip).build());

    assertThat(character.id()).hasValueSatisfying(id -> assertThat(id).startsWith("char_"));
    assertThat(character.name()).contains("Mara");
    VideoGetCharacterResponse read = client.videos().getCharacter(character.id().orElseThrow());
    assertThat(read.name()).contains("Mara");
    assertThat(read.createdAt()).isEqualTo(character.createdAt());

    Http.Response created =
        http.postJson(
            "/v1/videos",
            "{\"model\":\"local/previz\",\"prompt\":\"Mara waves\",\"seconds\":\"1\",\"size\":\"320x180\",\"character_ids\":[\""
                + character.id().orElseThrow()
                + "\"]}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    awaitCompleted(created.json().path("id").asText());
    JsonNode routing = http.get("/v1/videos/" + created.json().path("id").asText() + "/routing").json();
    assertThat(routing.path("controls").toString()).contains("@Character1");

    assertThatThrownBy(() -> client.videos().getCharacter("char_missing")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void theJavaSdkGetsA400NamingTheFieldForAnExtensionOfAnUnknownVideo() {
    assertThatThrownBy(
            () ->
                client
                    .videos()
                    .extend(
                        VideoExtendParams.builder()
                            .prompt("more")
                            .seconds(VideoSeconds.of("4"))
                            .video(VideoExtendParams.Video.VideoReferenceInputParam.builder().id("video_missing").build())
                            .build()))
        .isInstanceOfSatisfying(
            BadRequestException.class,
            error -> {
              assertThat(error.code()).contains("video_not_found");
              assertThat(error.param()).contains("video.id");
            });
  }
}
