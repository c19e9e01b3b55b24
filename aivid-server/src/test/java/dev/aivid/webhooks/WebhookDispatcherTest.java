package dev.aivid.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.connections.internal.CredentialCipher;
import dev.aivid.database.Database;
import dev.aivid.fetch.HostResolver;
import dev.aivid.support.Ids;
import dev.aivid.support.TestServers;
import dev.aivid.webhooks.internal.WebhookRepository;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox and the dispatcher on a database of their own, with a clock the test moves: retries and
 * the 24 h give-up are driven by the clock, never waited for.
 */
class WebhookDispatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2100-01-01T00:00:00Z");
  private static Database database;
  private static SecretSealing sealing;

  private final MutableClock clock = new MutableClock(START);
  private final Ids ids = new Ids(new SecureRandom());
  private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
  private WebhookRepository repository;
  private WebhookService service;
  private WebhookEvents events;
  private WebhookDispatcher dispatcher;
  private WebhookReceiver receiver;
  private String organization;

  @BeforeAll
  static void openDatabase() {
    database = Database.open(null, TestServers.temporaryDirectory("aivid-webhooks-"), false);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    CredentialCipher cipher = new CredentialCipher(key, new SecureRandom());
    sealing =
        new SecretSealing() {
          @Override
          public Sealed seal(byte[] plaintext, String associatedData) {
            CredentialCipher.Sealed sealed = cipher.seal(plaintext, associatedData);
            return new Sealed(sealed.nonce(), sealed.ciphertext(), sealed.keyId());
          }

          @Override
          public byte[] open(Sealed sealed, String associatedData) {
            return cipher.open(new CredentialCipher.Sealed(sealed.nonce(), sealed.ciphertext(), sealed.keyId()), associatedData);
          }
        };
  }

  @AfterAll
  static void closeDatabase() {
    database.close();
  }

  @BeforeEach
  void setUp() {
    repository = new WebhookRepository(database.jdbi());
    service = new WebhookService(repository, sealing, HostResolver.system(), true, ids, new SecureRandom(), clock);
    events = new WebhookEvents(repository, JSON, ids, clock, () -> {});
    dispatcher = dispatcher("node-a");
    receiver = WebhookReceiver.start();
    organization = newOrganization();
  }

  @AfterEach
  void tearDown() {
    dispatchers.forEach(WebhookDispatcher::close);
    receiver.close();
    database.jdbi().useHandle(handle -> handle.execute("delete from webhook_endpoints"));
  }

  private WebhookDispatcher dispatcher(String nodeId) {
    WebhookDispatcher created =
        new WebhookDispatcher(
            repository, sealing, HostResolver.system(), true, clock, new Random(7), nodeId, 8, 4, Duration.ofSeconds(60));
    dispatchers.add(created);
    return created;
  }

  private String newOrganization() {
    String id = "org_" + UUID.randomUUID().toString().replace("-", "");
    database.jdbi().useHandle(handle -> handle.execute("insert into organizations (id, name) values (?, ?)", id, id));
    return id;
  }

  private Webhook subscribe(String organizationId, String url, String... types) {
    CreatedWebhook created = service.create(organizationId, url, List.of(types), null);
    receiver.trust(created.secret());
    return created.webhook();
  }

  private static ObjectNode video(String id) {
    return JSON.createObjectNode().put("id", id).put("status", "completed");
  }

  private Delivery onlyDelivery(Webhook webhook) {
    List<Delivery> deliveries = service.deliveries(organization, webhook.id(), null, 100).deliveries();
    assertThat(deliveries).hasSize(1);
    return deliveries.getFirst();
  }

  @Test
  void aFailedAttemptIsRetriedAfterItsBackoffAndTheLogKeepsBothAttempts() throws Exception {
    Webhook webhook = subscribe(organization, receiver.url(), "video.completed");
    receiver.answerNext(500);
    assertThat(events.publish(organization, "video.completed", video("video_1"))).isEqualTo(1);

    assertThat(dispatcher.deliverDue()).isEqualTo(1);
    Delivery first = onlyDelivery(webhook);
    assertThat(first.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(first.attemptCount()).isEqualTo(1);
    assertThat(first.lastResponseCode()).isEqualTo(500);
    assertThat(first.lastError()).isEqualTo("HTTP 500");
    assertThat(Duration.between(START, first.nextAttemptAt())).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
    assertThat(dispatcher.deliverDue()).as("not due before its backoff").isZero();

    clock.advance(Duration.ofSeconds(6));
    assertThat(dispatcher.deliverDue()).isEqualTo(1);
    Delivery second = onlyDelivery(webhook);
    assertThat(second.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(second.attemptCount()).isEqualTo(2);
    assertThat(second.lastResponseCode()).isEqualTo(200);
    assertThat(second.lastError()).isNull();
    assertThat(second.nextAttemptAt()).isNull();
    assertThat(second.deliveredAt()).isEqualTo(START.plusSeconds(6));
    assertThat(second.attempts()).extracting(DeliveryAttempt::responseCode).containsExactly(500, 200);
    assertThat(second.attempts()).extracting(DeliveryAttempt::attemptedAt).containsExactly(START, START.plusSeconds(6));

    List<WebhookReceiver.Received> received = receiver.received();
    assertThat(received).hasSize(2).allMatch(WebhookReceiver.Received::verified);
    assertThat(received.get(1).id()).isEqualTo(received.get(0).id()).isEqualTo(second.eventId());
    assertThat(received).extracting(WebhookReceiver.Received::timestamp)
        .containsExactly(Long.toString(START.getEpochSecond()), Long.toString(START.getEpochSecond() + 6));
    assertThat(received.get(1).text()).isEqualTo(received.get(0).text());
    assertThat(dispatcher.deliverDue()).isZero();
  }

  @Test
  void aDeliveryThatKeepsFailingIsGivenUpTwentyFourHoursAfterItsFirstAttemptAndCanBeRedelivered() throws Exception {
    Webhook webhook = subscribe(organization, receiver.url(), "video.failed");
    receiver.answerAlways(503);
    events.publish(organization, "video.failed", video("video_2"));

    Delivery delivery = null;
    for (int round = 0; round < 100; round++) {
      assertThat(dispatcher.deliverDue()).isEqualTo(1);
      delivery = onlyDelivery(webhook);
      if (delivery.status() != DeliveryStatus.PENDING) {
        break;
      }
      assertThat(delivery.nextAttemptAt()).isBeforeOrEqualTo(START.plus(Duration.ofHours(24)));
      clock.set(delivery.nextAttemptAt());
    }
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(delivery.nextAttemptAt()).isNull();
    assertThat(delivery.lastResponseCode()).isEqualTo(503);
    List<Instant> times = delivery.attempts().stream().map(DeliveryAttempt::attemptedAt).toList();
    assertThat(times.getFirst()).isEqualTo(START);
    assertThat(times.getLast()).isBefore(START.plus(Duration.ofHours(24))).isAfter(START.plus(Duration.ofHours(20)));
    List<Duration> expected =
        List.of(
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(1));
    for (int gap = 0; gap < times.size() - 1; gap++) {
      long millis = Duration.between(times.get(gap), times.get(gap + 1)).toMillis();
      long base = (gap < expected.size() ? expected.get(gap) : Duration.ofHours(2)).toMillis();
      assertThat((double) millis).as("gap " + gap).isCloseTo(base, within(base * 0.2 + 1));
    }
    assertThat(delivery.attemptCount()).isEqualTo(times.size()).isBetween(12, 20);
    assertThat(receiver.received()).hasSize(times.size()).allMatch(WebhookReceiver.Received::verified);

    receiver.answerAlways(204);
    Delivery redelivered = service.redeliver(organization, webhook.id(), delivery.id());
    assertThat(redelivered.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(redelivered.nextAttemptAt()).isEqualTo(clock.instant());
    assertThat(dispatcher.deliverDue()).isEqualTo(1);
    Delivery done = onlyDelivery(webhook);
    assertThat(done.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(done.attemptCount()).isEqualTo(times.size() + 1);
    assertThat(done.lastResponseCode()).isEqualTo(204);
    assertThat(receiver.received().getLast().id()).isEqualTo(done.eventId());
  }

  @Test
  void anUnreachableReceiverIsLoggedAsAnErrorWithoutAStatusCode() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Webhook webhook = subscribe(organization, "http://127.0.0.1:" + closedPort + "/hooks", "video.completed");
    events.publish(organization, "video.completed", video("video_3"));

    assertThat(dispatcher.deliverDue()).isEqualTo(1);
    Delivery delivery = onlyDelivery(webhook);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(delivery.lastResponseCode()).isNull();
    assertThat(delivery.lastError()).startsWith("connection failed");
    assertThat(delivery.attempts().getFirst().error()).startsWith("connection failed");
  }

  @Test
  void aRedeliveryIsRefusedWhileAnotherNodeHoldsTheDelivery() {
    Webhook webhook = subscribe(organization, receiver.url(), "video.completed");
    events.publish(organization, "video.completed", video("video_4"));
    assertThat(repository.claimDue("node-elsewhere", 10, clock.instant().plusSeconds(60), clock.instant())).hasSize(1);

    Delivery delivery = onlyDelivery(webhook);
    assertThatThrownBy(() -> service.redeliver(organization, webhook.id(), delivery.id()))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.code()).isEqualTo("delivery_in_progress"));
    assertThatThrownBy(() -> service.redeliver(organization, webhook.id(), "whd_missing"))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.code()).isEqualTo("delivery_not_found"));
    repository.releaseAll("node-elsewhere");
    assertThat(service.redeliver(organization, webhook.id(), delivery.id()).status()).isEqualTo(DeliveryStatus.PENDING);
  }

  @Test
  void anEventExistsOnlyIfTheTransactionThatPublishedItCommits() throws Exception {
    Webhook webhook = subscribe(organization, receiver.url(), "video.completed");

    assertThatThrownBy(
            () ->
                database
                    .jdbi()
                    .useTransaction(
                        handle -> {
                          handle.execute("insert into organizations (id, name) values ('org_rolled_back', 'rolled back')");
                          events.publish(organization, "video.completed", video("video_rolled_back"));
                          throw new IllegalStateException("the change fails after publishing");
                        }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(service.deliveries(organization, webhook.id(), null, 100).deliveries()).isEmpty();
    assertThat(dispatcher.deliverDue()).isZero();

    database.jdbi().useTransaction(handle -> events.publish(organization, "video.completed", video("video_committed")));
    assertThat(dispatcher.deliverDue()).isEqualTo(1);
    assertThat(receiver.received()).hasSize(1);
    assertThat(receiver.received().getFirst().text()).contains("video_committed");
  }

  @Test
  void anEventReachesOnlyTheOrganisationsEndpointsThatSubscribeToIt() throws Exception {
    Webhook videos = subscribe(organization, receiver.url(), "video.completed", "video.failed");
    Webhook credits = subscribe(organization, receiver.url(), "credits.low");
    String other = newOrganization();
    subscribe(other, receiver.url(), "video.completed");

    assertThat(events.publish(organization, "video.completed", video("video_5"))).isEqualTo(1);
    assertThat(events.publish(organization, "storyboard.completed", JSON.createObjectNode())).isZero();
    assertThat(service.deliveries(organization, videos.id(), null, 100).deliveries()).hasSize(1);
    assertThat(service.deliveries(organization, credits.id(), null, 100).deliveries()).isEmpty();
    assertThatThrownBy(() -> service.deliveries(other, videos.id(), null, 100))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.code()).isEqualTo("webhook_not_found"));
    assertThatThrownBy(() -> events.publish(organization, "video.exploded", JSON.createObjectNode()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void severalNodesDeliverEachEventOnce() throws Exception {
    subscribe(organization, receiver.url(), "video.completed");
    for (int i = 0; i < 24; i++) {
      events.publish(organization, "video.completed", video("video_many_" + i));
    }
    List<WebhookDispatcher> nodes = List.of(dispatcher, dispatcher("node-b"), dispatcher("node-c"));
    try (ExecutorService threads = Executors.newFixedThreadPool(nodes.size())) {
      int attempts = 0;
      for (int round = 0; round < 24 && attempts < 24; round++) {
        List<Future<Integer>> rounds = new ArrayList<>();
        for (WebhookDispatcher node : nodes) {
          rounds.add(threads.submit((Callable<Integer>) node::deliverDue));
        }
        for (Future<Integer> result : rounds) {
          attempts += result.get();
        }
      }
      assertThat(attempts).isEqualTo(24);
    }
    Set<String> ids = new HashSet<>();
    receiver.received().forEach(request -> ids.add(request.id()));
    assertThat(receiver.received()).hasSize(24).allMatch(WebhookReceiver.Received::verified);
    assertThat(ids).hasSize(24);
  }

  @Test
  void creditsLowIsPublishedOncePerCrossingOfTenPercentOfTheGrants() {
    Webhook webhook = subscribe(organization, receiver.url(), "credits.low");
    List<Boolean> alerts = new ArrayList<>();
    long[][] observations = {
      {50, 100}, // above 10 of 100
      {9, 100}, // crosses: alert
      {5, 100}, // still below: no repeat
      {105, 200}, // a top-up, seen above 20 of 200
      {15, 200}, // crosses again: alert
      {8, 300}, // 100 granted since 15 was seen lifted it to 115 ≥ 30 unseen: a new crossing
      {8, 301}, // 1 granted since 8 was seen: still below, no alert
    };
    for (long[] observation : observations) {
      int before = service.deliveries(organization, webhook.id(), null, 100).deliveries().size();
      events.poolBalanceAfterPost(
          organization, () -> new PoolBalance(observation[0] * 1_000_000, observation[1] * 1_000_000));
      alerts.add(service.deliveries(organization, webhook.id(), null, 100).deliveries().size() > before);
    }
    assertThat(alerts).containsExactly(false, true, false, false, true, true, false);
    Delivery latest = service.deliveries(organization, webhook.id(), null, 1).deliveries().getFirst();
    assertThat(latest.eventType()).isEqualTo("credits.low");
  }
}
