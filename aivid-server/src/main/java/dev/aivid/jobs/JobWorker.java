package dev.aivid.jobs;

import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.VideoSize;
import dev.aivid.credits.Charge;
import dev.aivid.credits.LedgerService;
import dev.aivid.credits.SettleResult;
import dev.aivid.jobs.internal.VideoRepository;
import dev.aivid.media.MediaException;
import dev.aivid.media.frames.FrameSampler;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.media.qc.QcIssue;
import dev.aivid.media.qc.QcOrder;
import dev.aivid.media.qc.QcReport;
import dev.aivid.media.qc.VideoQc;
import dev.aivid.jobs.internal.QcRepository;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.RenderStatus;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.callbacks.CallbackLinks;
import dev.aivid.providers.callbacks.CallbackStyle;
import dev.aivid.connections.ProviderConnections;
import dev.aivid.jobs.internal.EncodedAssets;
import dev.aivid.jobs.internal.RoutingRepository;
import dev.aivid.credits.HoldRequest;
import dev.aivid.credits.HoldResult;
import dev.aivid.providers.ControlVerdict;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.ShotReference;
import dev.aivid.routing.ShotPlan;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.function.Function;
import dev.aivid.routing.ExtendPlan;
import dev.aivid.storage.Blob;
import dev.aivid.storage.BlobStore;
import dev.aivid.credits.AccountBalance;
import dev.aivid.credits.Credits;
import dev.aivid.webhooks.PoolBalance;
import dev.aivid.webhooks.WebhookEventType;
import dev.aivid.webhooks.WebhookEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due jobs from PostgreSQL with {@code FOR UPDATE SKIP LOCKED} and advances each by one short
 * step (submit, poll or download), then reschedules it. No thread ever waits on a render, so any
 * node can pick up any job, and a job survives the node that started it.
 */
public final class JobWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);
  private static final long IDLE_POLL_MILLIS = 250;
  private static final long RENDER_POLL_MILLIS = RenderPollSchedule.POLL_MILLIS;
  private static final int MAX_RETRIES = 8;
  private static final long MAX_BACKOFF_MILLIS = 60_000;

  private final VideoRepository repository;
  private final LedgerService ledger;
  private final Catalog catalog;
  private final ProviderConnections connections;
  private final RoutingRepository routing;
  private final EncodedAssets encodedAssets;
  private final QcRepository qcReports;
  private final ObjectMapper json;
  private final BlobStore blobs;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final String nodeId;
  private final int concurrency;
  private final long leaseMillis;
  private final Semaphore permits;
  private final int outputConcurrency;
  private final Semaphore outputPermits;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final RenderPollSchedule pollSchedule;
  private final ArrayBlockingQueue<Boolean> wakeSignal = new ArrayBlockingQueue<>(1);
  private final ExecutorService steps = Executors.newVirtualThreadPerTaskExecutor();
  private final Counter completed;
  private final Counter failed;
  private final WebhookEvents webhookEvents;
  private final CallbackLinks callbackLinks;
  private final ChainRenderer chains;
  private volatile boolean running;
  private volatile boolean backlogged;
  private @Nullable Thread dispatcher;
  private @Nullable Thread heartbeat;

  public JobWorker(
      VideoRepository repository,
      LedgerService ledger,
      Catalog catalog,
      ProviderConnections connections,
      RoutingRepository routing,
      QcRepository qcReports,
      ObjectMapper json,
      BlobStore blobs,
      InstantSource clock,
      RandomGenerator random,
      String nodeId,
      int concurrency,
      long leaseMillis,
      MeterRegistry meters,
      WebhookEvents webhookEvents,
      CallbackLinks callbackLinks) {
    this.callbackLinks = callbackLinks;
    this.repository = repository;
    this.webhookEvents = webhookEvents;
    this.ledger = ledger;
    this.catalog = catalog;
    this.connections = connections;
    this.routing = routing;
    this.json = json;
    this.encodedAssets = new EncodedAssets(blobs, 512L * 1024 * 1024);
    this.qcReports = qcReports;
    this.blobs = blobs;
    this.chains = new ChainRenderer(routing, catalog, blobs);
    this.clock = clock;
    this.pollSchedule = new RenderPollSchedule(clock);
    this.random = random;
    this.nodeId = nodeId;
    this.concurrency = concurrency;
    this.leaseMillis = leaseMillis;
    this.permits = new Semaphore(concurrency);
    this.outputConcurrency = Math.max(1, concurrency / 2);
    this.outputPermits = new Semaphore(outputConcurrency);
    this.completed = meters.counter("aivid_videos_completed");
    this.failed = meters.counter("aivid_videos_failed");
    meters.gauge("aivid_worker_steps_in_flight", inFlight, Set::size);
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    repository.heartbeat(nodeId, clock.instant());
    dispatcher = Thread.ofPlatform().name("job-dispatcher").daemon().start(this::dispatchLoop);
    heartbeat = Thread.ofPlatform().name("job-heartbeat").daemon().start(this::heartbeatLoop);
  }

  public boolean isRunning() {
    return running;
  }

  public String nodeId() {
    return nodeId;
  }

  /** Asks the dispatcher to look for work now instead of at its next idle tick. */
  public void wake() {
    wakeSignal.offer(Boolean.TRUE);
  }

  private void dispatchLoop() {
    while (running) {
      try {
        int free = permits.availablePermits();
        int freeOutputs = outputPermits.availablePermits();
        List<VideoJob> claimed =
            free == 0 && freeOutputs == 0
                ? List.of()
                : repository.claimDue(nodeId, free, freeOutputs, leaseMillis, clock.instant());
        int outputs = (int) claimed.stream().filter(JobWorker::isOutputStep).count();
        // All permits of a kind busy, or as many due jobs as its permits: more may be due, so the
        // next step to finish wakes this loop instead of leaving it to the idle tick.
        backlogged = free == 0 || claimed.size() - outputs == free || freeOutputs == 0 || outputs == freeOutputs;
        for (VideoJob job : claimed) {
          Semaphore permit = isOutputStep(job) ? outputPermits : permits;
          permit.acquire();
          inFlight.add(job.id());
          steps.execute(() -> runStep(job, permit));
        }
        if (claimed.isEmpty()) {
          wakeSignal.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("Claiming jobs failed; retrying", e);
        sleepQuietly(IDLE_POLL_MILLIS);
      }
    }
  }

  private void heartbeatLoop() {
    long periodMillis = Math.max(200, leaseMillis / 3);
    while (running) {
      try {
        repository.heartbeat(nodeId, clock.instant());
        repository.extendLeases(nodeId, inFlight, leaseMillis, clock.instant());
      } catch (RuntimeException e) {
        LOG.warn("Lease heartbeat failed", e);
      }
      if (!sleepQuietly(periodMillis)) {
        return;
      }
    }
  }

  private static boolean sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Fetching, probing, checking and storing an output is the heavy step (CPU and bytes); it runs
   * under permits of its own, so a wave of finished renders never holds every permit while queued
   * jobs wait to be submitted into the provider slots those renders freed.
   */
  private static boolean isOutputStep(VideoJob job) {
    return job.phase() == VideoPhase.DOWNLOADING;
  }

  private void runStep(VideoJob job, Semaphore permit) {
    try {
      Step result = step(job);
      boolean stored =
          repository.completeStep(
              result.job(),
              nodeId,
              ownerNode(result.job()),
              result.runAt(),
              result.detail(),
              () -> announce(result.job()),
              result.durable());
      if (!stored && result.job().providerHandle() != null && !result.job().phase().isTerminal()) {
        // Deleted (or taken over) while this step ran: make sure nothing keeps rendering for it.
        cancelQuietly(result.job());
      }
      if (stored && result.job().phase() == VideoPhase.COMPLETED) {
        completed.increment();
      } else if (stored && result.job().phase() == VideoPhase.FAILED) {
        failed.increment();
      }
      boolean freedSlot = job.phase() == VideoPhase.SUBMITTED && result.job().phase() != VideoPhase.SUBMITTED;
      if (stored && (freedSlot || !result.runAt().isAfter(clock.instant()))) {
        // A render leaving its provider frees a concurrency slot: a queued job may be claimed now.
        wake();
      }
    } catch (RuntimeException e) {
      LOG.error("Step for {} failed unexpectedly", job.id(), e);
      Step retry = retry(job, "internal_error", String.valueOf(e.getMessage()), null);
      repository.completeStep(
          retry.job(), nodeId, ownerNode(retry.job()), retry.runAt(), retry.detail(), () -> announce(retry.job()));
    } finally {
      inFlight.remove(job.id());
      permit.release();
      if (backlogged) {
        wake();
      }
    }
  }

  /**
   * {@code video.completed} or {@code video.failed}, written in the transaction that stores the
   * terminal phase: a job reaches it once (later claims skip terminal rows), so each is sent once.
   */
  private void announce(VideoJob job) {
    WebhookEventType type =
        switch (job.phase()) {
          case COMPLETED -> WebhookEventType.VIDEO_COMPLETED;
          case FAILED -> WebhookEventType.VIDEO_FAILED;
          case QUEUED, SUBMITTED, DOWNLOADING, CANCELLED -> null;
        };
    if (type == null) {
      return;
    }
    ObjectNode data = json.createObjectNode();
    data.put("id", job.id());
    data.put("object", "video");
    data.put("status", job.phase().openAiStatus());
    data.put("model", job.model());
    data.put("seconds", Integer.toString(job.seconds()));
    data.put("size", job.size());
    if (job.errorCode() != null) {
      ObjectNode error = data.putObject("error");
      error.put("code", job.errorCode());
      error.put("message", job.errorMessage());
    } else {
      data.putNull("error");
    }
    data.put("credits_charged", Credits.format(job.chargedMicros() == null ? 0 : job.chargedMicros()));
    webhookEvents.publish(job.organizationId(), type.wireName(), data);
  }

  /** A post may leave the pool low: {@code credits.low} is decided (once per crossing) by the webhooks feature. */
  private void observePoolAfterPost(String organizationId) {
    try {
      webhookEvents.poolBalanceAfterPost(
          organizationId,
          () -> {
            AccountBalance pool = ledger.balance(organizationId).pool();
            return new PoolBalance(
                pool.availableMicros() == null ? 0 : pool.availableMicros(), pool.creditedMicros());
          });
    } catch (RuntimeException e) {
      LOG.warn("Could not check the credit pool of {} for credits.low", organizationId, e);
    }
  }

  private @Nullable String ownerNode(VideoJob job) {
    boolean inProcess =
        job.provider().equals(ProviderConnections.LOCAL) && connections.local().rendersInThisProcess();
    return inProcess && job.providerHandle() != null && !job.phase().isTerminal() ? nodeId : null;
  }

  private void cancelQuietly(VideoJob job) {
    if (job.providerHandle() != null) {
      connections.adapter(job.organizationId(), job.provider()).ifPresent(provider -> provider.cancel(job.providerHandle()));
    }
  }

  public EncodedAssets encodedAssets() {
    return encodedAssets;
  }

  private Step step(VideoJob job) {
    if (job.phase().isTerminal()) {
      return new Step(job, clock.instant(), "");
    }
    Optional<VideoProvider> adapter = connections.adapter(job.organizationId(), job.provider());
    if (adapter.isEmpty()) {
      return failOver(job, "provider_not_configured", "Provider " + job.provider() + " has no credentials any more");
    }
    VideoProvider provider = adapter.get();
    return switch (job.phase()) {
      case QUEUED -> submit(provider, job);
      case SUBMITTED -> poll(provider, job);
      case DOWNLOADING -> download(provider, job);
      case COMPLETED, FAILED, CANCELLED -> new Step(job, clock.instant(), "");
    };
  }

  private Step submit(VideoProvider provider, VideoJob job) {
    RoutingRecord record = routing.find(job.id()).orElse(null);
    RenderRequest request =
        renderRequest(job, record).withCallbackUrl(callbackLinks.url(provider.name(), job.id()).orElse(null));
    List<ControlVerdict> verdicts = provider.translate(request);
    if (record != null && !verdicts.isEmpty()) {
      routing.saveVerdicts(job.id(), verdictsJson(record, verdicts));
    }
    if (chains.isChain(job)) {
      return submitSegment(provider, job, request);
    }
    return submitted(
        job,
        provider.submit(request),
        handle ->
            new Step(
                job.advance(VideoPhase.SUBMITTED, 1, handle, 0),
                clock.instant().plusMillis(renderPollMillis(provider)),
                "submitted to " + job.model()));
  }

  private Step submitted(VideoJob job, ProviderOutcome<String> outcome, Function<String, Step> onSuccess) {
    return switch (outcome) {
      case ProviderOutcome.Success<String> success -> onSuccess.apply(success.value());
      case ProviderOutcome.ProviderError<String> error ->
          switchable(error.code(), error.retryable())
              ? failOver(job, error.code(), error.message(), error.retryAfter(), error.retryable())
              : fail(job, error.code(), error.message());
      case ProviderOutcome.TransportFailure<String> failure ->
          failOver(job, "provider_unreachable", failure.message(), null, true);
    };
  }

  /**
   * A render the provider will call back about is polled only as the fallback: the callback wakes
   * the job (provider callbacks, docs/providers/README.md).
   */
  private long renderPollMillis(VideoProvider provider) {
    return callbackLinks.enabled() && provider.callbackStyle() != CallbackStyle.NONE
        ? callbackLinks.pollIntervalWithCallbacks().toMillis()
        : RENDER_POLL_MILLIS;
  }

  /**
   * The next segment of an extend chain: the model's native extension of the previous segment, or
   * a render that opens on the previous output's last frame (also when the provider turns the
   * extension down). Every segment carries the shot's references; the job's hold covers them all.
   */
  private Step submitSegment(VideoProvider provider, VideoJob job, RenderRequest whole) {
    Optional<ChainRenderer.Next> found = chains.next(job);
    if (found.isEmpty()) {
      // Every segment is done but their joined output was refused: the new model renders it all.
      chains.restart(job);
      found = chains.next(job);
    }
    ChainRenderer.Next next = found.orElseThrow();
    ExtendPlan.Mode method = next.method();
    ProviderOutcome<String> outcome = null;
    if (method == ExtendPlan.Mode.NATIVE_EXTEND && next.previous() != null) {
      outcome = provider.extend(next.previous().providerHandle(), segmentRequest(whole, next.seconds(), null));
      if (outcome instanceof ProviderOutcome.ProviderError<String> error && error.code().equals("extend_not_supported")) {
        method = ExtendPlan.Mode.LAST_FRAME;
        outcome = null;
      }
    }
    if (outcome == null) {
      byte[] firstFrame;
      try {
        firstFrame =
            method == ExtendPlan.Mode.FIRST || next.previous() == null
                ? whole.firstFrameImage()
                : chains.lastFrame(next.previous(), job);
      } catch (MediaException e) {
        return fail(job, "chain_failed", "The last frame of segment " + next.index() + " could not be read: " + e.getMessage());
      }
      outcome = provider.submit(segmentRequest(whole, next.seconds(), firstFrame));
    }
    ExtendPlan.Mode used = method;
    String label = "segment " + (next.index() + 1) + " of " + next.plannedCount();
    return submitted(
        job,
        outcome,
        handle -> {
          routing.submitSegment(
              job.id(),
              new ChainSegment(next.index(), job.model(), job.provider(), used, next.seconds(), handle, null, clock.instant(), null));
          return new Step(
              job.advance(VideoPhase.SUBMITTED, Math.max(1, job.progress()), handle, 0),
              clock.instant().plusMillis(renderPollMillis(provider)),
              label + " (" + next.seconds() + " s, " + used.name().toLowerCase(java.util.Locale.ROOT) + ") submitted to " + job.model());
        });
  }

  private static RenderRequest segmentRequest(RenderRequest whole, int seconds, byte @Nullable [] firstFrame) {
    return new RenderRequest(
        whole.model(), whole.providerModel(), whole.prompt(), whole.width(), whole.height(), seconds, whole.seed(), firstFrame, whole.controls());
  }

  /**
   * A chain segment's output is stored (once, even when the step is retried) and the next segment
   * queued; after the last, the segments are joined and the result stored as the video's output.
   */
  private Step segmentDone(VideoJob job, Path video) {
    String handle = requireHandle(job);
    ChainSegment current =
        chains.segments(job).stream()
            .filter(segment -> segment.providerHandle().equals(handle))
            .reduce((first, second) -> second)
            .orElseThrow(() -> new IllegalStateException("no chain segment of " + job.id() + " has handle " + handle));
    if (!current.completed()) {
      try {
        VideoProbe.probe(video);
      } catch (MediaException e) {
        deleteQuietly(video);
        return failOver(job, "invalid_provider_output", "Segment " + (current.index() + 1) + " is not a video: " + e.getMessage());
      }
      Blob blob = blobs.putFile(video, "video/mp4");
      routing.completeSegment(job.id(), current.index(), handle, blob.sha256(), clock.instant());
    } else {
      deleteQuietly(video);
    }
    List<ChainSegment> done = ChainRenderer.completed(chains.segments(job));
    int covered = ChainRenderer.coveredSeconds(done);
    if (covered < job.seconds()) {
      return new Step(
          job.advance(VideoPhase.QUEUED, 1 + covered * 89 / job.seconds(), null, 0),
          clock.instant(),
          "segment " + (current.index() + 1) + " completed (" + covered + " of " + job.seconds() + " s)");
    }
    Path joined;
    try {
      joined = chains.join(job, done);
    } catch (MediaException e) {
      return failOver(job, "invalid_provider_output", "The chain's segments could not be joined: " + e.getMessage());
    }
    recordNotes(
        job,
        List.of(
            "Rendered as a chain of " + done.size() + " segments ("
                + done.stream().map(segment -> segment.seconds() + " s " + segment.methodName() + " on " + segment.model()).collect(java.util.stream.Collectors.joining(", "))
                + ") joined with hard cuts at " + job.seconds() + " s."));
    return store(job, joined);
  }

  /**
   * The provider-neutral request for the job's current model: the shot plan's files (encoded once
   * per content, shared with every later attempt), controls and the palette as words.
   */
  private RenderRequest renderRequest(VideoJob job, @Nullable RoutingRecord record) {
    CatalogModel model = catalog.find(job.model()).orElse(null);
    String providerModel = model == null ? job.model() : model.providerModel();
    ShotPlan plan = record == null ? ShotPlan.empty(false) : record.plan();
    // A stack's first image is the local engine's first frame; a provider gets it as the
    // reference it is, with its role, and its compiler decides whether it opens the shot.
    boolean alsoAReference =
        plan.references().stream().anyMatch(reference -> reference.sha256().equals(job.inputReferenceSha256()));
    byte[] firstFrame =
        job.inputReferenceSha256() == null || (alsoAReference && !job.provider().equals(ProviderConnections.LOCAL))
            ? null
            : blobs.read(job.inputReferenceSha256());
    boolean local = job.provider().equals(ProviderConnections.LOCAL);
    List<ShotReference> references = new ArrayList<>();
    for (ShotPlan.PlannedReference planned : plan.references()) {
      // A remote provider gets the camera path as its CameraIntent (the dominant move); only the
      // local engine renders the path itself.
      if (!local && planned.kind().equals("camera_path")) {
        continue;
      }
      references.add(
          new ShotReference(
              planned.mention(),
              planned.kind(),
              planned.role(),
              planned.mediaType(),
              planned.sha256(),
              planned.sizeBytes(),
              () -> encodedAssets.base64(planned.sha256())));
    }
    String prompt = job.prompt();
    return new RenderRequest(
        job.model(),
        providerModel,
        prompt,
        job.width(),
        job.height(),
        job.seconds(),
        job.seed(),
        firstFrame,
        new ShotControls(references, plan.negativePrompt(), plan.framesPerSecond(), plan.camera(), plan.seedRequested()));
  }

  private ArrayNode verdictsJson(RoutingRecord record, List<ControlVerdict> verdicts) {
    ArrayNode merged = json.createArrayNode();
    Set<String> covered = new HashSet<>();
    for (ControlVerdict verdict : verdicts) {
      ObjectNode item = merged.addObject();
      item.put("control", verdict.control());
      item.put("fidelity", verdict.fidelity().wireName());
      item.put("detail", verdict.detail());
      item.put("source", "adapter");
      covered.add(verdict.control());
    }
    // Controls the adapter was not sent (depth maps, rigs, palettes…) keep preflight's verdict.
    for (var item : record.verdicts()) {
      if (!covered.contains(item.path("control").asText())) {
        merged.add(item);
      }
    }
    return merged;
  }

  /** A provider's notes on its output, once each (a retried step reports them again). */
  private void recordNotes(VideoJob job, List<String> notes) {
    if (notes.isEmpty()) {
      return;
    }
    List<String> known = routing.find(job.id()).map(RoutingRecord::notes).orElse(List.of());
    notes.stream().filter(note -> !known.contains(note)).forEach(note -> routing.addNote(job.id(), note));
  }

  /** Errors another provider may not have: its outage, its rate limit, its account or key. */
  private static boolean switchable(String code, boolean retryable) {
    return retryable
        || code.equals(ProviderErrorCodes.CIRCUIT_OPEN)
        || code.equals(ProviderErrorCodes.AUTH_FAILED)
        || code.equals(ProviderErrorCodes.FORBIDDEN)
        || code.equals(ProviderErrorCodes.INSUFFICIENT_BALANCE)
        || code.equals(ProviderErrorCodes.NOT_FOUND)
        || code.equals(ProviderErrorCodes.RENDER_FAILED)
        || code.equals(ProviderErrorCodes.RENDER_EXPIRED)
        || code.equals(ProviderErrorCodes.RESULT_EXPIRED)
        || code.equals("provider_not_configured")
        || code.equals("qc_failed")
        || code.equals("invalid_provider_output");
  }

  private Step failOver(VideoJob job, String code, String message) {
    return failOver(job, code, message, null, false);
  }

  /**
   * Moves the job to the next model of its routing decision: the hold is re-placed at the new
   * model's price (the old one voided), the old render cancelled, and a note says why. Without a
   * fallback, a retryable error is retried in place and anything else fails the job.
   */
  private Step failOver(VideoJob job, String code, String message, @Nullable Duration retryAfter, boolean retryable) {
    RoutingRecord record = routing.find(job.id()).orElse(null);
    if (record != null) {
      Optional<String> board = record.fallbacks().isEmpty() ? Optional.empty() : repository.storyboardId(job.id());
      for (int index = 0; index < record.fallbacks().size(); index++) {
        String next = record.fallbacks().get(index);
        CatalogModel model = catalog.find(next).orElse(null);
        if (model == null || connections.adapter(job.organizationId(), model.provider()).isEmpty()) {
          continue;
        }
        VideoSize size = new VideoSize(job.width(), job.height());
        long estimate = model.pricing().priceMicros(size, Math.max(1, job.seconds() - chains.sourceSeconds(job)));
        if (board.isPresent()) {
          return failOverInsideBoard(job, record, index, model, estimate, board.get(), code, message, retryAfter, retryable);
        }
        String holdId = job.holdId() == null ? null : baseHoldId(job.holdId()) + "_s" + (record.switches() + 1);
        if (job.holdId() != null) {
          ledger.voidHold(job.holdId(), "failover from " + job.model() + " to " + model.id() + ": " + code);
        }
        if (holdId != null && estimate > 0) {
          HoldResult held =
              ledger.hold(
                  new HoldRequest(
                      holdId,
                      job.organizationId(),
                      job.projectId(),
                      repository.apiKeyId(job.id()).orElse(null),
                      estimate,
                      clock.instant().plusSeconds(model.holdTimeoutSeconds()),
                      job.id(),
                      model.provider(),
                      model.id()));
          if (held instanceof HoldResult.Insufficient insufficient) {
            return new Step(
                job.failed(
                    "insufficient_credits",
                    "Failover to " + model.id() + " needs " + dev.aivid.credits.Credits.format(insufficient.neededMicros())
                        + " credits but only " + dev.aivid.credits.Credits.format(insufficient.availableMicros())
                        + " are available; " + job.model() + " failed with " + code + ": " + message,
                    clock.instant()),
                clock.instant(),
                "failed: insufficient credits for failover");
          }
        }
        cancelQuietly(job);
        String note =
            "Failed over from " + job.model() + " to " + model.id() + " after " + code + ": " + message;
        if (!routing.recordSwitch(job.id(), record.switches(), record.fallbacks().subList(index + 1, record.fallbacks().size()), note)) {
          // Another step switched this job already; leave it to that one.
          return new Step(job, clock.instant(), "");
        }
        LOG.info("Video {}: {}", job.id(), note);
        return new Step(
            job.switchedTo(model.id(), model.provider(), estimate > 0 ? holdId : null, estimate),
            clock.instant(),
            "failover to " + model.id() + ": " + code);
      }
    }
    return retryable ? retry(job, code, message, retryAfter) : fail(job, code, message);
  }

  /**
   * A storyboard shot fails over inside its part of the board's hold: the hold stays, the new model
   * is charged at most that part when it completes, and a model that costs more fails the shot
   * with {@code insufficient_credits} (the pool is not asked again mid-board) unless the error is a
   * passing one (an outage, a rate limit): that is retried on the shot's own model, as it would be
   * without a fallback, rather than failing the whole board.
   */
  private Step failOverInsideBoard(
      VideoJob job,
      RoutingRecord record,
      int index,
      CatalogModel model,
      long estimate,
      String boardId,
      String code,
      String message,
      @Nullable Duration retryAfter,
      boolean retryable) {
    long held =
        job.holdId() == null
            ? 0
            : ledger.transfer(job.organizationId(), job.holdId()).map(dev.aivid.credits.Transfer::amountMicros).orElse(0L);
    if (estimate > held && retryable) {
      return retry(job, code, message, retryAfter);
    }
    if (estimate > held) {
      return fail(
          job,
          "insufficient_credits",
          "Failover to " + model.id() + " needs " + dev.aivid.credits.Credits.format(estimate) + " credits but storyboard "
              + boardId + " reserved " + dev.aivid.credits.Credits.format(held) + " for this shot; " + job.model()
              + " failed with " + code + ": " + message);
    }
    cancelQuietly(job);
    String note =
        "Failed over from " + job.model() + " to " + model.id() + " after " + code + ": " + message
            + " (inside storyboard " + boardId + "'s hold)";
    if (!routing.recordSwitch(job.id(), record.switches(), record.fallbacks().subList(index + 1, record.fallbacks().size()), note)) {
      return new Step(job, clock.instant(), "");
    }
    String keptHold = job.holdId();
    if (estimate == 0 && keptHold != null) {
      ledger.voidHold(keptHold, "failover to " + model.id() + ", which is free: " + code);
      keptHold = null;
    }
    LOG.info("Video {}: {}", job.id(), note);
    return new Step(
        job.switchedTo(model.id(), model.provider(), keptHold, estimate),
        clock.instant(),
        "failover to " + model.id() + ": " + code);
  }

  private static String baseHoldId(String holdId) {
    int switchMark = holdId.lastIndexOf("_s");
    return switchMark > 0 && holdId.substring(switchMark + 2).chars().allMatch(Character::isDigit)
        ? holdId.substring(0, switchMark)
        : holdId;
  }

  private Step poll(VideoProvider provider, VideoJob job) {
    String handle = requireHandle(job);
    return switch (provider.poll(handle)) {
      case ProviderOutcome.Success<RenderStatus> success ->
          switch (success.value()) {
            case RenderStatus.Running running ->
                new Step(
                    job.advance(
                        VideoPhase.SUBMITTED,
                        chains.isChain(job) ? chains.progress(job, running.percent()) : 1 + running.percent() * 89 / 100,
                        handle,
                        0),
                    clock.instant().plusMillis(nextPollMillis(provider, job.id(), running.percent())),
                    "",
                    false);
            case RenderStatus.Succeeded succeeded -> {
              pollSchedule.forget(job.id());
              recordNotes(job, succeeded.notes());
              yield new Step(job.advance(VideoPhase.DOWNLOADING, 90, handle, 0), clock.instant(), "downloading");
            }
            case RenderStatus.Failed renderFailed -> {
              pollSchedule.forget(job.id());
              yield switchable(renderFailed.code(), false)
                  ? failOver(job, renderFailed.code(), renderFailed.message())
                  : fail(job, renderFailed.code(), renderFailed.message());
            }
            case RenderStatus.Lost lost -> {
              pollSchedule.forget(job.id());
              yield new Step(
                  job.advance(VideoPhase.QUEUED, job.progress(), null, 0),
                  clock.instant(),
                  "provider lost the render; resubmitting");
            }
          };
      case ProviderOutcome.ProviderError<RenderStatus> error ->
          error.retryable()
              ? retry(job, error.code(), error.message(), error.retryAfter())
              : fail(job, error.code(), error.message());
      case ProviderOutcome.TransportFailure<RenderStatus> failure ->
          retry(job, "provider_unreachable", failure.message(), null);
    };
  }

  private long nextPollMillis(VideoProvider provider, String jobId, int percent) {
    long basePollMillis = renderPollMillis(provider);
    if (basePollMillis != RENDER_POLL_MILLIS) {
      // The provider calls back: the poll is only the fallback and already long.
      return basePollMillis;
    }
    return pollSchedule.nextPollMillis(jobId, percent);
  }


  private Step download(VideoProvider provider, VideoJob job) {
    String handle = requireHandle(job);
    Path target = blobs.temporaryFile(".mp4");
    return switch (provider.fetch(handle, target)) {
      case ProviderOutcome.Success<Path> success ->
          chains.isChain(job) ? segmentDone(job, success.value()) : store(job, success.value());
      case ProviderOutcome.ProviderError<Path> error -> {
        deleteQuietly(target);
        if (error.code().equals(ProviderErrorCodes.RESULT_EXPIRED)) {
          // The provider cannot hand the video over any more: render it elsewhere (or fail).
          yield failOver(job, error.code(), error.message());
        }
        yield error.httpStatus() == 404
            ? new Step(
                job.advance(VideoPhase.QUEUED, job.progress(), null, job.attempts() + 1),
                clock.instant(),
                "provider lost the output; resubmitting")
            : error.retryable()
                ? retry(job, error.code(), error.message(), error.retryAfter())
                : fail(job, error.code(), error.message());
      }
      case ProviderOutcome.TransportFailure<Path> failure -> {
        deleteQuietly(target);
        yield retry(job, "provider_unreachable", failure.message(), null);
      }
    };
  }

  private Step store(VideoJob job, Path video) {
    VideoInfo info;
    byte[] thumbnail;
    byte[] spritesheet;
    QcReport qc;
    try {
      info = VideoProbe.probe(video);
      if (info.durationSeconds() > job.seconds() * 4.0 + 30) {
        // Far too long to be the order: not worth decoding every frame to say so.
        deleteQuietly(video);
        return failOver(
            job, "qc_failed", "the output lasts " + info.durationSeconds() + " s for a " + job.seconds() + " s order");
      }
      qc = VideoQc.check(video, new QcOrder(job.width(), job.height(), job.seconds(), null, Math.max(0.5, job.seconds() * 0.1)));
      thumbnail = FrameSampler.thumbnailJpeg(video, Math.min(640, job.width()));
      spritesheet = FrameSampler.spritesheetJpeg(video, 4, 3, 160);
    } catch (MediaException e) {
      deleteQuietly(video);
      return failOver(job, "invalid_provider_output", "The rendered file is not a video: " + e.getMessage());
    }
    qcReports.insert(job.id(), job.model(), qc.passes(), QcJson.report(json, qc), clock.instant());
    if (!qc.passes() && !job.provider().equals(ProviderConnections.LOCAL)) {
      deleteQuietly(video);
      String issues =
          qc.issues().stream()
              .filter(issue -> issue.severity().equals(QcIssue.ERROR))
              .map(issue -> issue.code() + " (" + issue.message() + ")")
              .collect(java.util.stream.Collectors.joining("; "));
      // The order was not met (wrong duration, black, frozen…): nothing is charged for it, and the
      // next candidate renders the shot if there is one.
      return failOver(job, "qc_failed", "the output failed quality control: " + issues);
    }
    LOG.info(
        "Video {} rendered: {} {}x{} {} frames {}s, QC {}",
        job.id(),
        info.videoCodec(),
        info.width(),
        info.height(),
        info.frameCount(),
        info.durationSeconds(),
        qc.passes() ? "passed" : "flagged " + qc.issues());
    Blob videoBlob = blobs.putFile(video, "video/mp4");
    Blob thumbnailBlob = blobs.put(thumbnail, "image/jpeg");
    Blob spritesheetBlob = blobs.put(spritesheet, "image/jpeg");
    Instant now = clock.instant();
    Long charged = charge(job, info);
    if (charged != null) {
      observePoolAfterPost(job.organizationId());
    }
    VideoJob done =
        job.completed(videoBlob.sha256(), thumbnailBlob.sha256(), spritesheetBlob.sha256(), now, charged);
    return new Step(done, now, "completed");
  }

  /**
   * Posts the actual charge for what was rendered (never above the hold). A retried step after a
   * crash finds the hold already posted and charges nothing twice.
   */
  private @Nullable Long charge(VideoJob job, VideoInfo info) {
    if (job.holdId() == null) {
      return null;
    }
    CatalogModel model = catalog.find(job.model()).orElse(null);
    // An extension is charged for what it added, not for the source it continues.
    double renderedSeconds = Math.max(0.0, info.durationSeconds() - chains.sourceSeconds(job));
    long actual =
        model == null
            ? job.estimateMicros()
            : Math.min(
                job.estimateMicros(),
                model.pricing().priceMicros(new VideoSize(job.width(), job.height()), renderedSeconds));
    SettleResult result =
        ledger.post(
            job.holdId(),
            new Charge(actual, job.provider(), job.model(), (int) Math.round(renderedSeconds), job.size()));
    return switch (result) {
      case SettleResult.Posted posted -> posted.postedMicros();
      case SettleResult.AlreadyResolved resolved ->
          resolved.resolution().equals("post") ? ledger.postedMicros(job.organizationId(), job.holdId()) : 0L;
      case SettleResult.ExceedsHold exceeds -> {
        LOG.error("Charge for {} exceeded its hold: {}", job.id(), exceeds);
        yield 0L;
      }
      case SettleResult.UnknownHold unknown -> {
        LOG.error("Hold {} of video {} is unknown to the ledger", job.holdId(), job.id());
        yield 0L;
      }
      case SettleResult.Voided voided -> 0L;
      case SettleResult.Expired expired -> 0L;
    };
  }

  private Step retry(VideoJob job, String code, String message, @Nullable Duration retryAfter) {
    int attempts = job.attempts() + 1;
    if (attempts > MAX_RETRIES) {
      return fail(job, code, message + " (gave up after " + MAX_RETRIES + " retries)");
    }
    long backoff = Math.min(MAX_BACKOFF_MILLIS, 500L << Math.min(attempts, 16));
    long jittered = backoff / 2 + random.nextLong(backoff / 2 + 1);
    long waitMillis = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
    return new Step(
        job.advance(job.phase(), job.progress(), job.providerHandle(), attempts),
        clock.instant().plusMillis(Math.min(waitMillis, MAX_BACKOFF_MILLIS)),
        "retry " + attempts + ": " + code);
  }

  private Step fail(VideoJob job, String code, String message) {
    if (job.holdId() != null) {
      ledger.voidHold(job.holdId(), "render failed: " + code);
    }
    return new Step(job.failed(code, message, clock.instant()), clock.instant(), "failed: " + code);
  }


  private static String requireHandle(VideoJob job) {
    if (job.providerHandle() == null) {
      throw new IllegalStateException("Job " + job.id() + " in " + job.phase() + " has no handle");
    }
    return job.providerHandle();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover temporary file is harmless; the tmp directory is swept at startup.
    }
  }

  /** Stops claiming, lets in-flight steps finish (they are short), and releases every claim. */
  @Override
  public void close() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    wake();
    for (Thread thread : new Thread[] {dispatcher, heartbeat}) {
      if (thread != null) {
        thread.interrupt();
        try {
          thread.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    try {
      if (permits.tryAcquire(concurrency, 15, TimeUnit.SECONDS)) {
        permits.release(concurrency);
      }
      if (outputPermits.tryAcquire(outputConcurrency, 15, TimeUnit.SECONDS)) {
        outputPermits.release(outputConcurrency);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    steps.shutdown();
    repository.releaseAll(nodeId);
    repository.leave(nodeId);
  }

  /** {@code durable} false only for a poll that changed nothing but progress: see completeStep. */
  private record Step(VideoJob job, Instant runAt, String detail, boolean durable) {
    Step(VideoJob job, Instant runAt, String detail) {
      this(job, runAt, detail, true);
    }
  }
}
