package dev.aivid.jobs;

import dev.aivid.connections.ProviderConnections;
import dev.aivid.jobs.internal.CallbackRepository;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.callbacks.CallbackLinks;
import dev.aivid.providers.callbacks.CallbackNotice;
import dev.aivid.providers.callbacks.SignatureCheck;
import dev.aivid.providers.http.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives provider callbacks. A callback is authenticated by its URL's per-job token (Kling,
 * Seedance) or by its signature under the job's credential's webhook secret (OpenAI), and then only
 * wakes the job: the worker polls the provider at once and believes what the poll says, never the
 * callback's body. So a duplicate callback costs at most one more poll, a callback for a finished
 * job changes nothing, and one that arrives while the submit is still being stored wakes the job
 * right after it.
 */
public final class ProviderCallbackService {
  /** The token of signed-webhook providers' one endpoint: their signature is the authentication. */
  public static final String SIGNED_WEBHOOK_TOKEN = "webhook";

  /**
   * A signed webhook names the render, not the job, and may overtake the submit step that stores the
   * render's handle (the provider answers the create, then finishes a short render at once): the
   * lookup is retried this long before the render counts as unknown.
   */
  private static final Duration EARLY_CALLBACK_WAIT = Duration.ofSeconds(5);
  private static final Duration EARLY_CALLBACK_RECHECK = Duration.ofMillis(100);
  /** Unauthenticated callers could otherwise hold any number of such waits open. */
  private static final int MAX_EARLY_CALLBACK_WAITS = 16;
  private static final Logger LOG = LoggerFactory.getLogger(ProviderCallbackService.class);

  private final CallbackLinks links;
  private final Map<String, ProviderFactory> factories;
  private final ProviderConnections connections;
  private final CallbackRepository repository;
  private final InstantSource clock;
  private final Runnable wakeWorker;
  private final Sleeper sleeper;
  private final Semaphore earlyCallbackWaits = new Semaphore(MAX_EARLY_CALLBACK_WAITS);

  public ProviderCallbackService(
      CallbackLinks links,
      List<ProviderFactory> factories,
      ProviderConnections connections,
      CallbackRepository repository,
      InstantSource clock,
      Sleeper sleeper,
      Runnable wakeWorker) {
    this.sleeper = sleeper;
    Map<String, ProviderFactory> byName = new LinkedHashMap<>();
    factories.forEach(factory -> byName.put(factory.name(), factory));
    this.links = links;
    this.factories = Map.copyOf(byName);
    this.connections = connections;
    this.repository = repository;
    this.clock = clock;
    this.wakeWorker = wakeWorker;
  }

  /** What became of one callback; switched over exhaustively by the HTTP layer. */
  public sealed interface Outcome {
    /** The job is due now; the worker polls its provider next. */
    record Woken(String videoId) implements Outcome {}

    /** Authentic, but about a job that is finished, deleted or moved to another provider: a no-op. */
    record Ignored(String videoId, String reason) implements Outcome {}

    /** No such provider, token or render: nothing was changed. */
    record Unknown() implements Outcome {}

    /** The signature is missing, wrong or stale: nothing was changed. */
    record Unauthenticated(SignatureCheck check) implements Outcome {}

    /** The body is not this provider's callback: nothing was changed. */
    record Malformed() implements Outcome {}
  }

  /**
   * @param headers request headers by lower-case name
   * @param body the raw body, already bounded by the caller
   */
  public Outcome receive(String provider, String token, Map<String, String> headers, byte[] body) {
    ProviderFactory factory = factories.get(provider);
    if (factory == null) {
      return new Outcome.Unknown();
    }
    if (token.equals(SIGNED_WEBHOOK_TOKEN)) {
      return receiveSigned(provider, factory, headers, body);
    }
    Optional<String> videoId = links.jobId(provider, token);
    if (videoId.isEmpty()) {
      return new Outcome.Unknown();
    }
    Optional<CallbackNotice> notice = factory.readCallback(body);
    if (notice.isEmpty()) {
      return new Outcome.Malformed();
    }
    Optional<CallbackRepository.Target> target = repository.find(videoId.get());
    if (target.isEmpty()) {
      return new Outcome.Ignored(videoId.get(), "the video no longer exists");
    }
    return wake(target.get(), provider, notice.get());
  }

  private Outcome receiveSigned(
      String provider, ProviderFactory factory, Map<String, String> headers, byte[] body) {
    Optional<CallbackNotice> notice = factory.readCallback(body);
    if (notice.isEmpty()) {
      return new Outcome.Malformed();
    }
    Optional<CallbackRepository.Target> target = awaitRender(provider, notice.get().renderId());
    if (target.isEmpty()) {
      return new Outcome.Unknown();
    }
    // The secret of the credential that made the render: one organisation's secret never
    // authenticates a callback about another's video.
    SignatureCheck check =
        connections
            .adapter(target.get().organizationId(), provider)
            .map(adapter -> adapter.checkSignature(headers, body))
            .orElse(SignatureCheck.NO_SECRET);
    if (check != SignatureCheck.VALID) {
      return new Outcome.Unauthenticated(check);
    }
    return wake(target.get(), provider, notice.get());
  }

  private Optional<CallbackRepository.Target> awaitRender(String provider, String renderId) {
    Optional<CallbackRepository.Target> target = repository.findByRender(provider, renderId);
    if (target.isPresent() || !earlyCallbackWaits.tryAcquire()) {
      return target;
    }
    try {
      Instant deadline = clock.instant().plus(EARLY_CALLBACK_WAIT);
      while (target.isEmpty() && clock.instant().isBefore(deadline)) {
        sleeper.sleep(EARLY_CALLBACK_RECHECK);
        target = repository.findByRender(provider, renderId);
      }
      return target;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      earlyCallbackWaits.release();
    }
  }

  private Outcome wake(CallbackRepository.Target target, String provider, CallbackNotice notice) {
    if (target.deleted() || target.phase().isTerminal()) {
      return new Outcome.Ignored(target.videoId(), "the video is " + (target.deleted() ? "deleted" : target.phase().databaseName()));
    }
    if (!target.provider().equals(provider)) {
      return new Outcome.Ignored(target.videoId(), "the video moved to " + target.provider());
    }
    if (!repository.requestWake(target.videoId(), clock.instant())) {
      return new Outcome.Ignored(target.videoId(), "the video finished meanwhile");
    }
    LOG.debug("{} called back for {} ({}): polling now", provider, target.videoId(), notice.status());
    wakeWorker.run();
    return new Outcome.Woken(target.videoId());
  }
}
