package dev.aivid.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.account.Organization;
import dev.aivid.config.JobLimits;
import dev.aivid.credits.LedgerFixture;
import dev.aivid.jobs.internal.VideoRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The claim of queued work at the SQL level, with the claim's own clock: concurrent claimers (as
 * from several nodes) never admit more than a limit, and a provider's submission rate is a token
 * bucket shared by every claimer.
 */
class QueuedClaimLimitsTest {
  private static final long LEASE_MILLIS = 600_000;
  /** Free slots per claim: more than the jobs this class queues, so only the limits under test bind. */
  private static final int CLAIM_LIMIT = 1_000;
  private final Instant start = Instant.parse("2031-03-01T00:00:00Z");

  private static VideoJob queued(Organization organization, String provider, Instant createdAt) {
    return new VideoJob(
        "video_" + UUID.randomUUID().toString().replace("-", ""),
        organization.id(),
        organization.defaultProjectId(),
        "test-model",
        provider,
        "a test render",
        4,
        64,
        64,
        1L,
        null,
        null,
        VideoPhase.QUEUED,
        0,
        null,
        null,
        null,
        null,
        null,
        null,
        createdAt,
        null,
        null,
        0,
        null,
        0,
        null);
  }

  private static long claimedOf(List<VideoJob> claimed, String provider) {
    return claimed.stream().filter(job -> job.provider().equals(provider)).count();
  }

  @Test
  void eightClaimersAtOnceNeverAdmitMoreThanTheProviderAndOrganisationLimits() throws Exception {
    for (int round = 0; round < 12; round++) {
      claimRace(start.plusSeconds(round * 3_600L));
    }
  }

  private void claimRace(Instant start) throws Exception {
    String provider = "limited-" + UUID.randomUUID();
    Organization organization = LedgerFixture.organization();
    Organization other = LedgerFixture.organization();
    VideoRepository repository =
        new VideoRepository(
            LedgerFixture.database().jdbi(), JobLimits.defaults().withMaxConcurrentPerOrganization(2).withMaxConcurrent(provider, 3));
    for (int index = 0; index < 10; index++) {
      repository.insert(queued(index % 2 == 0 ? organization : other, provider, start.minusSeconds(60)), null, start.minusSeconds(60));
    }
    // A third organisation's job for the same provider: only the provider limit stands in its way.
    Organization third = LedgerFixture.organization();
    repository.insert(queued(third, provider, start.minusSeconds(30)), null, start.minusSeconds(30));

    ExecutorService executor = Executors.newFixedThreadPool(8);
    CountDownLatch ready = new CountDownLatch(8);
    List<Future<List<VideoJob>>> claims = new ArrayList<>();
    for (int node = 0; node < 8; node++) {
      String nodeId = "node-" + node;
      Callable<List<VideoJob>> claim =
          () -> {
            ready.countDown();
            ready.await();
            return repository.claimDue(nodeId, CLAIM_LIMIT, LEASE_MILLIS, start);
          };
      claims.add(executor.submit(claim));
    }
    List<VideoJob> claimed = new ArrayList<>();
    for (Future<List<VideoJob>> future : claims) {
      claimed.addAll(future.get());
    }
    executor.shutdown();

    assertThat(claimedOf(claimed, provider)).isEqualTo(3);
    assertThat(claimed.stream().filter(job -> job.provider().equals(provider))
            .collect(java.util.stream.Collectors.groupingBy(VideoJob::organizationId, java.util.stream.Collectors.counting())))
        .allSatisfy((org, count) -> assertThat(count).isLessThanOrEqualTo(2));
    assertThat(claimedOf(repository.claimDue("late", CLAIM_LIMIT, LEASE_MILLIS, start.plusSeconds(1)), provider)).isZero();
    assertThat(repository.queuedReason(third.id(), provider, start.plusSeconds(1)))
        .hasValueSatisfying(reason -> assertThat(reason).contains(provider, "limit 3"));
  }

  @Test
  void oneOrganisationsBacklogAtItsLimitDoesNotHideAnotherOrganisationsJob() {
    String provider = "backlog-" + UUID.randomUUID();
    Organization busy = LedgerFixture.organization();
    Organization quiet = LedgerFixture.organization();
    VideoRepository repository =
        new VideoRepository(LedgerFixture.database().jdbi(), JobLimits.defaults().withMaxConcurrentPerOrganization(2));
    Instant at = start.plusSeconds(100_000);
    for (int index = 0; index < 300; index++) {
      repository.insert(queued(busy, provider, at.minusSeconds(600)), null, at.minusSeconds(600).plusMillis(index));
    }
    VideoJob late = queued(quiet, provider, at.minusSeconds(1));
    repository.insert(late, null, at.minusSeconds(1));

    List<VideoJob> claimed = repository.claimDue("node", CLAIM_LIMIT, LEASE_MILLIS, at);

    assertThat(claimed.stream().filter(job -> job.provider().equals(provider)).map(VideoJob::organizationId))
        .containsOnly(busy.id(), quiet.id())
        .filteredOn(quiet.id()::equals)
        .hasSize(1);
    assertThat(claimed.stream().filter(job -> job.organizationId().equals(busy.id())).count()).isEqualTo(2);
  }

  @Test
  void aProvidersSubmissionRateIsATokenBucketSharedByEveryClaimer() {
    String provider = "rated-" + UUID.randomUUID();
    Organization organization = LedgerFixture.organization();
    JobLimits limits =
        JobLimits.defaults().withMaxConcurrentPerOrganization(100).withMaxConcurrent(provider, 100).withRequestsPerSecond(provider, 2);
    VideoRepository first = new VideoRepository(LedgerFixture.database().jdbi(), limits);
    VideoRepository second = new VideoRepository(LedgerFixture.database().jdbi(), limits);
    for (int index = 0; index < 10; index++) {
      first.insert(queued(organization, provider, start.minusSeconds(60)), null, start.minusSeconds(60));
    }

    assertThat(claimedOf(first.claimDue("a", CLAIM_LIMIT, LEASE_MILLIS, start), provider)).as("a full bucket: one second of burst").isEqualTo(2);
    assertThat(claimedOf(second.claimDue("b", CLAIM_LIMIT, LEASE_MILLIS, start), provider)).as("the same instant on another node").isZero();
    assertThat(claimedOf(second.claimDue("b", CLAIM_LIMIT, LEASE_MILLIS, start.plusMillis(250)), provider)).as("half a token").isZero();
    assertThat(claimedOf(first.claimDue("a", CLAIM_LIMIT, LEASE_MILLIS, start.plusMillis(500)), provider)).isEqualTo(1);
    assertThat(claimedOf(second.claimDue("b", CLAIM_LIMIT, LEASE_MILLIS, start.plusMillis(10_500)), provider))
        .as("ten idle seconds refill only the burst")
        .isEqualTo(2);
  }
}
