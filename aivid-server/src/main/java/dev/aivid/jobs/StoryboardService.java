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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storyboards: each shot becomes a video job routed on its own (its model by policy, held and
 * charged on its own), rendered concurrently by the job queue; when every shot is done, one node
 * fans the board in to a stitched cut (transitions, beat-snapped cuts, soundtrack, EDL) and
 * publishes {@code storyboard.completed}. A failed shot fails the board.
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

  public Storyboard create(
      Principal principal,
      List<Shot> shots,
      @Nullable String size,
      @Nullable Integer framesPerSecond,
      @Nullable String soundtrackAssetId,
      boolean snapToBeats,
      @Nullable String title) {
    if (shots.isEmpty() || shots.size() > MAX_SHOTS) {
      throw VideoException.invalid("shots", "invalid_shots", "a storyboard has 1.." + MAX_SHOTS + " shots");
    }
    for (int index = 0; index < shots.size(); index++) {
      String transition = shots.get(index).transition();
      if (transition != null && !List.of("cut", "crossfade", "match_on_beat").contains(transition)) {
        throw VideoException.invalid("shots[" + index + "].transition", "invalid_transition", "transition must be cut, crossfade or match_on_beat");
      }
    }
    List<StitchRequest.Part> parts = new ArrayList<>();
    List<VideoJob> created = new ArrayList<>();
    try {
      for (Shot shot : shots) {
        VideoJob job = videos.createFromStack(principal, shot.stack(), shot.model(), shot.seconds(), size, shot.routingPolicy());
        created.add(job);
        parts.add(new StitchRequest.Part(job.id(), null, null, shot.transition() == null ? "cut" : shot.transition(), shot.crossfadeSeconds()));
      }
    } catch (RuntimeException e) {
      // All shots or none: the ones already queued are deleted, which voids their holds.
      created.forEach(job -> videos.delete(principal, job.id()));
      throw e;
    }
    Storyboard board =
        new Storyboard(
            ids.hex("board", 24),
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
    repository.insert(board);
    return board;
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
        for (StitchRequest.Part shot : board.shots()) {
          VideoJob job = videos.find(owner, shot.videoId()).orElse(null);
          if (job == null || job.phase() == VideoPhase.FAILED || job.phase() == VideoPhase.CANCELLED) {
            failed = job;
            allDone = false;
            if (job == null) {
              repository.finish(board.id(), "failed", null, "shot_deleted", "shot video " + shot.videoId() + " was deleted", clock.instant());
            }
            break;
          }
          allDone &= job.phase() == VideoPhase.COMPLETED;
        }
        if (failed != null) {
          repository.finish(
              board.id(), "failed", null, "shot_failed", "shot " + failed.id() + " failed: " + failed.errorCode() + " " + failed.errorMessage(), clock.instant());
          finished++;
          continue;
        }
        if (!allDone) {
          repository.release(board.id());
          continue;
        }
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
