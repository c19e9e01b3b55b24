package dev.aivid.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.account.ApiKeyRole;
import dev.aivid.account.Principal;
import dev.aivid.jobs.internal.StoryboardRepository;
import dev.aivid.stack.Stack;
import dev.aivid.support.Ids;
import dev.aivid.webhooks.WebhookEvents;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.aivid.preflight.ModelReport;
import dev.aivid.preflight.ModelVerdict;
import dev.aivid.preflight.Severity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storyboards: every shot is routed and preflighted first, the board's whole estimate is held in
 * one ledger operation (each shot's part a hold of its own, all or none), then each shot renders as
 * a video job on the shared queue and settles its own part. When every shot is done, one node fans
 * the board in to a stitched cut (transitions, beat-snapped cuts, soundtrack, EDL) and publishes
 * {@code storyboard.completed}. A failed shot fails the board: the unfinished shots are cancelled
 * and their parts released, so the board's hold is fully resolved when it finishes.
 */
public final class StoryboardService {
  public static final int MAX_SHOTS = 24;
  private static final Logger LOG = LoggerFactory.getLogger(StoryboardService.class);

  private final VideoService videos;
  private final StitchService stitches;
  private final StoryboardRepository repository;
  private final WebhookEvents events;
  private final ObjectMapper json;
  private final Ids ids;
  private final InstantSource clock;

  public StoryboardService(
      VideoService videos,
      StitchService stitches,
      StoryboardRepository repository,
      WebhookEvents events,
      ObjectMapper json,
      Ids ids,
      InstantSource clock) {
    this.videos = videos;
    this.stitches = stitches;
    this.repository = repository;
    this.events = events;
    this.json = json;
    this.ids = ids;
    this.clock = clock;
  }

  /** One shot: its own stack (prompt + the board's shared entries), length, model or policy, transition in. */
  public record Shot(
      Stack stack,
      @Nullable String seconds,
      @Nullable String model,
      @Nullable String routingPolicy,
      @Nullable String transition,
      @Nullable Double crossfadeSeconds) {}

  /** The whole board priced before it starts: each shot's routed model, preflight and estimate. */
  public record Estimate(List<PlannedVideo> shots, long totalMicros) {
    public Estimate {
      shots = List.copyOf(shots);
    }
  }

  /**
   * Routes and preflights every shot and prices the board; nothing is stored or held. A shot that
   * cannot be rendered is refused as {@code shots[i].<field>}.
   */
  public Estimate estimate(Principal principal, List<Shot> shots, @Nullable String size) {
    if (shots.isEmpty() || shots.size() > MAX_SHOTS) {
      throw VideoException.invalid("shots", "invalid_shots", "a storyboard has 1.." + MAX_SHOTS + " shots");
    }
    for (int index = 0; index < shots.size(); index++) {
      String transition = shots.get(index).transition();
      if (transition != null && !List.of("cut", "crossfade", "match_on_beat").contains(transition)) {
        throw VideoException.invalid("shots[" + index + "].transition", "invalid_transition", "transition must be cut, crossfade or match_on_beat");
      }
    }
    List<PlannedVideo> planned = new ArrayList<>();
    long total = 0;
    for (int index = 0; index < shots.size(); index++) {
      Shot shot = shots.get(index);
      PlannedVideo video;
      try {
        video = videos.planFromStack(principal, shot.stack(), shot.model(), shot.seconds(), size, shot.routingPolicy());
      } catch (VideoException e) {
        String field = "shots[" + index + "]" + (e.parameter() == null ? "" : "." + e.parameter());
        throw new VideoException(e.kind(), e.code(), field, "shot " + index + ": " + e.getMessage());
      }
      ModelReport report = video.report();
      if (report != null && report.verdict() == ModelVerdict.BLOCKED) {
        throw VideoException.invalid(
            "shots[" + index + "].model",
            "shot_preflight_blocked",
            "shot " + index + ": preflight blocks " + video.model().id() + ": " + blockers(report));
      }
      planned.add(video);
      total += video.estimateMicros();
    }
    return new Estimate(planned, total);
  }

  private static String blockers(ModelReport report) {
    return String.join(
        "; ",
        report.findings().stream()
            .filter(finding -> finding.severity() == Severity.ERROR)
            .map(finding -> finding.rule() + " (" + finding.message() + ")")
            .toList());
  }

  /**
   * Preflights the board, holds its whole estimate at once (every shot's part or none: a 402 names
   * the total and what is available), and queues every shot. Each shot then settles its own part.
   */
  public Storyboard create(
      Principal principal,
      List<Shot> shots,
      @Nullable String size,
      @Nullable Integer framesPerSecond,
      @Nullable String soundtrackAssetId,
      boolean snapToBeats,
      @Nullable String title) {
    Estimate estimate = estimate(principal, shots, size);
    String boardId = ids.hex("board", 24);
    List<VideoJob> created = videos.createGroup(principal, boardId, estimate.shots());
    List<StitchRequest.Part> parts = new ArrayList<>();
    for (int index = 0; index < shots.size(); index++) {
      Shot shot = shots.get(index);
      parts.add(
          new StitchRequest.Part(
              created.get(index).id(), null, null, shot.transition() == null ? "cut" : shot.transition(), shot.crossfadeSeconds()));
    }
    Storyboard board =
        new Storyboard(
            boardId,
            principal.organizationId(),
            principal.projectId(),
            principal.apiKeyId(),
            "rendering",
            parts,
            size,
            framesPerSecond,
            soundtrackAssetId,
            snapToBeats,
            title,
            null,
            null,
            null,
            clock.instant(),
            null);
    try {
      repository.insert(board);
    } catch (RuntimeException e) {
      created.forEach(job -> videos.cancel(principal, job.id(), "storyboard could not be stored"));
      throw e;
    }
    return board;
  }

  /** Runs {@code listener} after every change of the board or of any of its shots, on any node. */
  public AutoCloseable subscribe(Principal principal, String id, Runnable listener) {
    Storyboard board = get(principal, id);
    List<AutoCloseable> subscriptions = new ArrayList<>();
    subscriptions.add(videos.subscribeAny(board.id(), listener));
    for (StitchRequest.Part shot : board.shots()) {
      subscriptions.add(videos.subscribeAny(shot.videoId(), listener));
    }
    return () -> {
      for (AutoCloseable subscription : subscriptions) {
        subscription.close();
      }
    };
  }

  public Optional<Storyboard> find(Principal principal, String id) {
    return repository.find(principal.organizationId(), id);
  }

  public Storyboard get(Principal principal, String id) {
    return repository
        .find(principal.organizationId(), id)
        .orElseThrow(() -> new VideoException(VideoException.Kind.NOT_FOUND, "storyboard_not_found", "storyboard_id", "No storyboard '" + id + "'"));
  }

  /** A page of the organisation's boards after the board {@code afterId}, newest first unless ascending. */
  public StoryboardPage list(Principal principal, @Nullable String afterId, int limit, boolean ascending) {
    if (afterId != null && repository.find(principal.organizationId(), afterId).isEmpty()) {
      throw VideoException.invalid("after", "invalid_cursor", "after must be the id of one of your storyboards");
    }
    List<Storyboard> rows = repository.list(principal.organizationId(), afterId, limit + 1, ascending);
    boolean hasMore = rows.size() > limit;
    return new StoryboardPage(hasMore ? rows.subList(0, limit) : rows, hasMore);
  }

  /** Fans in the boards whose shots are all done; returns how many boards it finished. */
  public int advanceDue(int limit, long leaseMillis) {
    int finished = 0;
    for (Storyboard board : repository.claimDue(limit, leaseMillis, clock.instant())) {
      Principal owner = new Principal(board.organizationId(), board.projectId(), board.apiKeyId(), ApiKeyRole.ADMIN);
      try {
        VideoJob failed = null;
        boolean allDone = true;
        boolean deleted = false;
        for (StitchRequest.Part shot : board.shots()) {
          VideoJob job = videos.find(owner, shot.videoId()).orElse(null);
          if (job == null || job.phase() == VideoPhase.FAILED || job.phase() == VideoPhase.CANCELLED) {
            failed = job;
            allDone = false;
            if (job == null) {
              for (StitchRequest.Part other : board.shots()) {
                videos.cancel(owner, other.videoId(), "storyboard failed: shot " + shot.videoId() + " was deleted");
              }
              repository.finish(board.id(), "failed", null, "shot_deleted", "shot video " + shot.videoId() + " was deleted", clock.instant());
              finished++;
              failed = null;
              allDone = false;
              deleted = true;
            }
            break;
          }
          allDone &= job.phase() == VideoPhase.COMPLETED;
        }
        if (deleted) {
          continue;
        }
        if (failed != null) {
          for (StitchRequest.Part shot : board.shots()) {
            videos.cancel(owner, shot.videoId(), "storyboard failed: shot " + failed.id() + " " + failed.phase().openAiStatus());
          }
          repository.finish(
              board.id(), "failed", null, "shot_failed", "shot " + failed.id() + " failed: " + failed.errorCode() + " " + failed.errorMessage(), clock.instant());
          finished++;
          continue;
        }
        if (!allDone) {
          repository.release(board.id());
          continue;
        }
        repository.markStitching(board.id());
        StitchedCut cut =
            stitches.stitch(
                owner,
                new StitchRequest(board.shots(), board.size(), board.framesPerSecond(), board.soundtrackAssetId(), board.snapToBeats(), board.title()));
        repository.finish(board.id(), "completed", cut.id(), null, null, clock.instant());
        ObjectNode data = json.createObjectNode();
        data.put("id", board.id());
        data.put("object", "storyboard");
        data.put("status", "completed");
        data.put("stitch_id", cut.id());
        data.put("duration_seconds", cut.summary().path("duration_seconds").asDouble());
        events.publish(board.organizationId(), "storyboard.completed", data);
        finished++;
      } catch (VideoException e) {
        repository.finish(board.id(), "failed", null, e.code(), e.getMessage(), clock.instant());
        finished++;
      } catch (RuntimeException e) {
        LOG.warn("Storyboard {} could not be advanced; it is retried after its lease", board.id(), e);
      }
    }
    return finished;
  }
}
