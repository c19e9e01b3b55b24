package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /v1/videos/{id}/events: the video now and after every change, until it is done. */
class VideoEventsStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSubscriberSeesTheVideoProgressToCompletedAndTheStreamEnds() throws IOException, InterruptedException {
    TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
    Http http = new Http(tenant.baseUrl(), tenant.apiKey());
    String id =
        http.postJson("/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"a lantern in the fog\",\"seconds\":\"2\",\"size\":\"320x180\"}")
            .json()
            .path("id")
            .asText();

    List<JsonNode> events = new ArrayList<>();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(tenant.baseUrl() + "/v1/videos/" + id + "/events"))
            .header("Authorization", "Bearer " + tenant.apiKey())
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(90))
            .build();
    HttpResponse<java.util.stream.Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    String event = null;
    Iterator<String> lines = response.body().iterator();
    // The server closes the stream after the terminal event, which ends this loop.
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("event:")) {
        event = line.substring("event:".length()).trim();
      } else if (line.startsWith("data:") && "video".equals(event)) {
        events.add(JSON.readTree(line.substring("data:".length()).trim()));
      }
    }

    assertThat(events).isNotEmpty();
    assertThat(events.getLast().path("status").asText()).isEqualTo("completed");
    assertThat(events.getLast().path("id").asText()).isEqualTo(id);
    List<Integer> progress = events.stream().map(video -> video.path("progress").asInt()).toList();
    assertThat(progress).isSorted();
  }

  @Test
  void anotherOrganisationCannotFollowTheVideo() {
    TestServers.Tenant owner = TestServers.newTenant(TestServers.shared());
    String id =
        new Http(owner.baseUrl(), owner.apiKey())
            .postJson("/v1/videos", "{\"model\":\"local/previz\",\"prompt\":\"x\",\"seconds\":\"1\",\"size\":\"64x64\"}")
            .json()
            .path("id")
            .asText();
    TestServers.Tenant other = TestServers.newTenant(TestServers.shared());
    Http stranger = new Http(other.baseUrl(), other.apiKey());
    assertThat(stranger.send(stranger.request("/v1/videos/" + id + "/events").header("Accept", "text/event-stream").GET()).status())
        .isEqualTo(404);
  }
}
