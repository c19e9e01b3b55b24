package dev.aivid.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.InputSupport;
import dev.aivid.providers.http.CircuitBreaker;
import dev.aivid.providers.http.HttpSettings;
import dev.aivid.providers.http.ProviderHttp;
import dev.aivid.providers.kling.KlingProviderFactory;
import dev.aivid.providers.openai.OpenAiProviderFactory;
import dev.aivid.providers.runway.RunwayProviderFactory;
import dev.aivid.providers.seedance.SeedanceProviderFactory;
import dev.aivid.providers.veo.VeoProviderFactory;
import dev.aivid.support.TestImages;
import java.awt.Color;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Preflight promises what the catalog says; the adapter decides what is sent. They must not
 * disagree in the direction that misleads: a kind the catalog calls honoured is never dropped by
 * the adapter, a kind it calls dropped is never sent, and kinds no adapter is ever given (depth
 * maps, rigs) are never called honoured for a remote model.
 */
class CatalogAdapterAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Catalog CATALOG = Catalog.loadDefault(JSON);
  private static final InstantSource CLOCK = InstantSource.system();

  private static ProviderHttp http(String name) {
    return new ProviderHttp(name, HttpSettings.defaults(), CircuitBreaker.defaults(CLOCK), duration -> {}, new SplittableRandom(1), CLOCK);
  }

  static Stream<Arguments> adapters() {
    return Stream.of(
        Arguments.of("kling-v3 (key pair)", new KlingProviderFactory(http("kling"), JSON, CLOCK), Map.of("access_key", "a", "secret_key", "s")),
        Arguments.of("seedance-2.0", new SeedanceProviderFactory(http("seedance"), JSON, CLOCK), Map.of("api_key", "k")),
        Arguments.of("veo-3.1 (Vertex)", new VeoProviderFactory(http("veo"), JSON, CLOCK), Map.of("access_token", "t", "project", "p", "location", "us-central1")),
        Arguments.of("runway-gen4.5", new RunwayProviderFactory(http("runway"), JSON, CLOCK), Map.of("api_key", "k")),
        Arguments.of("openai-compatible", new OpenAiProviderFactory(http("openai"), JSON, CLOCK), Map.of("api_key", "k")));
  }

  private static RenderRequest everyKind(CatalogModel model) {
    byte[] png = TestImages.png(1280, 720, Color.GRAY);
    BiFunction<String, String, ShotReference> reference =
        (mention, kind) -> ShotReference.of(mention, kind, "for the " + kind.replace('_', ' '), "image/png", "sha-" + mention, png);
    List<ShotReference> references =
        List.of(
            reference.apply("@Image1", "image"),
            ShotReference.of("@Video1", "video", "for camera motion", "video/mp4", "sha-video", new byte[] {0, 0, 0, 24}),
            ShotReference.of("@Audio1", "audio", "for the beat", "audio/wav", "sha-audio", new byte[] {82, 73, 70, 70}),
            reference.apply("@Style1", "style_reference"),
            reference.apply("@Negative1", "negative_reference"),
            reference.apply("@Mask1", "regional_mask"),
            reference.apply("@Depth1", "depth_map"),
            ShotReference.of("@Rig1", "skeletal_rig", "for the walk", "text/plain", "sha-rig", "HIERARCHY".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
            ShotReference.of("@Palette1", "color_palette", "for the colours", "application/json", "sha-palette", "[\"#112233\",\"#ddeeff\"]".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    return new RenderRequest(
        model.id(),
        model.providerModel(),
        "A courier crosses a rainy street",
        1280,
        720,
        model.seconds().defaultSeconds(),
        7,
        null,
        new ShotControls(references, "text overlays", 24.0, new CameraIntent("truck", 1, 0.5, 0, 200), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("adapters")
  void theCatalogNeverPromisesWhatTheAdapterDropsNorHidesWhatItSends(
      String label, ProviderFactory factory, Map<String, String> fields) {
    CatalogModel model =
        CATALOG.models().stream().filter(candidate -> candidate.provider().equals(factory.name()) && !candidate.id().startsWith("sora")).findFirst().orElseThrow();
    List<ControlVerdict> verdicts = factory.create(new ProviderCredential(factory.name(), fields)).translate(everyKind(model));
    Map<String, String> kinds =
        Map.of(
            "@Image1", "image", "@Video1", "video", "@Audio1", "audio", "@Style1", "style_reference",
            "@Negative1", "negative_reference", "@Mask1", "regional_mask", "camera_path", "camera_path")
            .entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.HashMap::new));
    kinds.put("@Depth1", "depth_map");
    kinds.put("@Rig1", "skeletal_rig");
    kinds.put("@Palette1", "color_palette");
    // Every stack file handed to an adapter gets exactly one verdict: nothing is lost silently.
    for (String mention : List.of("@Image1", "@Video1", "@Audio1", "@Style1", "@Negative1", "@Mask1", "@Depth1", "@Rig1", "@Palette1")) {
      assertThat(verdicts.stream().filter(verdict -> verdict.control().equals(mention)).count())
          .as(label + " verdicts for " + mention + ": " + verdicts)
          .isEqualTo(1);
    }
    for (ControlVerdict verdict : verdicts) {
      String kind = kinds.get(verdict.control());
      if (kind == null) {
        continue;
      }
      InputSupport.Treatment promised = model.capabilities().input(kind).treatment();
      if (promised == InputSupport.Treatment.HONOURED) {
        assertThat(verdict.fidelity()).as(label + " " + verdict.control() + ": " + verdict.detail()).isNotEqualTo(ControlVerdict.Fidelity.DROPPED);
      }
      if (promised == InputSupport.Treatment.DROPPED) {
        assertThat(verdict.fidelity()).as(label + " " + verdict.control() + ": " + verdict.detail()).isEqualTo(ControlVerdict.Fidelity.DROPPED);
      }
    }
    for (String neverSent : List.of("depth_map", "skeletal_rig")) {
      assertThat(model.capabilities().input(neverSent).treatment())
          .as(label + " " + neverSent + " is never given to an adapter")
          .isEqualTo(InputSupport.Treatment.DROPPED);
    }
  }
}
