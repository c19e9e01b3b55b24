package dev.aivid.webhooks;

import dev.aivid.fetch.HostResolver;
import dev.aivid.webhooks.internal.AttemptRecord;
import dev.aivid.webhooks.internal.ClaimedDelivery;
import dev.aivid.webhooks.internal.RetrySchedule;
import dev.aivid.webhooks.internal.WebhookRepository;
import dev.aivid.webhooks.internal.WebhookSignature;
import dev.aivid.webhooks.internal.WebhookUrls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries, on every node. Claims are {@code FOR UPDATE SKIP LOCKED} with a lease, so
 * several nodes share the outbox and each attempt is made by one of them; a node that dies
 * mid-attempt leaves a lease that lapses, and the delivery is attempted again elsewhere (receivers
 * deduplicate on {@code webhook-id}, as the spec advises). Each attempt is signed afresh (its own
 * {@code webhook-timestamp}), logged, and followed by {@link RetrySchedule} until a 2xx answer or 24 h.
 */
public final class WebhookDispatcher implements AutoCloseable {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
  private static final long IDLE_POLL_MILLIS = 500;
  private static final int MAX_ERROR_CHARACTERS = 500;

  private final WebhookRepository repository;
  private final SecretSealing sealing;
  private final HostResolver resolver;
  private final boolean allowPrivateUrls;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final String nodeId;
  private final int batchSize;
  private final Duration lease;
  private final Semaphore permits;
  private final HttpClient client;
  private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
  private final ArrayBlockingQueue<Boolean> wakeSignal = new ArrayBlockingQueue<>(1);
  private final Object randomLock = new Object();
  private volatile boolean running;
  private boolean closed;
  private @Nullable Thread loop;

  /**
   * @param batchSize most deliveries claimed at once
   * @param concurrency most attempts in flight on this node
   * @param lease how long a claim lasts; longer than an attempt can take (connect plus request timeout)
   */
  public WebhookDispatcher(
      WebhookRepository repository,
      SecretSealing sealing,
      HostResolver resolver,
      boolean allowPrivateUrls,
      InstantSource clock,
      RandomGenerator random,
      String nodeId,
      int batchSize,
      int concurrency,
      Duration lease) {
    if (batchSize < 1 || batchSize > 1_000) {
      throw new IllegalArgumentException("batchSize must be 1..1000, got " + batchSize);
    }
    if (concurrency < 1 || concurrency > 1_000) {
      throw new IllegalArgumentException("concurrency must be 1..1000, got " + concurrency);
    }
    if (lease.compareTo(CONNECT_TIMEOUT.plus(REQUEST_TIMEOUT).multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("lease must be at least twice the connect plus request timeout");
    }
    this.repository = repository;
    this.sealing = sealing;
    this.resolver = resolver;
    this.allowPrivateUrls = allowPrivateUrls;
    this.clock = clock;
    this.random = random;
    this.nodeId = nodeId;
    this.batchSize = batchSize;
    this.lease = lease;
    this.permits = new Semaphore(concurrency);
    // Redirects are failures (the spec's "Delivery success and failure"): the endpoint's URL should be fixed.
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public synchronized void start() {
    if (running || closed) {
      return;
    }
    running = true;
    loop = Thread.ofPlatform().name("webhook-dispatcher").daemon().start(this::dispatchLoop);
  }

  public boolean isRunning() {
    return running;
  }

  /** Asks the dispatcher to look for due deliveries now instead of at its next idle tick. */
  public void wake() {
    wakeSignal.offer(Boolean.TRUE);
  }

  /**
   * Claims what is due now (by this dispatcher's clock), attempts it, and returns once every attempt
   * is recorded; the number of attempts made.
   */
  public int deliverDue() throws InterruptedException {
    List<Future<?>> started = dispatch();
    for (Future<?> attempt : started) {
      try {
        attempt.get();
      } catch (ExecutionException e) {
        LOG.error("A webhook attempt failed unexpectedly", e.getCause());
      }
    }
    return started.size();
  }

  private void dispatchLoop() {
    while (running) {
      try {
        if (dispatch().isEmpty()) {
          wakeSignal.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("Claiming webhook deliveries failed; retrying", e);
        try {
          Thread.sleep(IDLE_POLL_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private List<Future<?>> dispatch() throws InterruptedException {
    int limit = Math.min(batchSize, permits.availablePermits());
    if (limit == 0) {
      return List.of();
    }
    Instant now = clock.instant();
    List<ClaimedDelivery> claimed = repository.claimDue(nodeId, limit, now.plus(lease), now);
    List<Future<?>> started = new ArrayList<>(claimed.size());
    for (ClaimedDelivery delivery : claimed) {
      permits.acquire();
      started.add(
          attempts.submit(
              () -> {
                try {
                  attempt(delivery);
                } finally {
                  permits.release();
                  wake();
                }
              }));
    }
    return started;
  }

  private void attempt(ClaimedDelivery delivery) {
    Instant attemptedAt = clock.instant();
    long startedNanos = System.nanoTime();
    Answer answer = send(delivery, attemptedAt);
    long durationMillis = Math.max(0, (System.nanoTime() - startedNanos) / 1_000_000);
    Instant windowStartedAt = delivery.windowStartedAt() == null ? attemptedAt : delivery.windowStartedAt();
    AttemptRecord record;
    if (answer.succeeded()) {
      record =
          new AttemptRecord(
              attemptedAt, answer.statusCode(), null, durationMillis, DeliveryStatus.DELIVERED, null, windowStartedAt);
    } else {
      Optional<Instant> next;
      synchronized (randomLock) {
        next =
            RetrySchedule.next(
                windowStartedAt, delivery.windowAttempts() + 1, clock.instant(), answer.retryAfter(), random);
      }
      record =
          new AttemptRecord(
              attemptedAt,
              answer.statusCode(),
              answer.error(),
              durationMillis,
              next.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED,
              next.orElse(null),
              windowStartedAt);
    }
    if (!repository.recordAttempt(delivery.id(), nodeId, record)) {
      LOG.info("Webhook delivery {} was deleted or taken over during its attempt; not recorded", delivery.id());
    }
  }

  private Answer send(ClaimedDelivery delivery, Instant attemptedAt) {
    byte @Nullable [] key = null;
    try {
      URI uri = URI.create(delivery.url());
      if (!allowPrivateUrls) {
        // Checked again on every attempt: the host may resolve elsewhere than when the endpoint was created.
        Optional<InetAddress> refused = WebhookUrls.nonPublicAddress(uri, resolver);
        if (refused.isPresent()) {
          return Answer.failure("the URL resolves to a non-public address (" + refused.get().getHostAddress() + ")");
        }
      }
      key =
          sealing.open(
              delivery.secret(), WebhookService.associatedData(delivery.organizationId(), delivery.endpointId()));
      byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
      long timestampSeconds = attemptedAt.getEpochSecond();
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(REQUEST_TIMEOUT)
              .header("Content-Type", "application/json")
              .header("User-Agent", "AIVid-Webhooks/1.0")
              .header("webhook-id", delivery.eventId())
              .header("webhook-timestamp", Long.toString(timestampSeconds))
              .header("webhook-signature", WebhookSignature.sign(key, delivery.eventId(), timestampSeconds, body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      // The answer's body is not needed: closing it unread stops a receiver that streams forever.
      response.body().close();
      int status = response.statusCode();
      return status >= 200 && status < 300
          ? new Answer(true, status, null, null)
          : new Answer(false, status, "HTTP " + status, retryAfter(response));
    } catch (UnknownHostException e) {
      return Answer.failure("the host does not resolve: " + e.getMessage());
    } catch (HttpTimeoutException e) {
      return Answer.failure("timed out: " + e.getMessage());
    } catch (IOException e) {
      return Answer.failure("connection failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.failure("interrupted: the node is shutting down");
    } catch (RuntimeException e) {
      LOG.warn("Webhook delivery {} could not be attempted", delivery.id(), e);
      return Answer.failure("could not be attempted: " + e.getMessage());
    } finally {
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
    }
  }

  private static @Nullable Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("retry-after")
        .filter(value -> value.strip().matches("[0-9]{1,9}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
        .orElse(null);
  }

  /** Stops claiming, lets attempts in flight finish (each is bounded by its timeouts), releases leases. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = false;
    }
    wake();
    Thread thread = loop;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    attempts.shutdown();
    try {
      attempts.awaitTermination(CONNECT_TIMEOUT.plus(REQUEST_TIMEOUT).toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
    repository.releaseAll(nodeId);
  }

  private record Answer(boolean succeeded, @Nullable Integer statusCode, @Nullable String error, @Nullable Duration retryAfter) {
    static Answer failure(String error) {
      String trimmed = error.length() > MAX_ERROR_CHARACTERS ? error.substring(0, MAX_ERROR_CHARACTERS) : error;
      return new Answer(false, null, trimmed, null);
    }
  }
}
