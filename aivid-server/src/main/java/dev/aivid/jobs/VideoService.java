package dev.aivid.jobs;

import dev.aivid.account.Principal;
import dev.aivid.catalog.Catalog;
import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.VideoSize;
import dev.aivid.credits.Credits;
import dev.aivid.credits.HoldRequest;
import dev.aivid.credits.HoldResult;
import dev.aivid.credits.LedgerService;
import dev.aivid.fetch.FetchResult;
import dev.aivid.fetch.SafeUrlFetcher;
import dev.aivid.jobs.internal.VideoRepository;
import dev.aivid.media.MediaException;
import dev.aivid.media.image.ImageInfo;
import dev.aivid.media.image.Images;
import dev.aivid.assets.Asset;
import dev.aivid.connections.ProviderConnections;
import dev.aivid.jobs.internal.RoutingRepository;
import dev.aivid.preflight.PreflightEngine;
import dev.aivid.preflight.PreflightException;
import dev.aivid.preflight.PreflightInput;
import dev.aivid.preflight.PreflightRequest;
import dev.aivid.providers.VideoProvider;
import dev.aivid.routing.ShotPlan;
import dev.aivid.routing.ShotPlanner;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import dev.aivid.assets.StackKind;
import dev.aivid.stack.Stack;
import dev.aivid.stack.StackEntry;
import dev.aivid.storage.Blob;
import dev.aivid.storage.BlobStore;
import dev.aivid.support.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Creates, reads, lists, deletes and remixes video jobs on behalf of an authenticated caller. */
public final class VideoService {
  public static final String DEFAULT_MODEL = RoutePlanning.AUTO;
  /** Seconds and size of an {@code auto} request that names none: every generative model renders them. */
  private static final int AUTO_DEFAULT_SECONDS = 4;
  private static final VideoSize AUTO_DEFAULT_SIZE = new VideoSize(1280, 720);
  private static final int MAX_PROMPT_CHARACTERS = 10_000;
  private static final int MAX_LIST_LIMIT = 100;

  private final VideoRepository repository;
  private final LedgerService ledger;
  private final Catalog catalog;
  private final BlobStore blobs;
  private final SafeUrlFetcher fetcher;
  private final ProviderConnections connections;
  private final RoutePlanning planning;
  private final RoutingRepository routing;
  private final dev.aivid.jobs.internal.QcRepository qcReports;
  private final dev.aivid.database.ChannelListener events;
  private final Function<Asset, Path> assetFiles;
  private final Ids ids;
  private final InstantSource clock;
  private final Runnable wakeWorkers;
  private final ChainRenderer chains;
  private final CharacterService characters;

  public VideoService(
      VideoRepository repository,
      LedgerService ledger,
      Catalog catalog,
      BlobStore blobs,
      SafeUrlFetcher fetcher,
      ProviderConnections connections,
      PreflightEngine preflight,
      RoutingRepository routing,
      dev.aivid.jobs.internal.QcRepository qcReports,
      dev.aivid.config.RetiredModelPolicy retiredPolicy,
      com.fasterxml.jackson.databind.ObjectMapper json,
      dev.aivid.database.ChannelListener events,
      Ids ids,
      InstantSource clock,
      Runnable wakeWorkers,
      CharacterService characters) {
    this.repository = repository;
    this.ledger = ledger;
    this.catalog = catalog;
    this.blobs = blobs;
    this.fetcher = fetcher;
    this.connections = connections;
    this.planning = new RoutePlanning(catalog, preflight, connections, ledger, retiredPolicy, json);
    this.routing = routing;
    this.qcReports = qcReports;
    this.events = events;
    this.assetFiles = asset -> blobs.path(asset.sha256());
    this.ids = ids;
    this.clock = clock;
    this.wakeWorkers = wakeWorkers;
    this.chains = new ChainRenderer(routing, catalog, blobs);
    this.characters = characters;
  }

  public VideoJob create(Principal principal, VideoCreateCommand command) {
    RoutePlanning.Target target = planning.target(command.model(), command.routingPolicy());
    String prompt = prompt(command.prompt());
    int seconds = seconds(target, command.seconds());
    VideoSize size = size(target, command.size());
    String inputSha256 = null;
    if (command.inputReference() != null) {
      inputSha256 = storeInputReference(command.inputReference(), size);
    }
    long seed = command.seed() != null ? command.seed() : derivedSeed(prompt, size, seconds);
    List<PreflightInput> inputs = new ArrayList<>();
    if (inputSha256 != null) {
      String sha256 = inputSha256;
      inputs.add(
          new PreflightInput(
              1, StackKind.IMAGE, "@Image1", null, "input_reference", Map.of(), null, () -> blobs.read(sha256)));
    }
    List<ShotPlan.PlannedReference> named = characters.references(principal, command.characterIds());
    for (ShotPlan.PlannedReference character : named) {
      inputs.add(
          new PreflightInput(
              inputs.size() + 1, StackKind.IMAGE, character.mention(), character.role(), "character.jpg", Map.of(), null,
              () -> blobs.read(character.sha256())));
    }
    RoutePlanning.Planned planned =
        planning.plan(principal, target, new PreflightRequest(prompt, List.of(), seconds, size, inputs, List.of()));
    ShotPlan plan =
        named.isEmpty()
            ? ShotPlan.empty(command.seed() != null)
            : new ShotPlan(named, null, null, null, command.seed() != null);
    return insert(principal, new PlannedVideo(planned, target, prompt, seconds, size, seed, inputSha256, null, plan));
  }

  public CharacterService characters() {
    return characters;
  }

  /** What an edit or extension starts from: its output, length, size and (when rendered here) its render. */
  private record Source(
      @Nullable VideoJob job, String videoSha256, long sizeBytes, int seconds, VideoSize size, double framesPerSecond) {}

  private Source source(Principal principal, VideoSource source) {
    return switch (source) {
      case VideoSource.Existing existing -> {
        VideoJob job;
        try {
          job = get(principal, existing.videoId());
        } catch (VideoException e) {
          throw VideoException.invalid("video.id", "video_not_found", "No video '" + existing.videoId() + "'");
        }
        if (job.phase() != VideoPhase.COMPLETED || job.videoSha256() == null) {
          throw new VideoException(
              VideoException.Kind.CONFLICT,
              "video_not_completed",
              "video.id",
              "Only a completed video can be edited or extended; '" + job.id() + "' is " + job.phase().openAiStatus());
        }
        Blob blob = blobs.find(job.videoSha256()).orElseThrow(() -> VideoException.notFound(job.id()));
        yield new Source(job, blob.sha256(), blob.sizeBytes(), job.seconds(), new VideoSize(job.width(), job.height()), 0);
      }
      case VideoSource.Upload upload -> {
        Path file = blobs.temporaryFile(".mp4");
        try {
          java.nio.file.Files.write(file, upload.content());
          dev.aivid.media.probe.VideoInfo info = dev.aivid.media.probe.VideoProbe.probe(file);
          if (info.width() % 2 != 0 || info.height() % 2 != 0 || info.durationSeconds() < 0.5) {
            throw VideoException.invalid(
                "video", "invalid_video", "video must be at least 0.5 s long with an even width and height");
          }
          Blob blob = blobs.putFile(file, "video/mp4");
          yield new Source(
              null,
              blob.sha256(),
              blob.sizeBytes(),
              (int) Math.max(1, Math.round(info.durationSeconds())),
              new VideoSize(info.width(), info.height()),
              info.framesPerSecond());
        } catch (MediaException e) {
          throw VideoException.invalid("video", "invalid_video", "video must be a video file (MP4): " + e.getMessage());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        } finally {
          dev.aivid.storage.BlobStore.deleteQuietly(file);
        }
      }
    };
  }

  /**
   * OpenAI's video extension: a new video, the source followed by {@code seconds} more. The source's
   * model extends it natively where it can (Kling's extend of its own render); otherwise a routed
   * model continues from the source's last frame. Held and charged for the added seconds only.
   */
  public VideoJob extend(Principal principal, VideoSource videoSource, @Nullable String rawPrompt, @Nullable String secondsText) {
    String prompt = prompt(rawPrompt);
    if (secondsText == null) {
      throw VideoException.invalid("seconds", "missing_seconds", "seconds is required: how many seconds to add");
    }
    int added = positiveSeconds(secondsText);
    if (added > PreflightEngine.MAX_SECONDS) {
      throw VideoException.invalid("seconds", "unsupported_seconds", "seconds must be at most " + PreflightEngine.MAX_SECONDS);
    }
    Source source = source(principal, videoSource);
    int total = source.seconds() + added;
    if (total > PreflightEngine.MAX_SECONDS) {
      throw VideoException.invalid(
          "seconds",
          "unsupported_seconds",
          "the extended video would last " + total + " s; at most " + PreflightEngine.MAX_SECONDS + " s");
    }
    CatalogModel sourceModel = source.job() == null ? null : catalog.find(source.job().model()).orElse(null);
    boolean sameModel =
        sourceModel != null
            && sourceModel.lifecycle() instanceof dev.aivid.catalog.Lifecycle.Active
            && !sourceModel.features().extend().equals("none")
            && sourceModel.size().accepts(source.size())
            && connections.routableProviders(principal.organizationId()).contains(sourceModel.provider());
    RoutePlanning.Target target = planning.target(sameModel ? sourceModel.id() : null, null);
    RoutePlanning.Planned planned =
        planning.plan(principal, target, new PreflightRequest(prompt, List.of(), added, source.size(), List.of(), List.of()));
    Instant now = clock.instant();
    ChainSegment first =
        new ChainSegment(
            0,
            source.job() == null ? "upload" : source.job().model(),
            ChainRenderer.SOURCE_PROVIDER,
            dev.aivid.routing.ExtendPlan.Mode.FIRST,
            source.seconds(),
            source.job() != null && source.job().providerHandle() != null
                ? source.job().providerHandle()
                : "source:" + source.videoSha256(),
            source.videoSha256(),
            now,
            now);
    String note =
        "Extends " + (source.job() == null ? "the uploaded video" : "video " + source.job().id()) + " (" + source.seconds()
            + " s) by " + added + " s: " + (sameModel ? planned.model().id() + " continues its own render" : "continued from its last frame on " + planned.model().id()) + ".";
    return insert(
        principal,
        new PlannedVideo(
            planned, target, prompt, total, source.size(),
            source.job() == null ? derivedSeed(prompt, source.size(), total) : source.job().seed(), null, null,
        // The source's references (characters, @mentioned subjects) go on with every added segment.
        source.job() == null
            ? ShotPlan.empty(false)
            : routing.find(source.job().id()).map(RoutingRecord::plan).orElse(ShotPlan.empty(false)),
            added,
            first,
            note));
  }

  /**
   * OpenAI's video edit: the source re-rendered with the prompt, as a video-to-video render where a
   * routable model takes a reference video; otherwise the local engine re-renders it from the
   * source's first frame, and the routing record says the video itself was dropped.
   */
  public VideoJob edit(Principal principal, VideoSource videoSource, @Nullable String rawPrompt) {
    String prompt = prompt(rawPrompt);
    Source source = source(principal, videoSource);
    int seconds = Math.min(source.seconds(), PreflightEngine.MAX_SECONDS);
    Map<String, Object> metadata = new java.util.LinkedHashMap<>();
    metadata.put("width", source.size().width());
    metadata.put("height", source.size().height());
    metadata.put("duration_seconds", (double) source.seconds());
    String sha = source.videoSha256();
    PreflightInput video =
        new PreflightInput(1, StackKind.VIDEO, "@Video1", "video to edit", "source.mp4", metadata, null, () -> blobs.read(sha));
    RoutePlanning.Target target = planning.target(null, null);
    RoutePlanning.Planned planned =
        planning.plan(principal, target, new PreflightRequest(prompt, List.of(), seconds, source.size(), List.of(video), List.of()));
    ShotPlan plan =
        new ShotPlan(
            List.of(new ShotPlan.PlannedReference("@Video1", "video", "video to edit", "video/mp4", sha, source.sizeBytes())),
            null,
            null,
            null,
            false);
    String firstFrame = null;
    if (planned.model().provider().equals(ProviderConnections.LOCAL)) {
      firstFrame = blobs.put(chains.firstFrame(blobs.path(sha), source.size()), "image/jpeg").sha256();
    }
    String note =
        "Edits " + (source.job() == null ? "the uploaded video" : "video " + source.job().id()) + " on " + planned.model().id()
            + (firstFrame != null ? ": the local engine re-renders it from its first frame (it takes no reference video)." : ".");
    return insert(
        principal,
        new PlannedVideo(
            planned, target, prompt, seconds, source.size(), derivedSeed(prompt, source.size(), seconds),
            firstFrame, null, plan, seconds, null, note));
  }



  /**
   * A native render of a whole input stack, routed per shot ({@code auto} unless a model is named).
   * The plan keeps every file with its role for the adapters; the local engine uses the stack's
   * first image (scaled to cover the frame) and its seed.
   */
  public VideoJob createFromStack(
      Principal principal,
      Stack stack,
      @Nullable String modelName,
      @Nullable String secondsText,
      @Nullable String sizeText) {
    return createFromStack(principal, stack, modelName, secondsText, sizeText, null);
  }

  public VideoJob createFromStack(
      Principal principal,
      Stack stack,
      @Nullable String modelName,
      @Nullable String secondsText,
      @Nullable String sizeText,
      @Nullable String policyText) {
    return insert(principal, planFromStack(principal, stack, modelName, secondsText, sizeText, policyText));
  }

  /** Routes and preflights a stack render; nothing is stored or held. */
  public PlannedVideo planFromStack(
      Principal principal,
      Stack stack,
      @Nullable String modelName,
      @Nullable String secondsText,
      @Nullable String sizeText,
      @Nullable String policyText) {
    RoutePlanning.Target target = planning.target(modelName, policyText);
    String prompt = prompt(stack.prompt());
    int seconds = seconds(target, secondsText);
    VideoSize size = size(target, sizeText);
    String firstImage = null;
    Long seed = null;
    for (StackEntry entry : stack.entries()) {
      if (entry.kind() == StackKind.IMAGE && firstImage == null && entry.asset() != null) {
        firstImage = entry.asset().sha256();
      }
      if (entry.kind() == StackKind.SEED && entry.value() != null) {
        seed = entry.value().longValue();
      }
    }
    RoutePlanning.Planned planned =
        planning.plan(principal, target, PreflightRequest.fromStack(stack, seconds, size, List.of(), assetFiles));
    ShotPlan plan = ShotPlanner.plan(stack, seconds, size, assetFiles);
    return new PlannedVideo(
        planned, target, prompt, seconds, size, seed != null ? seed : derivedSeed(prompt, size, seconds), firstImage, null, plan);
  }

  /**
   * Stores planned videos as one group (a storyboard's shots): their holds are placed in one ledger
   * operation, all or none, tagged with {@code groupId}, and every video records the group as its
   * storyboard. A 402 names the group's total and what the binding level has; nothing is held then.
   */
  public List<VideoJob> createGroup(Principal principal, String groupId, List<PlannedVideo> videos) {
    Instant now = clock.instant();
    long timeoutSeconds = videos.stream().mapToLong(video -> video.model().holdTimeoutSeconds()).max().orElse(0);
    List<String> videoIds = new ArrayList<>();
    List<HoldRequest> holds = new ArrayList<>();
    for (PlannedVideo video : videos) {
      String videoId = ids.timeOrdered("video", 32);
      videoIds.add(videoId);
      if (video.estimateMicros() > 0) {
        // Every shot is queued at once and may wait for a concurrency slot: each part of the
        // board's hold lasts as long as the slowest model's.
        holds.add(
            new HoldRequest(
                holdId(videoId),
                principal.organizationId(),
                principal.projectId(),
                principal.apiKeyId(),
                video.estimateMicros(),
                now.plusSeconds(timeoutSeconds),
                videoId,
                video.model().provider(),
                video.model().id()));
      }
    }
    if (!holds.isEmpty()) {
      insufficient(ledger.holdGroup(groupId, holds), "This storyboard");
    }
    List<VideoJob> stored = new ArrayList<>();
    try {
      for (int index = 0; index < videos.size(); index++) {
        PlannedVideo video = videos.get(index);
        String videoId = videoIds.get(index);
        stored.add(
            store(
                principal,
                video,
                videoId,
                video.estimateMicros() > 0 ? holdId(videoId) : null,
                now,
                handle -> VideoRepository.joinStoryboard(handle, videoId, groupId)));
      }
    } catch (RuntimeException e) {
      for (VideoJob job : stored) {
        repository.delete(principal.organizationId(), job.id(), clock.instant());
      }
      for (HoldRequest hold : holds) {
        ledger.voidHold(hold.holdId(), "storyboard could not be stored");
      }
      throw e;
    }
    wakeWorkers.run();
    return stored;
  }

  /** Marks a shot cancelled (its board failed): the provider render is cancelled, its hold voided. */
  public void cancel(Principal principal, String id, String reason) {
    repository
        .cancel(principal.organizationId(), id, reason, clock.instant())
        .ifPresent(
            before -> {
              if (before.providerHandle() != null) {
                connections
                    .adapter(before.organizationId(), before.provider())
                    .ifPresent(provider -> provider.cancel(before.providerHandle()));
              }
              if (before.holdId() != null) {
                ledger.voidHold(before.holdId(), reason);
              }
            });
  }

  /** What the principal can still hold: the pool, capped by its project and key budgets. */
  public long availableMicros(Principal principal) {
    return planning.available(principal);
  }

  /** Why a queued video has not started: its organisation or provider is at its concurrency limit. */
  public Optional<String> queuedReason(VideoJob job) {
    return job.phase() == VideoPhase.QUEUED
        ? repository.queuedReason(job.organizationId(), job.provider(), clock.instant())
        : Optional.empty();
  }

  /** The ledger's view of a video's hold: held, and charged once posted. */
  public Optional<dev.aivid.credits.Transfer> holdEntry(Principal principal, String holdId) {
    return ledger.transfer(principal.organizationId(), holdId);
  }

  public long chargedMicros(Principal principal, String holdId) {
    return ledger.postedMicros(principal.organizationId(), holdId);
  }

  public VideoJob remix(Principal principal, String sourceId, @Nullable String rawPrompt) {
    VideoJob source = get(principal, sourceId);
    if (source.phase() != VideoPhase.COMPLETED) {
      throw new VideoException(
          VideoException.Kind.CONFLICT,
          "video_not_completed",
          "video_id",
          "Only a completed video can be remixed; '" + sourceId + "' is " + source.phase().openAiStatus());
    }
    String prompt = prompt(rawPrompt);
    RoutePlanning.Target target = planning.target(source.model(), null);
    VideoSize size = new VideoSize(source.width(), source.height());
    RoutePlanning.Planned planned =
        planning.plan(principal, target, new PreflightRequest(prompt, List.of(), source.seconds(), size, List.of(), List.of()));
    ShotPlan plan = routing.find(source.id()).map(RoutingRecord::plan).orElse(ShotPlan.empty(true));
    return insert(
        principal,
        new PlannedVideo(
            planned, target, prompt, source.seconds(), size, source.seed(), source.inputReferenceSha256(), source.id(), plan));
  }

  /**
   * Runs {@code listener} after every change of the video (on any node) until the result is
   * closed; the caller reads the video again on each call. Refuses another organisation's video.
   */
  public AutoCloseable subscribe(Principal principal, String id, Runnable listener) {
    get(principal, id);
    return events.subscribe(id, listener);
  }

  /** As {@link #subscribe} for a key the caller has checked already (a storyboard and its shots). */
  AutoCloseable subscribeAny(String key, Runnable listener) {
    return events.subscribe(key, listener);
  }

  /** The video if it still exists (a deleted one ends its event stream). */
  public Optional<VideoJob> find(Principal principal, String id) {
    return repository.find(principal.organizationId(), id);
  }

  /** Every quality-control check of the video's outputs, oldest first (a failover checks again). */
  public List<com.fasterxml.jackson.databind.JsonNode> qc(Principal principal, String id) {
    get(principal, id);
    return qcReports.reports(id);
  }

  /** How the video was routed, with notes on reroutes and failovers. */
  public Optional<RoutingRecord> routing(Principal principal, String id) {
    get(principal, id);
    return routing.find(id);
  }

  /** The extend chain of a video longer than its model renders at once; empty for any other video. */
  public Optional<com.fasterxml.jackson.databind.node.ObjectNode> chain(
      Principal principal, String id, com.fasterxml.jackson.databind.ObjectMapper json) {
    return Optional.ofNullable(chains.describe(get(principal, id), json));
  }

  private VideoJob insert(Principal principal, PlannedVideo video) {
    CatalogModel model = video.model();
    String videoId = ids.timeOrdered("video", 32);
    long estimate = video.estimateMicros();
    String holdId = holdId(videoId);
    Instant now = clock.instant();
    if (estimate > 0) {
      hold(principal, model, holdId, estimate, videoId, now);
    }
    VideoJob job;
    try {
      job = store(principal, video, videoId, estimate > 0 ? holdId : null, now, handle -> {});
    } catch (RuntimeException e) {
      if (estimate > 0) {
        ledger.voidHold(holdId, "job could not be stored");
      }
      throw e;
    }
    wakeWorkers.run();
    return job;
  }

  private static String holdId(String videoId) {
    return "hold_" + videoId.substring("video_".length());
  }

  private VideoJob store(
      Principal principal,
      PlannedVideo video,
      String videoId,
      @Nullable String holdId,
      Instant now,
      java.util.function.Consumer<org.jdbi.v3.core.Handle> alsoStore) {
    CatalogModel model = video.model();
    RoutePlanning.Planned planned = video.planned;
    VideoJob job =
        new VideoJob(
            videoId,
            principal.organizationId(),
            principal.projectId(),
            model.id(),
            model.provider(),
            video.prompt,
            video.seconds,
            video.size.width(),
            video.size.height(),
            video.seed,
            video.inputSha256,
            video.remixedFrom,
            VideoPhase.QUEUED,
            0,
            null,
            null,
            null,
            null,
            null,
            null,
            now,
            null,
            null,
            0,
            holdId,
            video.estimateMicros(),
            null);
    RoutingRecord record =
        new RoutingRecord(
            video.target.requested(),
            planned.decision().policy().wireName(),
            planned.decisionJson(),
            video.fallbacks(),
            video.plan,
            planned.verdicts(),
            notes(video),
            0);
    repository.insert(
        job,
        principal.apiKeyId(),
        job.createdAt(),
        handle -> {
          routing.insert(handle, videoId, record);
          if (video.continues != null) {
            routing.insertSegment(handle, videoId, video.continues);
          }
          alsoStore.accept(handle);
        });
    return job;
  }

  /** The routing notes, with the video's own note and, for a chain, how it is planned. */
  private static List<String> notes(PlannedVideo video) {
    CatalogModel model = video.model();
    List<String> notes = new ArrayList<>(video.planned.notes());
    if (video.note != null) {
      notes.add(video.note);
    }
    if (video.continues == null && dev.aivid.routing.ExtendPlanner.chains(model, video.seconds)) {
      dev.aivid.routing.ExtendPlan chain = dev.aivid.routing.ExtendPlanner.plan(model, video.seconds);
      notes.add(
          "Longer than " + model.id() + " renders at once: planned as a chain of " + chain.segments().size()
              + " segments (" + chain.segments().stream().map(segment -> segment.seconds() + " s").collect(java.util.stream.Collectors.joining(" + "))
              + "): " + chain.reason() + ".");
    }
    return notes;
  }

  private void hold(Principal principal, CatalogModel model, String holdId, long estimate, String videoId, Instant now) {
    HoldResult held =
        ledger.hold(
            new HoldRequest(
                holdId,
                principal.organizationId(),
                principal.projectId(),
                principal.apiKeyId(),
                estimate,
                now.plusSeconds(model.holdTimeoutSeconds()),
                videoId,
                model.provider(),
                model.id()));
    insufficient(held, "This render");
  }

  private static void insufficient(HoldResult held, String subject) {
    switch (held) {
      case HoldResult.Held ok -> {}
      case HoldResult.Insufficient insufficient ->
          throw new VideoException(
              VideoException.Kind.PAYMENT_REQUIRED,
              "insufficient_credits",
              null,
              subject
                  + " needs "
                  + Credits.format(insufficient.neededMicros())
                  + " credits but only "
                  + Credits.format(insufficient.availableMicros())
                  + " are available at the "
                  + insufficient.scope().wireName()
                  + " level.");
      case HoldResult.Conflict conflict ->
          throw new VideoException(VideoException.Kind.CONFLICT, "hold_conflict", null, "Hold id already used");
    }
  }

  public VideoJob get(Principal principal, String id) {
    return repository
        .find(principal.organizationId(), id)
        .orElseThrow(() -> VideoException.notFound(id));
  }

  public VideoPage list(
      Principal principal, @Nullable String after, @Nullable String limitText, @Nullable String order) {
    int limit = 20;
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        throw VideoException.invalid("limit", "invalid_limit", "limit must be an integer 1..100");
      }
      if (limit < 1 || limit > MAX_LIST_LIMIT) {
        throw VideoException.invalid("limit", "invalid_limit", "limit must be an integer 1..100");
      }
    }
    boolean ascending;
    if (order == null || order.equals("desc")) {
      ascending = false;
    } else if (order.equals("asc")) {
      ascending = true;
    } else {
      throw VideoException.invalid("order", "invalid_order", "order must be 'asc' or 'desc'");
    }
    if (after != null && !repository.exists(principal.organizationId(), after)) {
      throw VideoException.invalid(
          "after", "invalid_cursor", "after must be the id of one of your videos");
    }
    List<VideoJob> rows = repository.list(principal.organizationId(), after, limit + 1, ascending);
    boolean hasMore = rows.size() > limit;
    return new VideoPage(hasMore ? rows.subList(0, limit) : rows, hasMore);
  }

  /** Deletes the video; a running render is cancelled at its provider first. */
  public VideoJob delete(Principal principal, String id) {
    VideoJob before =
        repository
            .delete(principal.organizationId(), id, clock.instant())
            .orElseThrow(() -> VideoException.notFound(id));
    if (!before.phase().isTerminal() && before.providerHandle() != null) {
      connections
          .adapter(before.organizationId(), before.provider())
          .ifPresent(provider -> provider.cancel(before.providerHandle()));
    }
    if (!before.phase().isTerminal() && before.holdId() != null) {
      ledger.voidHold(before.holdId(), "video deleted before completion");
    }
    releaseBlobs(before);
    return before;
  }

  /**
   * Deletes completed videos whose output is past its {@code expires_at} (retention), a bounded
   * batch; returns how many. Run by one node at a time (see {@link RetentionSweeper}).
   */
  public int deleteExpired(int limit) {
    Instant now = clock.instant();
    int deleted = 0;
    for (VideoJob job : repository.expired(now, limit)) {
      Optional<VideoJob> before = repository.delete(job.organizationId(), job.id(), now);
      if (before.isPresent()) {
        releaseBlobs(before.get());
        deleted++;
      }
    }
    return deleted;
  }

  private void releaseBlobs(VideoJob before) {
    // Identical bytes are stored once: another live row may still need them.
    Stream.of(before.videoSha256(), before.thumbnailSha256(), before.spritesheetSha256(), before.inputReferenceSha256())
        .filter(Objects::nonNull)
        .forEach(blobs::release);
  }

  public Blob content(Principal principal, String id, @Nullable String variantText) {
    ContentVariant variant =
        ContentVariant.fromWireName(variantText == null ? "video" : variantText)
            .orElseThrow(
                () ->
                    VideoException.invalid(
                        "variant",
                        "invalid_variant",
                        "variant must be one of video, thumbnail, spritesheet"));
    VideoJob job = get(principal, id);
    if (job.phase() != VideoPhase.COMPLETED) {
      throw new VideoException(
          VideoException.Kind.CONFLICT,
          "video_not_ready",
          "video_id",
          "Video '" + id + "' is " + job.phase().openAiStatus() + "; content exists once completed");
    }
    String sha256 =
        switch (variant) {
          case VIDEO -> job.videoSha256();
          case THUMBNAIL -> job.thumbnailSha256();
          case SPRITESHEET -> job.spritesheetSha256();
        };
    if (sha256 == null) {
      throw new VideoException(
          VideoException.Kind.NOT_FOUND,
          "variant_not_available",
          "variant",
          "No " + variant.wireName() + " for video '" + id + "'");
    }
    return blobs.find(sha256).orElseThrow(() -> VideoException.notFound(id));
  }

  private static int seconds(RoutePlanning.Target target, @Nullable String text) {
    return switch (target) {
      case RoutePlanning.Target.Pinned pinned -> seconds(pinned.model(), text);
      case RoutePlanning.Target.Auto auto -> {
        int seconds = text == null ? AUTO_DEFAULT_SECONDS : positiveSeconds(text);
        if (seconds > PreflightEngine.MAX_SECONDS) {
          throw VideoException.invalid(
              "seconds", "unsupported_seconds", "seconds must be at most " + PreflightEngine.MAX_SECONDS + ", got " + seconds);
        }
        yield seconds;
      }
    };
  }

  private static VideoSize size(RoutePlanning.Target target, @Nullable String text) {
    return switch (target) {
      case RoutePlanning.Target.Pinned pinned -> size(pinned.model(), text);
      case RoutePlanning.Target.Auto auto -> {
        if (text == null) {
          yield AUTO_DEFAULT_SIZE;
        }
        VideoSize size = parseSize(text);
        try {
          PreflightEngine.checkShot(1, size);
        } catch (PreflightException e) {
          throw VideoException.invalid("size", "unsupported_size", e.getMessage());
        }
        yield size;
      }
    };
  }

  private static VideoSize parseSize(String text) {
    return VideoSize.parse(text)
        .orElseThrow(
            () ->
                VideoException.invalid(
                    "size", "invalid_size", "size must look like 1280x720 (WIDTHxHEIGHT), got '" + text + "'"));
  }

  private static int positiveSeconds(String text) {
    int seconds;
    try {
      seconds = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw VideoException.invalid(
          "seconds", "invalid_seconds", "seconds must be a positive whole number, got '" + text + "'");
    }
    if (seconds <= 0) {
      throw VideoException.invalid(
          "seconds", "invalid_seconds", "seconds must be a positive whole number, got '" + text + "'");
    }
    return seconds;
  }

  private static String prompt(@Nullable String prompt) {
    if (prompt == null || prompt.isBlank()) {
      throw VideoException.invalid("prompt", "missing_prompt", "prompt is required");
    }
    if (prompt.indexOf('\u0000') >= 0) {
      // PostgreSQL text cannot hold NUL; refuse it here rather than fail the insert.
      throw VideoException.invalid("prompt", "invalid_prompt", "prompt must not contain NUL (U+0000) characters");
    }
    if (prompt.length() > MAX_PROMPT_CHARACTERS) {
      throw VideoException.invalid(
          "prompt", "prompt_too_long", "prompt must be at most 10000 characters");
    }
    return prompt;
  }

  private static int seconds(CatalogModel model, @Nullable String text) {
    if (text == null) {
      return model.seconds().defaultSeconds();
    }
    int seconds = positiveSeconds(text);
    boolean chained = dev.aivid.routing.ExtendPlanner.chains(model, seconds) && seconds <= PreflightEngine.MAX_SECONDS;
    if (!model.seconds().accepts(seconds) && !chained) {
      throw VideoException.invalid(
          "seconds",
          "unsupported_seconds",
          "Model '" + model.id() + "' renders " + model.seconds().describe() + " seconds, not " + seconds);
    }
    return seconds;
  }

  private static VideoSize size(CatalogModel model, @Nullable String text) {
    if (text == null) {
      return model.size().defaultSize();
    }
    VideoSize size = parseSize(text);
    if (!model.size().accepts(size)) {
      throw VideoException.invalid(
          "size",
          "unsupported_size",
          "Model '" + model.id() + "' renders sizes with " + model.size().describe() + ", not " + size);
    }
    return size;
  }

  private String storeInputReference(VideoCreateCommand.InputReference reference, VideoSize size) {
    byte[] bytes;
    String parameter;
    switch (reference) {
      case VideoCreateCommand.InputReference.Bytes upload -> {
        bytes = upload.content();
        parameter = upload.parameter();
      }
      case VideoCreateCommand.InputReference.Url url -> {
        parameter = "input_reference.image_url";
        bytes = url.url().startsWith("data:") ? dataUrl(url.url()) : fetch(url.url());
      }
    }
    if (Images.sniff(bytes).isEmpty()) {
      throw VideoException.invalid(
          parameter, "invalid_input_reference", "input_reference must be a PNG, JPEG or WebP image");
    }
    ImageInfo info;
    try {
      info = Images.probe(bytes);
    } catch (MediaException e) {
      throw VideoException.invalid(parameter, "invalid_input_reference", e.getMessage());
    }
    if (info.width() != size.width() || info.height() != size.height()) {
      throw VideoException.invalid(
          parameter,
          "input_reference_size_mismatch",
          "input_reference is "
              + info.width()
              + "x"
              + info.height()
              + " but size is "
              + size
              + "; they must match");
    }
    return blobs.put(bytes, info.format().mimeType()).sha256();
  }

  private static byte[] dataUrl(String url) {
    int comma = url.indexOf(',');
    if (comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
      throw VideoException.invalid(
          "input_reference.image_url",
          "invalid_data_url",
          "image_url data URLs must be base64: data:image/png;base64,...");
    }
    try {
      return Base64.getMimeDecoder().decode(url.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      throw VideoException.invalid(
          "input_reference.image_url", "invalid_data_url", "image_url is not valid base64");
    }
  }

  private byte[] fetch(String url) {
    return switch (fetcher.fetch(url)) {
      case FetchResult.Fetched fetched -> fetched.body();
      case FetchResult.Rejected rejected ->
          throw VideoException.invalid(
              "input_reference.image_url", rejected.code(), rejected.message());
    };
  }

  private static long derivedSeed(String prompt, VideoSize size, int seconds) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((prompt + "|" + size + "|" + seconds).getBytes(StandardCharsets.UTF_8));
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = (seed << 8) | (digest[i] & 0xff);
      }
      return seed;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
