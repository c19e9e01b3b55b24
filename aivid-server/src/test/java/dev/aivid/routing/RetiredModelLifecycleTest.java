package dev.aivid.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.config.ProviderConfig;
import dev.aivid.config.RetiredModelPolicy;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Requests for Sora 2 after its shutdown: rerouted by default, refused with 410 when configured so. */
class RetiredModelLifecycleTest {

  @Test
  void aSoraRequestIsServedByItsSuccessorWithAHeaderAndAJobNote() {
    App app = TestServers.shared();
    TestServers.Tenant tenant = TestServers.newTenant(app);
    Http http = new Http(tenant.baseUrl(), tenant.apiKey());

    Http.Response created =
        http.postJson("/v1/videos", "{\"model\":\"sora-2\",\"prompt\":\"A lighthouse at dusk\",\"seconds\":\"4\",\"size\":\"1280x720\"}");

    assertThat(created.status()).isEqualTo(200);
    // No provider keys in this organisation: auto routing can only pick the local engine.
    assertThat(created.json().path("model").asText()).isEqualTo("local/previz");
    assertThat(created.header("x-aivid-model-rerouted")).isEqualTo("sora-2 -> local/previz");
    String id = created.json().path("id").asText();
    JsonNode routing = http.get("/v1/videos/" + id + "/routing").json();
    assertThat(routing.path("requested_model").asText()).isEqualTo("sora-2");
    assertThat(routing.path("notes").get(0).asText()).contains("retired on 2026-09-24", "reroute policy");
    assertThat(routing.path("routing").path("explanation").asText()).contains("only local/previz");
    JsonNode done =
        Await.until(
            () -> http.get("/v1/videos/" + id).json(),
            video -> video.path("status").asText().equals("completed"),
            Duration.ofSeconds(60));
    assertThat(done.path("seconds").asText()).isEqualTo("4");
    // Every output is checked, the local engine's too.
    JsonNode qc = http.get("/v1/videos/" + id + "/qc").json().path("checks").get(0);
    assertThat(qc.path("model").asText()).isEqualTo("local/previz");
    assertThat(qc.path("report").path("video_codec").asText()).isEqualTo("h264");
    assertThat(qc.path("report").path("duration_seconds").asDouble()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.1));
  }

  @Test
  void withTheRejectPolicyASoraRequestIsA410NamingTheSuccessorAndChargesNothing() {
    ProviderConfig providers = ProviderConfig.defaults().withRetiredModelPolicy(RetiredModelPolicy.REJECT);
    try (App app = App.start(TestServers.config(TestServers.temporaryDirectory("aivid-reject-")).withProviders(providers))) {
      TestServers.Tenant tenant = TestServers.newTenant(app);
      Http http = new Http(tenant.baseUrl(), tenant.apiKey());

      Http.Response refused = http.postJson("/v1/videos", "{\"model\":\"sora-2-pro\",\"prompt\":\"x\",\"seconds\":\"4\"}");

      assertThat(refused.status()).isEqualTo(410);
      assertThat(refused.json().path("error").path("code").asText()).isEqualTo("model_retired");
      assertThat(refused.json().path("error").path("param").asText()).isEqualTo("model");
      assertThat(refused.json().path("error").path("message").asText()).contains("2026-09-24", "auto");
      assertThat(http.get("/v1/videos").json().path("data").size()).isZero();
      assertThat(http.get("/v1/credits").json().toString()).contains("\"pending\":\"0\"");
    }
  }
}
