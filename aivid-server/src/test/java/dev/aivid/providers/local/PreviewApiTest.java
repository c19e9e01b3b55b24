package dev.aivid.providers.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestServers;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Previews answer at once with a real low-resolution MP4, a poster and a contact sheet, and charge nothing. */
class PreviewApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLE = Path.of("..", "examples", "night-courier");

  @Test
  void aTwelveFileStackPreviewsAsALowResolutionMp4WithItsBeatsFoleyAndVerdictsAndChargesNothing(@TempDir Path directory)
      throws IOException {
    TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
    Http http = new Http(tenant.baseUrl(), tenant.apiKey());
    String before = http.get("/v1/credits").json().path("available").asText();

    Http.Response created = http.postJson("/v1/previews", "{\"stack\":" + exampleStack(http) + "}");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.header("x-aivid-credits-charged")).isEqualTo("0");
    JsonNode preview = created.json();
    assertThat(preview.path("size").asText()).isEqualTo("320x180");
    assertThat(preview.path("frames_per_second").asInt()).isEqualTo(12);
    assertThat(preview.path("frame_count").asInt()).isEqualTo(24);
    assertThat(preview.path("controls").toString()).contains("@Rig1", "@Camera1", "@Palette1", "@Audio1");
    assertThat(preview.path("render_millis").asDouble()).isPositive();
    Path mp4 = directory.resolve("preview.mp4");
    Files.write(mp4, http.get(preview.path("video_url").asText()).body());
    VideoInfo info = VideoProbe.probe(mp4);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(320);
    assertThat(info.height()).isEqualTo(180);
    Http.Response poster = http.get(preview.path("poster_url").asText());
    assertThat(poster.header("Content-Type")).startsWith("image/jpeg");
    assertThat(http.get(preview.path("contact_sheet_url").asText()).body()).isNotEmpty();
    assertThat(http.get("/v1/previews/" + preview.path("id").asText()).json().path("id").asText()).isEqualTo(preview.path("id").asText());
    assertThat(http.get("/v1/credits").json().path("available").asText()).isEqualTo(before);
    assertThat(http.get("/v1/credits/ledger").json().path("data").toString()).doesNotContain("preview");
  }

  @Test
  void badPreviewRequestsNameTheFieldAndAnotherOrganisationSeesNothing() throws IOException {
    TestServers.Tenant tenant = TestServers.newTenant(TestServers.shared());
    Http http = new Http(tenant.baseUrl(), tenant.apiKey());
    String stack = "{\"prompt\":\"a slow push in on a harbour\",\"entries\":[]}";
    for (String body :
        new String[] {
          "{\"stack\":" + stack + ",\"seconds\":\"11\"}",
          "{\"stack\":" + stack + ",\"size\":\"4000x4000\"}",
          "{\"stack\":" + stack + ",\"frames_per_second\":0}",
          "{\"stack\":" + stack + ",\"frames_per_second\":\"fast\"}"
        }) {
      Http.Response response = http.postJson("/v1/previews", body);
      assertThat(response.status()).as(body).isEqualTo(400);
      assertThat(response.json().path("code").asText()).isNotBlank();
    }
    String id = http.postJson("/v1/previews", "{\"stack\":" + stack + "}").json().path("id").asText();
    TestServers.Tenant other = TestServers.newTenant(TestServers.shared());
    assertThat(new Http(other.baseUrl(), other.apiKey()).get("/v1/previews/" + id).status()).isEqualTo(404);
    assertThat(http.get("/v1/previews/" + id + "/content?variant=gif").status()).isEqualTo(400);
  }

  private static String exampleStack(Http http) throws IOException {
    JsonNode manifest = JSON.readTree(EXAMPLE.resolve("stack.json").toFile());
    ObjectNode stack = JSON.createObjectNode();
    stack.put("prompt", manifest.path("prompt").asText());
    ArrayNode entries = stack.putArray("entries");
    for (JsonNode entry : manifest.path("entries")) {
      ObjectNode copy = entries.addObject().put("kind", entry.path("kind").asText());
      if (entry.has("file")) {
        Multipart body =
            new Multipart()
                .file("file", entry.path("file").asText(), "application/octet-stream", Files.readAllBytes(EXAMPLE.resolve(entry.path("file").asText())))
                .field("kind", entry.path("kind").asText());
        Http.Response uploaded = http.post("/v1/assets", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build()));
        copy.put("asset_id", uploaded.json().path("id").asText());
        copy.put("name", entry.path("name").asText());
      } else {
        copy.put("value", entry.path("value").asDouble());
      }
    }
    return stack.toString();
  }
}
