package dev.aivid.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.support.Http;
import dev.aivid.support.Multipart;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StackApiTest {
  private App app;
  private Http http;

  @BeforeEach
  void setUp() {
    app = TestServers.shared();
    TestServers.Tenant tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  private Http.Response upload(String fileName, byte[] content, String kind) {
    Multipart body = new Multipart().file("file", fileName, "application/octet-stream", content);
    if (kind != null) {
      body.field("kind", kind);
    }
    return http.post("/v1/assets", body.contentType(), HttpRequest.BodyPublishers.ofByteArray(body.build()));
  }

  private String uploadImage(String name, Color color) {
    Http.Response response = upload(name, TestImages.png(64, 64, color), "image");
    assertThat(response.status()).as(response.text()).isIn(200, 201);
    return response.json().path("id").asText();
  }

  private static void assertProblem(Http.Response response, int status, String code) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.json().path("code").asText()).isEqualTo(code);
    assertThat(response.json().path("detail").asText()).isNotBlank();
  }

  @Test
  void anUploadedImageIsRecognisedProbedAndDeduplicated() {
    byte[] png = TestImages.png(96, 54, Color.CYAN);
    Http.Response first = upload("hero.png", png, null);
    assertThat(first.status()).isEqualTo(201);
    JsonNode asset = first.json();
    assertThat(asset.path("format").asText()).isEqualTo("png");
    assertThat(asset.path("metadata").path("width").asInt()).isEqualTo(96);
    assertThat(asset.path("metadata").path("height").asInt()).isEqualTo(54);
    Http.Response again = upload("other-name.png", png, null);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("id").asText()).isEqualTo(asset.path("id").asText());
    assertThat(again.json().path("deduplicated").asBoolean()).isTrue();
    Http.Response content = http.get("/v1/assets/" + asset.path("id").asText() + "/content");
    assertThat(content.body()).isEqualTo(png);
    assertThat(http.delete("/v1/assets/" + asset.path("id").asText()).status()).isEqualTo(200);
    assertThat(http.get("/v1/assets/" + asset.path("id").asText()).status()).isEqualTo(404);
  }

  @Test
  void aWavIsProbedForDurationAndChannels() {
    Http.Response response = upload("beat.wav", wav(8_000, 1, 2.0), "audio");
    assertThat(response.status()).as(response.text()).isEqualTo(201);
    assertThat(response.json().path("metadata").path("duration_seconds").asDouble()).isEqualTo(2.0);
    assertThat(response.json().path("metadata").path("channels").asInt()).isEqualTo(1);
  }

  @Test
  void aZipOrHtmlFileNamedPngIsRefusedByItsBytes() {
    assertProblem(upload("photo.png", "PK\u0003\u0004 not an image".getBytes(StandardCharsets.ISO_8859_1), null), 422, "unsupported_content");
    assertProblem(upload("photo.png", "<!doctype html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), null), 422, "unsupported_content");
  }

  @Test
  void aDeclaredKindThatContradictsTheBytesIsRefused() {
    assertProblem(upload("beat.wav", wav(8_000, 1, 0.5), "depth_map"), 422, "kind_mismatch");
  }

  @Test
  void aPngWithALyingHeaderIsRefusedBeforeDecoding() {
    assertProblem(upload("bomb.png", pngDeclaring(100_000, 100_000), null), 422, "image_too_large");
  }

  @Test
  void aStackResolvesMentionsByKindOrderAndByNameWithTheirRoles() {
    String hero = uploadImage("hero.png", Color.RED);
    String city = uploadImage("city.png", Color.BLUE);
    String body =
        "{\"prompt\":\"@Image1 for character walks past @city, mail me at art@studio.com; `@Image9` is code\","
            + "\"entries\":[{\"kind\":\"image\",\"asset_id\":\"" + hero + "\"},"
            + "{\"kind\":\"image\",\"asset_id\":\"" + city + "\"},"
            + "{\"kind\":\"frame_rate\",\"value\":24},{\"kind\":\"seed\",\"value\":42}]}";
    Http.Response created = http.postJson("/v1/stacks", body);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode mentions = created.json().path("mentions");
    assertThat(mentions.size()).isEqualTo(2);
    assertThat(mentions.get(0).path("token").asText()).isEqualTo("@Image1");
    assertThat(mentions.get(0).path("role").asText()).isEqualTo("for character walks past");
    assertThat(mentions.get(0).path("entry_index").asInt()).isZero();
    assertThat(mentions.get(1).path("token").asText()).isEqualTo("@city");
    assertThat(mentions.get(1).path("entry_index").asInt()).isEqualTo(1);
    String id = created.json().path("id").asText();
    assertThat(http.get("/v1/stacks/" + id).json().path("entries").size()).isEqualTo(4);
  }

  @Test
  void anUnknownMentionIsRefusedNamingTheTokenAndWhatExists() {
    String hero = uploadImage("hero.png", Color.RED);
    Http.Response response =
        http.postJson(
            "/v1/stacks",
            "{\"prompt\":\"@Image2 for the villain\",\"entries\":[{\"kind\":\"image\",\"asset_id\":\"" + hero + "\"}]}");
    assertProblem(response, 422, "unknown_mention");
    assertThat(response.json().path("detail").asText()).contains("@Image2").contains("@Image1");
  }

  @Test
  void anAmbiguousNameIsRefused() {
    String first = uploadImage("a.png", Color.RED);
    String second = uploadImage("b.png", Color.GREEN);
    Http.Response response =
        http.postJson(
            "/v1/stacks",
            "{\"prompt\":\"@twin\",\"entries\":[{\"kind\":\"image\",\"asset_id\":\"" + first + "\",\"name\":\"twin\"},"
                + "{\"kind\":\"style_reference\",\"asset_id\":\"" + second + "\",\"name\":\"twin\"}]}");
    assertProblem(response, 422, "ambiguous_mention");
  }

  @Test
  void aStackOfThirteenEntriesOrTenImagesIsRefused() {
    String image = uploadImage("one.png", Color.RED);
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      entries.add("{\"kind\":\"image\",\"asset_id\":\"" + image + "\"}");
    }
    assertProblem(
        http.postJson("/v1/stacks", "{\"prompt\":\"x\",\"entries\":[" + String.join(",", entries) + "]}"),
        422,
        "too_many_images");
    entries.clear();
    for (int i = 0; i < 13; i++) {
      entries.add("{\"kind\":\"seed\",\"value\":" + i + "}");
    }
    assertProblem(
        http.postJson("/v1/stacks", "{\"prompt\":\"x\",\"entries\":[" + String.join(",", entries) + "]}"),
        422,
        "too_many_entries");
  }

  @Test
  void anEntryNamingAnotherOrganisationsAssetIsRefused() {
    String image = uploadImage("mine.png", Color.RED);
    TestServers.Tenant other = TestServers.newTenant(app);
    Http.Response response =
        new Http(other.baseUrl(), other.apiKey())
            .postJson("/v1/stacks", "{\"prompt\":\"x\",\"entries\":[{\"kind\":\"image\",\"asset_id\":\"" + image + "\"}]}");
    assertProblem(response, 422, "unknown_asset");
    assertThat(new Http(other.baseUrl(), other.apiKey()).get("/v1/assets/" + image).status()).isEqualTo(404);
  }

  @Test
  void aStackRendersInlineOrByIdIntoAVideoThatCompletes() {
    String hero = uploadImage("hero.png", Color.ORANGE);
    String stack =
        "{\"prompt\":\"@Image1 for the courier runs at night\",\"entries\":[{\"kind\":\"image\",\"asset_id\":\""
            + hero
            + "\"},{\"kind\":\"seed\",\"value\":7}]}";
    Http.Response inline =
        http.postJson("/v1/renders", "{\"seconds\":\"1\",\"size\":\"320x180\",\"stack\":" + stack + "}");
    assertThat(inline.status()).as(inline.text()).isEqualTo(200);
    assertThat(inline.header("x-aivid-credits-held")).isEqualTo("0.05");
    String stackId = http.postJson("/v1/stacks", stack).json().path("id").asText();
    Http.Response byId =
        http.postJson("/v1/renders", "{\"seconds\":1,\"size\":\"320x180\",\"stack_id\":\"" + stackId + "\"}");
    assertThat(byId.status()).as(byId.text()).isEqualTo(200);
    for (Http.Response created : List.of(inline, byId)) {
      String id = created.json().path("id").asText();
      JsonNode done =
          dev.aivid.support.Await.until(
              () -> http.get("/v1/videos/" + id).json(),
              video -> !video.path("status").asText().matches("queued|in_progress"),
              java.time.Duration.ofSeconds(90));
      assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
      assertThat(done.path("prompt").asText()).isEqualTo("@Image1 for the courier runs at night");
    }
  }

  @Test
  void aRenderNeedsExactlyOneStack() {
    assertProblem(http.postJson("/v1/renders", "{\"seconds\":\"1\"}"), 400, "stack_required");
    assertProblem(
        http.postJson("/v1/renders", "{\"stack_id\":\"stack_x\",\"stack\":{\"prompt\":\"x\"}}"), 400, "stack_required");
    assertProblem(http.postJson("/v1/renders", "{\"stack_id\":\"stack_missing\"}"), 404, "stack_not_found");
    assertProblem(
        http.postJson("/v1/renders", "{\"stack\":{\"prompt\":\"@Image1\",\"entries\":[]}}"), 422, "unknown_mention");
  }

  static byte[] wav(int sampleRateHertz, int channels, double seconds) {
    int samples = (int) Math.round(sampleRateHertz * seconds);
    int dataBytes = samples * channels * 2;
    ByteBuffer buffer = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
    buffer.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels);
    buffer.putInt(sampleRateHertz).putInt(sampleRateHertz * channels * 2);
    buffer.putShort((short) (channels * 2)).putShort((short) 16);
    buffer.put("data".getBytes()).putInt(dataBytes);
    return buffer.array();
  }

  /** A PNG whose IHDR claims a huge size over a tiny body: a decompression bomb's header. */
  static byte[] pngDeclaring(int width, int height) {
    ByteBuffer buffer = ByteBuffer.allocate(8 + 25 + 12);
    buffer.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    byte[] header = ByteBuffer.allocate(17).put("IHDR".getBytes()).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array();
    CRC32 crc = new CRC32();
    crc.update(header);
    buffer.putInt(13).put(header).putInt((int) crc.getValue());
    byte[] end = "IEND".getBytes();
    crc.reset();
    crc.update(end);
    buffer.putInt(0).put(end).putInt((int) crc.getValue());
    return buffer.array();
  }
}
