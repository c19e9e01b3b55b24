package dev.aivid.jobs.internal;

import dev.aivid.config.JobLimits;
import dev.aivid.jobs.VideoJob;
import dev.aivid.jobs.VideoPhase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import org.jspecify.annotations.Nullable;

/** SQL for video jobs, including the SKIP LOCKED work queue that lives in the same rows. */
public final class VideoRepository {
  private static final String COLUMNS =
      "id, organization_id, project_id, model, provider, prompt, seconds, width, height, seed,"
          + " input_reference_sha256, remixed_from_video_id, phase, progress, provider_handle,"
          + " video_sha256, thumbnail_sha256, spritesheet_sha256, error_code, error_message,"
          + " created_at, completed_at, expires_at, attempts, hold_id, estimate_micros,"
          + " charged_micros";
  private static final String ACTIVE_PHASES = "('queued', 'submitted', 'downloading')";

  /** Serialises claims of queued work across nodes, so running counts cannot be overtaken. */
  private static final long QUEUED_CLAIM_LOCK = 0x61697669645f7131L;
  /** Queued candidates looked at per claim beyond the free slots (the rest wait their turn). */
  private static final int CLAIM_SCAN = 256;
  /** At most this many candidates of one organisation and provider per claim. */
  private static final int CLAIM_PER_GROUP = 8;
  /**
   * What holds a concurrency slot: a render at its provider, or a queued job being submitted under a
   * live claim. A render the provider has finished (downloading) no longer holds the provider's slot,
   * so the next job starts while this one is fetched and checked.
   */
  /**
   * The organisation and provider of every running render: submitted, or queued under a live
   * claim (about to be submitted). Two arms, each read through its own partial index.
   */
  private static final String RUNNING_ROWS =
      "(select organization_id, provider from videos where deleted_at is null and phase = 'submitted' union all"
          + " select organization_id, provider from videos where deleted_at is null and phase = 'queued' and"
          + " claimed_until is not null and claimed_until >= :now) running";

  private final Jdbi jdbi;
  private final JobLimits limits;

  public VideoRepository(Jdbi jdbi) {
    this(jdbi, JobLimits.defaults());
  }

  public VideoRepository(Jdbi jdbi, JobLimits limits) {
    this.jdbi = jdbi;
    this.limits = limits;
  }

  public void insert(VideoJob job, @Nullable String apiKeyId, Instant runAt) {
    insert(job, apiKeyId, runAt, handle -> {});
  }

  /**
   * Inserts the job and whatever {@code alsoStore} writes in the same transaction: a worker that
   * claims the job the moment it commits finds its routing row already there.
   */
  public void insert(
      VideoJob job, @Nullable String apiKeyId, Instant runAt, java.util.function.Consumer<org.jdbi.v3.core.Handle> alsoStore) {
    jdbi.useTransaction(
        handle -> {
          handle
              .createUpdate(
                  "insert into videos (id, organization_id, project_id, api_key_id, model,"
                      + " provider, prompt, seconds, width, height, seed, input_reference_sha256,"
                      + " remixed_from_video_id, phase, progress, created_at, run_at, hold_id,"
                      + " estimate_micros) values (:id, :org, :project, :key, :model, :provider,"
                      + " :prompt, :seconds, :width, :height, :seed, :input, :remixed, :phase, 0,"
                      + " :created, :runAt, :hold, :estimate)")
              .bind("id", job.id())
              .bind("org", job.organizationId())
              .bind("project", job.projectId())
              .bind("key", apiKeyId)
              .bind("model", job.model())
              .bind("provider", job.provider())
              .bind("prompt", job.prompt())
              .bind("seconds", job.seconds())
              .bind("width", job.width())
              .bind("height", job.height())
              .bind("seed", job.seed())
              .bind("input", job.inputReferenceSha256())
              .bind("remixed", job.remixedFromVideoId())
              .bind("phase", job.phase().databaseName())
              .bind("created", Timestamp.from(job.createdAt()))
              .bind("runAt", Timestamp.from(runAt))
              .bind("hold", job.holdId())
              .bind("estimate", job.estimateMicros())
              .execute();
          transition(handle, job.id(), job.phase(), "created");
          alsoStore.accept(handle);
        });
  }

  public Optional<VideoJob> find(String organizationId, String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + COLUMNS
                        + " from videos where id = :id and organization_id = :org and deleted_at"
                        + " is null")
                .bind("id", id)
                .bind("org", organizationId)
                .map((rs, context) -> job(rs))
                .findOne());
  }

  /** A page in creation order after the video {@code afterId} (exclusive), one extra to probe. */
  public List<VideoJob> list(
      String organizationId, @Nullable String afterId, int limit, boolean ascending) {
    String comparison = ascending ? ">" : "<";
    String order = ascending ? "asc" : "desc";
    String cursor =
        afterId == null
            ? ""
            : " and sequence "
                + comparison
                + " (select sequence from videos where id = :after and organization_id = :org)";
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select "
                        + COLUMNS
                        + " from videos where organization_id = :org and deleted_at is null"
                        + cursor
                        + " order by sequence "
                        + order
                        + " limit :limit")
                .bind("org", organizationId)
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, context) -> job(rs))
                .list());
  }

  /** The API key that created the video: its budget is held again when the job fails over. */
  public Optional<String> apiKeyId(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select api_key_id from videos where id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .findOne());
  }

  /** Records, in the video's own insert transaction, that it is a shot of a storyboard. */
  public static void joinStoryboard(Handle handle, String videoId, String storyboardId) {
    handle
        .createUpdate("update videos set storyboard_id = :board where id = :id")
        .bind("board", storyboardId)
        .bind("id", videoId)
        .execute();
  }

  /** The storyboard the video is a shot of: its failover re-prices inside the board's hold. */
  public Optional<String> storyboardId(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select storyboard_id from videos where id = :id and storyboard_id is not null")
                .bind("id", id)
                .mapTo(String.class)
                .findOne());
  }

  /**
   * Cancels a video that is not finished yet (it stays visible as cancelled); returns it as it was
   * before, or empty when it had already finished. A step running meanwhile is fenced out.
   */
  public Optional<VideoJob> cancel(String organizationId, String id, String reason, Instant now) {
    return jdbi.inTransaction(
        handle -> {
          Optional<VideoJob> before =
              handle
                  .createQuery(
                      "select " + COLUMNS + " from videos where id = :id and organization_id = :org and deleted_at is null"
                          + " and phase in " + ACTIVE_PHASES + " for update")
                  .bind("id", id)
                  .bind("org", organizationId)
                  .map((rs, context) -> job(rs))
                  .findOne();
          if (before.isEmpty()) {
            return before;
          }
          handle
              .createUpdate(
                  "update videos set phase = 'cancelled', completed_at = :now, error_code = 'cancelled',"
                      + " error_message = :reason, claimed_by = null, claimed_until = null where id = :id")
              .bind("now", Timestamp.from(now))
              .bind("reason", reason)
              .bind("id", id)
              .execute();
          transition(handle, id, VideoPhase.CANCELLED, reason);
          notifyChange(handle, id);
          return before;
        });
  }

  public boolean exists(String organizationId, String id) {
    return find(organizationId, id).isPresent();
  }

  /**
   * Claims due jobs for this node; a claim is a lease that expires if the node dies. Jobs already
   * running at their provider are claimed freely (a poll or a download). A queued job is claimed
   * only while its organisation and its provider are under their concurrency limits and the
   * provider's submission rate allows: the running jobs are counted under a transaction-scoped
   * advisory lock that every node's queued claim takes, so two nodes can never both take the last
   * slot. A queued job left behind stays queued and is looked at again on the next claim.
   * The claim does not wait for its commit to reach the disk: one dispatcher thread claims for
   * the whole node, and a slow flush would stall every step behind it. A claim lost in a database
   * crash can only let a second node start the same step; the first one's completeStep is then
   * fenced out and it cancels its render.
   */
  public List<VideoJob> claimDue(String nodeId, int limit, long leaseMillis, Instant now) {
    return claimDue(nodeId, limit, limit, leaseMillis, now);
  }

  /**
   * Claims up to {@code limit} provider steps (polls of submitted renders first, then queued jobs
   * the limits admit) and up to {@code outputLimit} outputs to fetch and store, in one transaction.
   */
  public List<VideoJob> claimDue(String nodeId, int limit, int outputLimit, long leaseMillis, Instant now) {
    return jdbi.inTransaction(
        handle -> {
          handle.execute("set local synchronous_commit = off");
          List<VideoJob> claimed = new ArrayList<>(claimRunning(handle, nodeId, limit, outputLimit, leaseMillis, now));
          long polls = claimed.stream().filter(job -> job.phase() == VideoPhase.SUBMITTED).count();
          if (polls < limit) {
            claimed.addAll(claimQueued(handle, nodeId, (int) (limit - polls), leaseMillis, now));
          }
          return claimed;
        });
  }

  private static final String DUE =
      " deleted_at is null and run_at <= :now and (claimed_until is null or claimed_until < :now) and (owner_node"
          + " is null or owner_node = :node or not exists (select 1 from worker_nodes n where n.id = videos.owner_node"
          + " and n.heartbeat_at > :alive))";

  /** Outputs to fetch and polls of submitted renders, each kind up to its own limit. */
  private static List<VideoJob> claimRunning(
      Handle handle, String nodeId, int pollLimit, int outputLimit, long leaseMillis, Instant now) {
    return handle
        .createQuery(
            "with outputs as (select id from videos where phase = 'downloading' and" + DUE + " order by run_at limit"
                + " :outputs for update skip locked), polls as (select id from videos where phase = 'submitted' and" + DUE
                + " order by run_at limit :limit for update skip locked) update videos set claimed_by = :node,"
                + " claimed_until = :until, wake_requested_at = null where id in (select id from outputs union all"
                + " select id from polls) returning " + COLUMNS)
        .bind("outputs", outputLimit)
        .bind("node", nodeId)
        .bind("until", Timestamp.from(now.plusMillis(leaseMillis)))
        .bind("now", Timestamp.from(now))
        .bind("alive", Timestamp.from(now.minusMillis(leaseMillis)))
        .bind("limit", pollLimit)
        .map((rs, context) -> job(rs))
        .list();
  }

  private record Candidate(String id, String organizationId, String provider) {}

  private List<VideoJob> claimQueued(Handle handle, String nodeId, int limit, long leaseMillis, Instant now) {
    boolean anyDue =
        handle
            .createQuery("select exists (select 1 from videos where phase = 'queued' and" + DUE + ")")
            .bind("node", nodeId)
            .bind("now", Timestamp.from(now))
            .bind("alive", Timestamp.from(now.minusMillis(leaseMillis)))
            .mapTo(Boolean.class)
            .one();
    if (!anyDue) {
      return List.of();
    }
    // Taken in its own statement: under READ COMMITTED every later statement sees what the
    // previous holder committed.
    handle.createQuery("select pg_advisory_xact_lock(:key)").bind("key", QUEUED_CLAIM_LOCK).mapTo(String.class).one();
    Map<String, Integer> runningByOrganization = new HashMap<>();
    Map<String, Integer> runningByProvider = new HashMap<>();
    handle
        .createQuery("select organization_id, provider, count(*) as running from " + RUNNING_ROWS + " group by 1, 2")
        .bind("now", Timestamp.from(now))
        .map(
            (rs, context) -> {
              int running = rs.getInt("running");
              runningByOrganization.merge(rs.getString("organization_id"), running, Integer::sum);
              runningByProvider.merge(rs.getString("provider"), running, Integer::sum);
              return running;
            })
        .list();
    // The oldest few of every organisation and provider, so one organisation's backlog at its
    // limit never hides another's jobs. The groups are found by skipping through
    // videos_queued_by_group (one probe per organisation and provider with queued work), and each
    // group's oldest due jobs are read from its front, so a claim costs the groups, not the
    // backlog. No row locks: queued claims are serialised by the lock above, and the claiming
    // update re-checks each row.
    List<Candidate> candidates =
        handle
            .createQuery(
                "with recursive queued_group (organization_id, provider) as ((select organization_id, provider from"
                    + " videos where deleted_at is null and phase = 'queued' order by organization_id, provider limit 1)"
                    + " union all select next_group.organization_id, next_group.provider from queued_group, lateral"
                    + " (select organization_id, provider from videos where deleted_at is null and phase = 'queued' and"
                    + " (organization_id, provider) > (queued_group.organization_id, queued_group.provider) order by"
                    + " organization_id, provider limit 1) next_group) select oldest.id, oldest.organization_id,"
                    + " oldest.provider from queued_group, lateral (select id, organization_id, provider, run_at, sequence"
                    + " from videos where organization_id = queued_group.organization_id and provider ="
                    + " queued_group.provider and phase = 'queued' and" + DUE + " order by run_at, sequence limit"
                    + " :perGroup) oldest order by oldest.run_at, oldest.sequence limit :scan")
            .bind("node", nodeId)
            .bind("now", Timestamp.from(now))
            .bind("alive", Timestamp.from(now.minusMillis(leaseMillis)))
            .bind("perGroup", Math.min(limit, CLAIM_PER_GROUP))
            .bind("scan", CLAIM_SCAN + limit)
            .map((rs, context) -> new Candidate(rs.getString("id"), rs.getString("organization_id"), rs.getString("provider")))
            .list();
    Map<String, RateBucket> buckets = buckets(handle, candidates, now);
    List<String> chosen = new ArrayList<>();
    for (Candidate candidate : candidates) {
      if (chosen.size() == limit) {
        break;
      }
      int organizationRunning = runningByOrganization.getOrDefault(candidate.organizationId(), 0);
      int providerRunning = runningByProvider.getOrDefault(candidate.provider(), 0);
      if (organizationRunning >= limits.maxConcurrentPerOrganization()
          || providerRunning >= limits.maxConcurrent(candidate.provider())) {
        continue;
      }
      RateBucket bucket = buckets.get(candidate.provider());
      if (bucket != null && !bucket.take()) {
        continue;
      }
      runningByOrganization.put(candidate.organizationId(), organizationRunning + 1);
      runningByProvider.put(candidate.provider(), providerRunning + 1);
      chosen.add(candidate.id());
    }
    for (RateBucket bucket : buckets.values()) {
      handle
          .createUpdate(
              "insert into provider_rate_buckets (provider, tokens, refilled_at) values (:provider, :tokens, :now)"
                  + " on conflict (provider) do update set tokens = :tokens, refilled_at = :now")
          .bind("provider", bucket.provider)
          .bind("tokens", bucket.tokens)
          .bind("now", Timestamp.from(now))
          .execute();
    }
    if (chosen.isEmpty()) {
      return List.of();
    }
    return handle
        .createQuery(
            "update videos set claimed_by = :node, claimed_until = :until, wake_requested_at = null where id in (<ids>) and phase = 'queued' and"
                + DUE + " returning " + COLUMNS)
        .bind("node", nodeId)
        .bind("until", Timestamp.from(now.plusMillis(leaseMillis)))
        .bind("now", Timestamp.from(now))
        .bind("alive", Timestamp.from(now.minusMillis(leaseMillis)))
        .bindList("ids", chosen)
        .map((rs, context) -> job(rs))
        .list();
  }

  /** A provider's submission budget: refilled at its rate, one second of burst at most. */
  private static final class RateBucket {
    final String provider;
    double tokens;

    RateBucket(String provider, double tokens) {
      this.provider = provider;
      this.tokens = tokens;
    }

    boolean take() {
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }

  private Map<String, RateBucket> buckets(Handle handle, List<Candidate> candidates, Instant now) {
    Map<String, RateBucket> buckets = new HashMap<>();
    for (Candidate candidate : candidates) {
      Double rate = limits.requestsPerSecond().get(candidate.provider());
      if (rate == null || buckets.containsKey(candidate.provider())) {
        continue;
      }
      double burst = Math.max(1, rate);
      double tokens =
          handle
              .createQuery("select tokens, refilled_at from provider_rate_buckets where provider = :provider")
              .bind("provider", candidate.provider())
              .map(
                  (rs, context) -> {
                    double elapsedSeconds =
                        Math.max(0, Duration.between(rs.getTimestamp("refilled_at").toInstant(), now).toNanos() / 1e9);
                    return Math.min(burst, rs.getDouble("tokens") + elapsedSeconds * rate);
                  })
              .findOne()
              .orElse(burst);
      buckets.put(candidate.provider(), new RateBucket(candidate.provider(), tokens));
    }
    return buckets;
  }

  /**
   * Why a queued job is waiting, when it is the concurrency limits: its organisation or its
   * provider is at its limit now. Empty when a slot is free (the job is about to start).
   */
  public Optional<String> queuedReason(String organizationId, String provider, Instant now) {
    return jdbi.withHandle(
        handle -> {
          int organizationRunning =
              handle
                  .createQuery("select count(*) from " + RUNNING_ROWS + " where organization_id = :org")
                  .bind("org", organizationId)
                  .bind("now", Timestamp.from(now))
                  .mapTo(Integer.class)
                  .one();
          if (organizationRunning >= limits.maxConcurrentPerOrganization()) {
            return Optional.of(
                "waiting for a slot: the organisation has " + organizationRunning + " renders running (limit "
                    + limits.maxConcurrentPerOrganization() + ")");
          }
          int providerRunning =
              handle
                  .createQuery("select count(*) from " + RUNNING_ROWS + " where provider = :provider")
                  .bind("provider", provider)
                  .bind("now", Timestamp.from(now))
                  .mapTo(Integer.class)
                  .one();
          if (providerRunning >= limits.maxConcurrent(provider)) {
            return Optional.of(
                "waiting for a slot: provider " + provider + " has " + providerRunning + " renders running (limit "
                    + limits.maxConcurrent(provider) + ")");
          }
          return Optional.<String>empty();
        });
  }

  public void extendLeases(
      String nodeId, Collection<String> ids, long leaseMillis, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "update videos set claimed_until = :until where claimed_by = :node and id in"
                        + " (<ids>)")
                .bind("until", Timestamp.from(now.plusMillis(leaseMillis)))
                .bind("node", nodeId)
                .bindList("ids", List.copyOf(ids))
                .execute());
  }

  /**
   * Stores the result of one worker step and releases the claim. Fenced on the claim, so a node
   * whose lease expired cannot overwrite a newer owner's work; returns false when fenced out or the
   * video was deleted meanwhile.
   */
  public boolean completeStep(
      VideoJob updated, String nodeId, @Nullable String ownerNode, Instant runAt, String detail) {
    return completeStep(updated, nodeId, ownerNode, runAt, detail, () -> {});
  }

  /**
   * As above; {@code whenStored} runs inside the same transaction, and only when the step was stored,
   * so whatever it writes (a webhook event, say) commits with the step or not at all.
   */
  public boolean completeStep(
      VideoJob updated,
      String nodeId,
      @Nullable String ownerNode,
      Instant runAt,
      String detail,
      Runnable whenStored) {
    return completeStep(updated, nodeId, ownerNode, runAt, detail, whenStored, true);
  }

  /**
   * As above; a step that is not {@code durable} (a poll that found the render still running)
   * does not wait for its commit to reach the disk. Losing it in a database crash loses only a
   * progress figure: the job's last durable state still has its provider handle, so it is polled
   * again. Most steps of a provider-bound job are such polls.
   */
  public boolean completeStep(
      VideoJob updated,
      String nodeId,
      @Nullable String ownerNode,
      Instant runAt,
      String detail,
      Runnable whenStored,
      boolean durable) {
    return jdbi.inTransaction(
        handle -> {
          if (!durable) {
            handle.execute("set local synchronous_commit = off");
          }
          Update update =
              handle
                  .createUpdate(
                      "update videos set model = :model, provider = :provider, hold_id = :hold,"
                          + " estimate_micros = :estimate, phase = :phase, progress = greatest(progress, :progress),"
                          + " provider_handle = :handle, video_sha256 = :video, thumbnail_sha256 ="
                          + " :thumbnail, spritesheet_sha256 = :sprites, error_code = :errorCode,"
                          + " error_message = :errorMessage, completed_at = :completed,"
                          + " expires_at = case when :phase = 'completed' and :retentionDays > 0 and expires_at is null"
                          + " then cast(:completed as timestamptz) + make_interval(days => :retentionDays) else expires_at end,"
                          + " attempts ="
                          + " :attempts, run_at = least(:runAt, wake_requested_at), wake_requested_at = null,"
                          + " claimed_by = null, claimed_until = null,"
                          + " charged_micros = :charged, owner_node = :owner"
                          + " where id = :id and claimed_by = :node and deleted_at is null and phase <> 'cancelled'")
                  .bind("model", updated.model())
                  .bind("provider", updated.provider())
                  .bind("hold", updated.holdId())
                  .bind("estimate", updated.estimateMicros())
                  .bind("phase", updated.phase().databaseName())
                  .bind("progress", updated.progress())
                  .bind("handle", updated.providerHandle())
                  .bind("video", updated.videoSha256())
                  .bind("thumbnail", updated.thumbnailSha256())
                  .bind("sprites", updated.spritesheetSha256())
                  .bind("errorCode", updated.errorCode())
                  .bind("errorMessage", updated.errorMessage())
                  .bind("completed", timestamp(updated.completedAt()))
                  .bind("retentionDays", limits.videoRetentionDays())
                  .bind("attempts", updated.attempts())
                  .bind("runAt", Timestamp.from(runAt))
                  .bind("charged", updated.chargedMicros())
                  .bind("owner", ownerNode)
                  .bind("id", updated.id())
                  .bind("node", nodeId);
          boolean stored = update.execute() == 1;
          if (stored && !detail.isEmpty()) {
            transition(handle, updated.id(), updated.phase(), detail);
          }
          if (stored) {
            notifyChange(handle, updated.id());
            whenStored.run();
          }
          return stored;
        });
  }

  /** Wakes every node's subscribers of this video at commit (channel {@code aivid_videos}). */
  private static void notifyChange(org.jdbi.v3.core.Handle handle, String videoId) {
    handle.createQuery("select pg_notify('aivid_videos', :id)").bind("id", videoId).mapTo(String.class).findOne();
  }

  /** Records that this node is alive (and since when it started, on first call). */
  public void heartbeat(String nodeId, Instant now) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into worker_nodes (id, started_at, heartbeat_at) values (:id, :now,"
                        + " :now) on conflict (id) do update set heartbeat_at = :now")
                .bind("id", nodeId)
                .bind("now", Timestamp.from(now))
                .execute());
  }

  /** A node leaving cleanly: its in-process renders are gone, so others may take its jobs now. */
  public void leave(String nodeId) {
    jdbi.useHandle(
        handle ->
            handle.createUpdate("delete from worker_nodes where id = :id").bind("id", nodeId).execute());
  }

  /** Releases every claim this node holds so another node (or this one restarted) resumes. */
  public int releaseAll(String nodeId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "update videos set claimed_by = null, claimed_until = null where claimed_by ="
                        + " :node")
                .bind("node", nodeId)
                .execute());
  }

  /** Soft-deletes the video; a still-running one is marked cancelled in the same statement. */
  /** Completed videos whose output is past its {@code expires_at}, oldest first. */
  public List<VideoJob> expired(Instant now, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + COLUMNS + " from videos where deleted_at is null and phase = 'completed' and"
                        + " expires_at < :now order by expires_at limit :limit")
                .bind("now", Timestamp.from(now))
                .bind("limit", limit)
                .map((rs, context) -> job(rs))
                .list());
  }

  public Optional<VideoJob> delete(String organizationId, String id, Instant now) {
    return jdbi.inTransaction(
        handle -> {
          Optional<VideoJob> before =
              handle
                  .createQuery(
                      "select "
                          + COLUMNS
                          + " from videos where id = :id and organization_id = :org and"
                          + " deleted_at is null for update")
                  .bind("id", id)
                  .bind("org", organizationId)
                  .map((rs, context) -> job(rs))
                  .findOne();
          if (before.isEmpty()) {
            return before;
          }
          boolean running = !before.get().phase().isTerminal();
          handle
              .createUpdate(
                  "update videos set deleted_at = :now, phase = case when :running then"
                      + " 'cancelled' else phase end where id = :id")
              .bind("now", Timestamp.from(now))
              .bind("running", running)
              .bind("id", id)
              .execute();
          transition(handle, id, running ? VideoPhase.CANCELLED : before.get().phase(), "deleted");
          notifyChange(handle, id);
          return before;
        });
  }

  public List<String> transitions(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select phase from video_transitions where video_id = :id order by id")
                .bind("id", id)
                .mapTo(String.class)
                .list());
  }

  private static void transition(Handle handle, String id, VideoPhase phase, String detail) {
    handle
        .createUpdate(
            "insert into video_transitions (video_id, phase, detail) values (:id, :phase,"
                + " :detail)")
        .bind("id", id)
        .bind("phase", phase.databaseName())
        .bind("detail", detail)
        .execute();
  }

  private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static VideoJob job(ResultSet rs) throws SQLException {
    return new VideoJob(
        rs.getString("id"),
        rs.getString("organization_id"),
        rs.getString("project_id"),
        rs.getString("model"),
        rs.getString("provider"),
        rs.getString("prompt"),
        rs.getInt("seconds"),
        rs.getInt("width"),
        rs.getInt("height"),
        rs.getLong("seed"),
        rs.getString("input_reference_sha256"),
        rs.getString("remixed_from_video_id"),
        VideoPhase.fromDatabaseName(rs.getString("phase")),
        rs.getInt("progress"),
        rs.getString("provider_handle"),
        rs.getString("video_sha256"),
        rs.getString("thumbnail_sha256"),
        rs.getString("spritesheet_sha256"),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getTimestamp("created_at").toInstant(),
        instant(rs.getTimestamp("completed_at")),
        instant(rs.getTimestamp("expires_at")),
        rs.getInt("attempts"),
        rs.getString("hold_id"),
        rs.getLong("estimate_micros"),
        nullableLong(rs, "charged_micros"));
  }

  private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
