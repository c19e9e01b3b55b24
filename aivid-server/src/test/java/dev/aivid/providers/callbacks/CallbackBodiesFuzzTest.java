package dev.aivid.providers.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.http.CircuitBreaker;
import dev.aivid.providers.http.HttpSettings;
import dev.aivid.providers.http.ProviderHttp;
import dev.aivid.providers.kling.KlingProviderFactory;
import dev.aivid.providers.openai.OpenAiProviderFactory;
import dev.aivid.providers.seedance.SeedanceProviderFactory;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * The callback body readers face the open internet before anything is authenticated (OpenAI's
 * event is read to find whose secret checks it): any bytes must give a notice or nothing, never an
 * exception, and a well-formed body must give back the render it names.
 */
class CallbackBodiesFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final InstantSource CLOCK = InstantSource.system();
  private static final ProviderFactory KLING = new KlingProviderFactory(http("kling"), JSON, CLOCK);
  private static final ProviderFactory SEEDANCE = new SeedanceProviderFactory(http("seedance"), JSON, CLOCK);
  private static final ProviderFactory OPENAI = new OpenAiProviderFactory(http("openai"), JSON, CLOCK);
  private static final List<ProviderFactory> READERS = List.of(KLING, SEEDANCE, OPENAI);

  private static ProviderHttp http(String provider) {
    return new ProviderHttp(
        provider, HttpSettings.defaults(), CircuitBreaker.defaults(CLOCK), duration -> {}, new SplittableRandom(1), CLOCK);
  }

  private static void assertSane(Optional<CallbackNotice> notice) {
    notice.ifPresent(
        read -> {
          assertThat(read.renderId()).isNotBlank();
          assertThat(read.renderId().length()).isLessThanOrEqualTo(200);
          assertThat(read.status().length()).isLessThanOrEqualTo(100);
        });
  }

  @Property(tries = 400)
  void arbitraryBytesGiveANoticeOrNothingAndNeverAnException(@ForAll byte[] body) {
    for (ProviderFactory reader : READERS) {
      assertSane(reader.readCallback(body));
    }
  }

  @Property(tries = 400)
  void jsonShapedNoiseGivesANoticeOrNothing(@ForAll("jsonish") String body) {
    for (ProviderFactory reader : READERS) {
      assertSane(reader.readCallback(body.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(30).map(text -> JSON.getNodeFactory().textNode(text).toString()),
            Arbitraries.longs().map(Object::toString),
            Arbitraries.of("null", "true", "[]", "{}", "1e999", "-0", "\"\""));
    Arbitrary<String> keys =
        Arbitraries.of("task_id", "task_status", "id", "status", "type", "data", "task_result", "object", "x");
    Arbitrary<String> pair = net.jqwik.api.Combinators.combine(keys, scalars).as((key, value) -> "\"" + key + "\":" + value);
    Arbitrary<String> object = pair.list().ofMaxSize(6).map(pairs -> "{" + String.join(",", pairs) + "}");
    return Arbitraries.oneOf(
        object,
        object.map(inner -> "{\"data\":" + inner + ",\"type\":\"video.completed\"}"),
        object.map(inner -> "{\"data\":" + inner + "}"),
        object.map(inner -> inner.length() > 2 ? inner.substring(0, inner.length() / 2) : inner));
  }

  @Property(tries = 300)
  void aKlingTaskGivesBackItsTaskIdAndStatus(
      @ForAll("renderIds") String taskId, @ForAll("klingStatuses") String status, @ForAll boolean pathModel) {
    ObjectNode body = JSON.createObjectNode();
    body.put(pathModel ? "id" : "task_id", taskId);
    body.put(pathModel ? "status" : "task_status", status);
    body.put("task_status_msg", "");
    body.putObject("task_result").putArray("videos").addObject().put("id", "v").put("url", "https://cdn.example.com/v.mp4");

    CallbackNotice notice = KLING.readCallback(body.toString().getBytes(StandardCharsets.UTF_8)).orElseThrow();

    assertThat(notice.renderId()).isEqualTo(taskId);
    assertThat(notice.status()).isEqualTo(status);
  }

  @Property(tries = 300)
  void aSeedanceTaskGivesBackItsId(@ForAll("renderIds") String taskId, @ForAll @StringLength(max = 20) String status) {
    ObjectNode body = JSON.createObjectNode().put("id", taskId).put("model", "seedance").put("status", status);

    CallbackNotice notice = SEEDANCE.readCallback(body.toString().getBytes(StandardCharsets.UTF_8)).orElseThrow();

    assertThat(notice.renderId()).isEqualTo(taskId);
  }

  @Property(tries = 300)
  void anOpenAiVideoEventGivesBackItsVideoAndOtherEventsNothing(
      @ForAll("videoIds") String videoId, @ForAll("openAiEvents") String type) {
    ObjectNode body = JSON.createObjectNode().put("id", "evt_1").put("object", "event").put("type", type);
    body.put("created_at", 1790000000L);
    body.putObject("data").put("id", videoId);

    Optional<CallbackNotice> notice = OPENAI.readCallback(body.toString().getBytes(StandardCharsets.UTF_8));

    if (type.startsWith("video.")) {
      assertThat(notice.orElseThrow().renderId()).isEqualTo(videoId);
      assertThat(notice.orElseThrow().status()).isEqualTo(type);
    } else {
      assertThat(notice).isEmpty();
    }
  }

  @Provide
  Arbitrary<String> renderIds() {
    return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(200).filter(id -> !id.isBlank());
  }

  @Provide
  Arbitrary<String> videoIds() {
    return Arbitraries.strings().withChars("abcdef0123456789_").ofMinLength(1).ofMaxLength(60).map(id -> "video_" + id);
  }

  @Provide
  Arbitrary<String> klingStatuses() {
    return Arbitraries.of("submitted", "processing", "succeed", "succeeded", "failed");
  }

  @Provide
  Arbitrary<String> openAiEvents() {
    return Arbitraries.of("video.completed", "video.failed", "response.completed", "batch.completed", "eval.run.failed");
  }
}
