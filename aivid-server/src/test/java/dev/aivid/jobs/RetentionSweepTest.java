package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.App;
import dev.aivid.config.JobLimits;
import dev.aivid.support.Await;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Videos past AIVID_VIDEO_RETENTION_DAYS are deleted by one node's sweep, their bytes released. */
class RetentionSweepTest {
  private static final String TINY = "{\"prompt\":\"a harbour light\",\"seconds\":\"1\",\"size\":\"64x64\"}";

  /** The wall clock moved forward by hand, so that leases and polls keep running. */
  private static final class ShiftedClock implements InstantSource {
    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    void advance(Duration duration) {
      offset = offset.plus(duration);
    }
  }

  private static JsonNode completed(Http http, String id) {
    JsonNode done =
        Await.until(
            () -> http.get("/v1/videos/" + id).json(),
            video -> video.path("status").asText().matches("completed|failed"),
            Duration.ofSeconds(120));
    assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
    return done;
  }

  @Test
  void aCompletedVideoExpiresAfterTheRetentionAndOneSweepDeletesItWithItsBytes() throws Exception {
    ShiftedClock clock = new ShiftedClock();
    var config =
        TestServers.config(TestServers.temporaryDirectory("aivid-retention-"))
            .withJobLimits(JobLimits.defaults().withVideoRetentionDays(30));
    try (App app = App.start(config, clock, new SecureRandom())) {
      TestServers.Tenant tenant = TestServers.newTenant(app);
      Http http = new Http(tenant.baseUrl(), tenant.apiKey());
      String kept = http.postJson("/v1/videos", TINY.replace("harbour", "lighthouse")).json().path("id").asText();
      JsonNode keptDone = completed(http, kept);
      clock.advance(Duration.ofDays(20));
      String fresh = http.postJson("/v1/videos", TINY).json().path("id").asText();
      JsonNode freshDone = completed(http, fresh);

      // expires_at = completed_at + 30 days, on the OpenAI video object.
      assertThat(keptDone.path("expires_at").asLong() - keptDone.path("completed_at").asLong())
          .isEqualTo(Duration.ofDays(30).toSeconds());
      assertThat(http.get("/v1/videos/" + kept + "/content").status()).isEqualTo(200);
      assertThat(app.retention().sweepUnlessSweptElsewhere()).contains(0);

      clock.advance(Duration.ofDays(11));
      // Several nodes sweep at once: one sweeps, the others skip; the video is deleted once.
      ExecutorService pool = Executors.newFixedThreadPool(3);
      List<Future<Optional<Integer>>> sweeps = new ArrayList<>();
      for (int index = 0; index < 3; index++) {
        Callable<Optional<Integer>> sweep = () -> app.retention().sweepUnlessSweptElsewhere();
        sweeps.add(pool.submit(sweep));
      }
      int deleted = 0;
      for (Future<Optional<Integer>> sweep : sweeps) {
        deleted += sweep.get().orElse(0);
      }
      pool.shutdown();

      assertThat(deleted).isEqualTo(1);
      assertThat(http.get("/v1/videos/" + kept).status()).isEqualTo(404);
      assertThat(http.get("/v1/videos/" + kept + "/content").status()).isEqualTo(404);
      assertThat(http.get("/v1/videos/" + fresh + "/content").status()).isEqualTo(200);
      assertThat(freshDone.path("expires_at").asLong()).isGreaterThan(clock.instant().getEpochSecond());
      // Deleting never touches the ledger: what was charged stays charged.
      assertThat(app.ledger().verify().drifts()).isEmpty();
    }
  }

  @Test
  void withoutARetentionNothingExpires() {
    try (App app = App.start(TestServers.config(TestServers.temporaryDirectory("aivid-no-retention-")))) {
      TestServers.Tenant tenant = TestServers.newTenant(app);
      Http http = new Http(tenant.baseUrl(), tenant.apiKey());
      String id = http.postJson("/v1/videos", TINY).json().path("id").asText();

      JsonNode done = completed(http, id);

      assertThat(done.path("expires_at").isNull()).isTrue();
      assertThat(app.retention().sweepUnlessSweptElsewhere()).contains(0);
      assertThat(http.get("/v1/videos/" + id).status()).isEqualTo(200);
    }
  }
}
