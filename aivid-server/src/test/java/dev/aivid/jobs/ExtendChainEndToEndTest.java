package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.config.ProviderConfig;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.providers.kling.FakeKlingServer;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Videos longer than their model renders at once, rendered as extend chains over real HTTP: Kling
 * natively (against the fake Kling server) and the local engine from each segment's last frame (its
 * maximum cut to 2 s by a catalog override).
 */
class ExtendChainEndToEndTest {
  private static FakeKlingServer kling;
  private static App app;
  private static Path directory;

  @BeforeAll
  static void start() {
    kling = FakeKlingServer.start();
    directory = TestServers.temporaryDirectory("aivid-chains-");
    ProviderConfig providers =
        ChainTestSupport.withCatalog(
            ProviderConfig.defaults().withCredential("kling", kling.credential().fields()).withPrivateBaseUrls(true),
            ChainTestSupport.shortLocalCatalog(directory));
    app = App.start(TestServers.config(directory).withProviders(providers));
  }

  @AfterAll
  static void stop() {
    app.close();
    kling.close();
  }

  private static Http tenant() {
    TestServers.Tenant tenant = TestServers.newTenant(app);
    return new Http(tenant.baseUrl(), tenant.apiKey());
  }

  static JsonNode awaitCompleted(Http http, String id) {
    JsonNode done =
        Await.until(
            () -> http.get("/v1/videos/" + id).json(),
            video -> video.path("status").asText().equals("completed") || video.path("status").asText().equals("failed"),
            Duration.ofSeconds(180));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    return done;
  }

  static long posts(Http http) {
    long posts = 0;
    for (JsonNode transfer : http.get("/v1/credits/ledger").json().path("data")) {
      if (transfer.path("kind").asText().equals("post")) {
        posts++;
      }
    }
    return posts;
  }

  static Path content(Http http, String id, String name) throws Exception {
    Http.Response content = http.get("/v1/videos/" + id + "/content");
    assertThat(content.status()).isEqualTo(200);
    Path file = directory.resolve(name + ".mp4");
    Files.write(file, content.body());
    return file;
  }

  @Test
  void aLocalShotLongerThanTheEngineRendersIsMadeFromEachSegmentsLastFrameAndJoinedToTheOrderedLength() throws Exception {
    Http http = tenant();
    Http.Response created =
        http.postJson(
            "/v1/videos",
            "{\"model\":\"local/previz\",\"prompt\":\"a lighthouse beam sweeps the fog\",\"seconds\":\"5\",\"size\":\"320x180\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String id = created.json().path("id").asText();
    String held = created.raw().headers().firstValue("x-aivid-credits-held").orElseThrow();

    awaitCompleted(http, id);

    JsonNode routing = http.get("/v1/videos/" + id + "/routing").json();
    JsonNode segments = routing.path("chain").path("segments");
    List<String> methods = new ArrayList<>();
    List<Integer> seconds = new ArrayList<>();
    segments.forEach(
        segment -> {
          methods.add(segment.path("method").asText());
          seconds.add(segment.path("seconds").asInt());
          assertThat(segment.path("status").asText()).isEqualTo("completed");
        });
    assertThat(methods).containsExactly("first", "last_frame", "last_frame");
    assertThat(seconds).containsExactly(2, 2, 1);
    assertThat(routing.path("notes").toString()).contains("planned as a chain of 3 segments", "Rendered as a chain of 3 segments");

    Path video = content(http, id, "local-chain");
    VideoInfo info = VideoProbe.probe(video);
    double frame = 1.0 / info.framesPerSecond();
    assertThat(info.durationSeconds()).isCloseTo(5.0, within(frame + 1e-6));
    for (double cut : new double[] {2.0, 4.0}) {
      BufferedImage lastOfSegment = ChainTestSupport.frameAt(video, cut - frame);
      BufferedImage firstOfNext = ChainTestSupport.frameAt(video, cut);
      assertThat(ChainTestSupport.meanAbsoluteDifference(lastOfSegment, firstOfNext)).as("cut at %s s", cut).isLessThan(6.0);
    }

    JsonNode credits = http.get("/v1/videos/" + id + "/credits").json();
    assertThat(credits.path("status").asText()).isEqualTo("charged");
    assertThat(posts(http)).isEqualTo(1);
    assertThat(Double.parseDouble(credits.path("charged").asText())).isLessThanOrEqualTo(Double.parseDouble(held));
  }

  @Test
  void aKlingShotPastItsMaximumIsExtendedNativelyInStepsOfTheVideoBeforeNoSegmentLongerThanEightSeconds() throws Exception {
    Http http = tenant();
    int before = kling.createCount();
    Http.Response created =
        http.postJson(
            "/v1/videos",
            "{\"model\":\"kling-v3\",\"prompt\":\"a courier sprints across the rooftops\",\"seconds\":\"18\",\"size\":\"1280x720\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    String id = created.json().path("id").asText();

    awaitCompleted(http, id);

    List<String> paths = kling.createPaths().subList(before, kling.createCount());
    assertThat(paths).containsExactly("/v1/videos/text2video", "/v1/videos/video-extend", "/v1/videos/video-extend");
    List<JsonNode> bodies = kling.createRequests().subList(before, kling.createCount());
    assertThat(bodies.getFirst().path("duration").asText()).isEqualTo("8");
    JsonNode segments = http.get("/v1/videos/" + id + "/routing").json().path("chain").path("segments");
    assertThat(segments).hasSize(3);
    for (int index = 1; index < 3; index++) {
      String previousTask = segments.get(index - 1).path("provider_handle").asText().split(":")[1];
      assertThat(kling.taskOfVideo(bodies.get(index).path("video_id").asText())).isEqualTo(previousTask);
      assertThat(segments.get(index).path("method").asText()).isEqualTo("native_extend");
    }
    segments.forEach(segment -> assertThat(segment.path("seconds").asInt()).isLessThanOrEqualTo(8));

    VideoInfo info = VideoProbe.probe(content(http, id, "kling-chain"));
    assertThat(info.durationSeconds()).isCloseTo(18.0, within(1.0 / info.framesPerSecond() + 1e-6));
    assertThat(http.get("/v1/videos/" + id + "/credits").json().path("status").asText()).isEqualTo("charged");
    assertThat(posts(http)).isEqualTo(1);
  }

  @Test
  void anExtensionOfAKlingVideoIsKlingsNativeExtendOfThatRenderJoinedToTheSourcesLengthPlusTheAddedSeconds() throws Exception {
    Http http = tenant();
    Http.Response created =
        http.postJson(
            "/v1/videos",
            "{\"model\":\"kling-v3\",\"prompt\":\"a lantern floats up\",\"seconds\":\"5\",\"size\":\"1280x720\"}");
    String source = created.json().path("id").asText();
    awaitCompleted(http, source);
    int before = kling.createCount();

    Http.Response extended =
        http.postJson(
            "/v1/videos/extensions",
            "{\"prompt\":\"it drifts over the river\",\"seconds\":\"5\",\"video\":{\"id\":\"" + source + "\"}}");

    assertThat(extended.status()).as(extended.text()).isEqualTo(200);
    assertThat(extended.json().path("seconds").asText()).isEqualTo("10");
    assertThat(extended.json().path("model").asText()).isEqualTo("kling-v3");
    String id = extended.json().path("id").asText();
    awaitCompleted(http, id);
    assertThat(kling.createPaths().subList(before, kling.createCount())).containsExactly("/v1/videos/video-extend");
    JsonNode segments = http.get("/v1/videos/" + id + "/routing").json().path("chain").path("segments");
    String firstHandle = segments.get(0).path("provider_handle").asText();
    assertThat(kling.taskOfVideo(kling.createRequests().getLast().path("video_id").asText())).isEqualTo(firstHandle.split(":")[1]);
    assertThat(segments.get(1).path("method").asText()).isEqualTo("native_extend");
    VideoInfo info = VideoProbe.probe(content(http, id, "kling-extension"));
    assertThat(info.durationSeconds()).isCloseTo(10.0, within(1.0 / info.framesPerSecond() + 1e-6));
    // Held and charged for the added seconds only: 5 s of kling-v3 at 720p.
    assertThat(extended.header("x-aivid-credits-held")).isEqualTo("42");
    assertThat(http.get("/v1/videos/" + id + "/credits").json().path("charged").asText()).isEqualTo("42");
  }

  @Test
  void whenASegmentFailsTheRestOfTheChainFailsOverToTheNextCandidateFromTheLastFrameAndIsChargedOnce() throws Exception {
    Http http = tenant();
    kling.completeAfterPolls(15);
    try {
      Http.Response created =
          http.postJson(
              "/v1/videos",
              "{\"prompt\":\"A courier sprints across the rooftop and leaps the gap\",\"seconds\":\"18\",\"size\":\"1280x720\"}");
      assertThat(created.json().path("model").asText()).as(created.text()).isEqualTo("kling-v3");
      String id = created.json().path("id").asText();
      Await.until(
          () -> http.get("/v1/videos/" + id + "/routing").json().path("chain").path("segments").path(0).path("status").asText(),
          status -> status.equals("in_progress"),
          Duration.ofSeconds(30));
      // The first segment is rendering at Kling; its native extension will fail there.
      kling.failNextTasks("render failed");

      JsonNode done = awaitCompleted(http, id);

      assertThat(done.path("model").asText()).isEqualTo("local/previz");
      JsonNode routing = http.get("/v1/videos/" + id + "/routing").json();
      JsonNode segments = routing.path("chain").path("segments");
      assertThat(segments.get(0).path("model").asText()).isEqualTo("kling-v3");
      assertThat(segments.get(0).path("seconds").asInt()).isEqualTo(8);
      for (int index = 1; index < segments.size(); index++) {
        assertThat(segments.get(index).path("model").asText()).isEqualTo("local/previz");
        assertThat(segments.get(index).path("method").asText()).isEqualTo("last_frame");
      }
      assertThat(routing.path("notes").toString()).contains("Failed over from kling-v3 to local/previz");
      VideoInfo info = VideoProbe.probe(content(http, id, "failed-over-chain"));
      assertThat(info.durationSeconds()).isCloseTo(18.0, within(1.0 / info.framesPerSecond() + 1e-6));
      assertThat(posts(http)).isEqualTo(1);
    } finally {
      kling.failNextTasks(null);
      kling.completeAfterPolls(2);
    }
  }

  @Test
  void aStoryboardShotLongerThanItsModelRendersAsAChainAndTheCutKeepsItsLength() throws Exception {
    Http http = tenant();
    Http.Response created =
        http.postJson(
            "/v1/storyboards",
            "{\"size\":\"320x180\",\"frames_per_second\":24,\"shots\":["
                + "{\"prompt\":\"a harbour at dawn\",\"seconds\":\"1\",\"model\":\"local/previz\"},"
                + "{\"prompt\":\"the ferry crosses the bay\",\"seconds\":\"5\",\"model\":\"local/previz\"}]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asText();

    JsonNode done =
        Await.until(
            () -> http.get("/v1/storyboards/" + id).json(),
            board -> !board.path("status").asText().equals("rendering") && !board.path("status").asText().equals("stitching"),
            Duration.ofSeconds(180));

    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    String longShot = done.path("shots").get(1).path("video_id").asText();
    JsonNode segments = http.get("/v1/videos/" + longShot + "/routing").json().path("chain").path("segments");
    assertThat(segments).hasSize(3);
    Path cut = directory.resolve("board-with-chain.mp4");
    Files.write(cut, http.get(done.path("video_url").asText()).body());
    VideoInfo info = VideoProbe.probe(cut);
    assertThat(info.durationSeconds()).isCloseTo(6.0, within(2.0 / info.framesPerSecond() + 1e-6));
  }
}
