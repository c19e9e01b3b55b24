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

/** GET /v1/storyboards/{id}/events: every shot's progress, the stitch, then the board's completion. */
class StoryboardEventsStreamTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Event(String name, JsonNode data) {}

  @Test
  void aSubscriberSeesEveryShotFinishThenTheStitchThenStoryboardCompletedAndTheStreamEnds() throws IOException, InterruptedException {
    TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
    Http http = new Http(tenant.baseUrl(), tenant.apiKey());
    Http.Response created =
        http.postJson(
            "/v1/storyboards",
            "{\"size\":\"320x180\",\"shots\":["
                + "{\"prompt\":\"a lantern in the fog\",\"seconds\":\"2\",\"model\":\"local/previz\"},"
                + "{\"prompt\":\"a boat leaves the harbour\",\"seconds\":\"2\",\"model\":\"local/previz\",\"transition\":\"crossfade\",\"crossfade_seconds\":0.5}]}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asText();

    HttpRequest request =
        HttpRequest.newBuilder(URI.create(tenant.baseUrl() + "/v1/storyboards/" + id + "/events"))
            .header("Authorization", "Bearer " + tenant.apiKey())
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(120))
            .build();
    HttpResponse<java.util.stream.Stream<String>> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    List<Event> events = new ArrayList<>();
    String name = null;
    Iterator<String> lines = response.body().iterator();
    // The server closes the stream after the terminal event, which ends this loop.
    while (lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("event:")) {
        name = line.substring("event:".length()).trim();
      } else if (line.startsWith("data:") && name != null) {
        events.add(new Event(name, JSON.readTree(line.substring("data:".length()).trim())));
      }
    }

    assertThat(events).isNotEmpty();
    Event last = events.getLast();
    assertThat(last.name()).isEqualTo("storyboard.completed");
    assertThat(last.data().path("id").asText()).isEqualTo(id);
    assertThat(last.data().path("stitch_id").asText()).startsWith("stitch");
    assertThat(events.stream().filter(event -> event.name().startsWith("storyboard.")).count()).isEqualTo(1);
    for (int index = 0; index < 2; index++) {
      int shot = index;
      List<Event> shotEvents =
          events.stream().filter(event -> event.name().equals("shot") && event.data().path("index").asInt() == shot).toList();
      assertThat(shotEvents).as("events of shot %d", shot).isNotEmpty();
      assertThat(shotEvents.getLast().data().path("status").asText()).isEqualTo("completed");
      assertThat(shotEvents.stream().map(event -> event.data().path("progress").asInt()).toList()).isSorted();
      assertThat(events.indexOf(shotEvents.getLast())).isLessThan(events.size() - 1);
    }
  }

  @Test
  void anotherOrganisationCannotFollowTheBoard() {
    TestServers.Tenant owner = TestServers.newTenant(TestServers.shared());
    String id =
        new Http(owner.baseUrl(), owner.apiKey())
            .postJson("/v1/storyboards", "{\"shots\":[{\"prompt\":\"x\",\"seconds\":\"1\",\"model\":\"local/previz\"}],\"size\":\"64x64\"}")
            .json()
            .path("id")
            .asText();
    TestServers.Tenant other = TestServers.newTenant(TestServers.shared());
    Http stranger = new Http(other.baseUrl(), other.apiKey());
    assertThat(stranger.send(stranger.request("/v1/storyboards/" + id + "/events").header("Accept", "text/event-stream").GET()).status())
        .isEqualTo(404);
  }
}
