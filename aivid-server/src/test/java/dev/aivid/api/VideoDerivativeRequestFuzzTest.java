package dev.aivid.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.App;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Arbitrary extension, edit and character bodies never crash: each is a video, a character or a 4xx with a code. */
class VideoDerivativeRequestFuzzTest {
  private static Http http;

  @BeforeContainer
  static void start() {
    App app = TestServers.shared();
    TestServers.Tenant tenant = TestServers.newTenant(app);
    http = new Http(tenant.baseUrl(), tenant.apiKey());
  }

  @Property(tries = 60)
  void arbitraryBytesAreAnsweredWithAClientErrorNeverAServerError(
      @ForAll byte[] body, @ForAll("paths") String path) {
    Http.Response response = http.post(path, "application/json", java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
    assertThat(response.status()).as(response.text()).isBetween(400, 499);
    assertThat(response.json().path("error").path("code").asText()).isNotBlank();
  }

  @Property(tries = 100)
  void mutatedRequestsAreAcceptedOrRejectedWithACode(@ForAll("paths") String path, @ForAll("bodies") String body) {
    Http.Response response = http.postJson(path, body);
    if (response.status() == 200) {
      if (response.json().path("object").asText().equals("video")) {
        http.delete("/v1/videos/" + response.json().path("id").asText());
      }
    } else {
      assertThat(response.status()).as(body + " -> " + response.text()).isBetween(400, 499);
      assertThat(response.json().path("error").path("code").asText()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of("/v1/videos/extensions", "/v1/videos/edits", "/v1/videos/characters");
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(30).map(VideoDerivativeRequestFuzzTest::quoted),
            Arbitraries.of("null", "42", "[]", "{}", "\"\"", "true"));
    Arbitrary<String> seconds =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-3, 400).map(value -> quoted(Integer.toString(value))),
            Arbitraries.of("1", "2.5", "true", "null", "9999999999999", "\"x\""));
    Arbitrary<String> video =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(20).map(id -> "{\"id\":" + quoted(id) + "}"),
            Arbitraries.of("null", "\"video_1\"", "{}", "{\"id\":null}", "{\"id\":[]}", "[]", "7"));
    return Combinators.combine(text, seconds, video, text)
        .as((prompt, s, v, name) -> "{\"prompt\":" + prompt + ",\"seconds\":" + s + ",\"video\":" + v + ",\"name\":" + name + "}");
  }

  private static String quoted(String value) {
    StringBuilder builder = new StringBuilder("\"");
    for (char character : value.toCharArray()) {
      if (character == '"' || character == '\\') {
        builder.append('\\').append(character);
      } else if (character < 0x20) {
        builder.append(String.format("\\u%04x", (int) character));
      } else {
        builder.append(character);
      }
    }
    return builder.append('"').toString();
  }
}
