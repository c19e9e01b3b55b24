package dev.aivid.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.App;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.RenderStatus;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.http.CircuitBreaker;
import dev.aivid.providers.http.HttpSettings;
import dev.aivid.providers.http.ProviderHttp;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestImages;
import dev.aivid.support.TestServers;
import java.awt.Color;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter against a real second AIVid (the shared test server: embedded PostgreSQL, Javalin,
 * the local previz engine), chained through its OpenAI-compatible {@code /v1/videos}: the setup
 * docs/providers/openai.md describes for putting one AIVid behind another.
 */
class AnotherAividUpstreamTest {
  private final InstantSource clock = InstantSource.system();
  private TestServers.Tenant tenant;
  private VideoProvider provider;
  @TempDir Path directory;

  @BeforeEach
  void setUp() {
    App upstream = TestServers.shared();
    tenant = TestServers.newTenant(upstream);
    ProviderHttp http =
        new ProviderHttp(
            "openai",
            HttpSettings.defaults(),
            CircuitBreaker.defaults(clock),
            duration -> {},
            new SplittableRandom(1),
            clock);
    provider =
        new OpenAiProviderFactory(http, new ObjectMapper(), clock)
            .create(
                new ProviderCredential(
                    "openai",
                    Map.of("api_key", tenant.apiKey(), "base_url", tenant.baseUrl() + "/v1")));
  }

  private static RenderRequest request(String providerModel, int seconds, byte[] firstFrame) {
    return new RenderRequest(
        "openai-compatible",
        providerModel,
        "A red kite swoops over a park, golden hour light",
        1280,
        720,
        seconds,
        7,
        firstFrame,
        ShotControls.none());
  }

  private String submitted(RenderRequest request) {
    ProviderOutcome<String> outcome = provider.submit(request);
    assertThat(outcome).isInstanceOf(ProviderOutcome.Success.class);
    return ((ProviderOutcome.Success<String>) outcome).value();
  }

  private static String videoId(String handle) {
    return handle.substring(handle.indexOf(':') + 1);
  }

  @Test
  void anUpstreamAividRendersItsLocalPrevizAndTheAdapterFetchesARealMp4() {
    String handle = submitted(request("local/previz", 4, TestImages.png(1280, 720, Color.ORANGE)));

    ProviderOutcome<RenderStatus> finished =
        Await.until(
            () -> provider.poll(handle),
            outcome ->
                !(outcome instanceof ProviderOutcome.Success<RenderStatus> success
                    && success.value() instanceof RenderStatus.Running),
            Duration.ofSeconds(120));
    assertThat(finished).isEqualTo(new ProviderOutcome.Success<>(new RenderStatus.Succeeded(4.0)));

    Path target = directory.resolve("upstream.mp4");
    assertThat(provider.fetch(handle, target)).isEqualTo(new ProviderOutcome.Success<>(target));
    VideoInfo info = VideoProbe.probe(target);
    assertThat(info.videoCodec()).isEqualTo("h264");
    assertThat(info.width()).isEqualTo(1280);
    assertThat(info.height()).isEqualTo(720);
    assertThat(info.durationSeconds()).isBetween(3.9, 4.1);

    JsonNode upstreamVideo =
        new Http(tenant.baseUrl(), tenant.apiKey()).get("/v1/videos/" + videoId(handle)).json();
    assertThat(upstreamVideo.path("model").asText()).isEqualTo("local/previz");
    assertThat(upstreamVideo.path("prompt").asText())
        .startsWith(
            "Camera: locked-off static camera.\n"
                + "Movement: A red kite swoops.\n"
                + "Environment: over a park; golden hour light.\n\n")
        .endsWith("\n\nA red kite swoops over a park, golden hour light");
  }

  @Test
  void cancellingDeletesTheUpstreamVideoWhichIsThenLost() {
    String handle = submitted(request("local/previz", 12, null));

    assertThat(provider.cancel(handle)).isEqualTo(new ProviderOutcome.Success<>(true));

    assertThat(provider.poll(handle))
        .isEqualTo(new ProviderOutcome.Success<>(new RenderStatus.Lost()));
    assertThat(provider.cancel(handle)).isEqualTo(new ProviderOutcome.Success<>(false));
    assertThat(
            new Http(tenant.baseUrl(), tenant.apiKey())
                .get("/v1/videos/" + videoId(handle))
                .status())
        .isEqualTo(404);
  }

  /**
   * Today the upstream answers 410 {@code model_retired} for Sora 2; once routing sends retired
   * models to a successor it may accept the render instead. Either is right; the exact 410 mapping
   * is pinned against the fake (OpenAiContractTest).
   */
  @Test
  void aSoraRequestIsEitherRefusedAsRetiredOrAccepted() {
    ProviderOutcome<String> outcome = provider.submit(request("sora-2", 4, null));

    if (outcome instanceof ProviderOutcome.Success<String> accepted) {
      assertThat(provider.cancel(accepted.value())).isEqualTo(new ProviderOutcome.Success<>(true));
      return;
    }
    assertThat(outcome)
        .isInstanceOfSatisfying(
            ProviderOutcome.ProviderError.class,
            error -> {
              assertThat(error.code()).isEqualTo(ProviderErrorCodes.NOT_FOUND);
              assertThat(error.httpStatus()).isEqualTo(410);
              assertThat(error.message()).contains("model_retired", "retired");
            });
  }
}
