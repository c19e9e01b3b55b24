package dev.aivid.jobs.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.jobs.StitchRequest;
import dev.aivid.jobs.Storyboard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

public final class StoryboardRepository {
  private static final String COLUMNS =
      "id, organization_id, project_id, api_key_id, status, plan::text as plan, stitch_id, error_code, error_message,"
          + " created_at, completed_at";
  private final Jdbi jdbi;
  private final ObjectMapper json;

  public StoryboardRepository(Jdbi jdbi, ObjectMapper json) {
    this.jdbi = jdbi;
    this.json = json;
  }

  public void insert(Storyboard board) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into storyboards (id, organization_id, project_id, api_key_id, status, plan, created_at)"
                        + " values (:id, :org, :project, :key, :status, cast(:plan as jsonb), :created)")
                .bind("id", board.id())
                .bind("org", board.organizationId())
                .bind("project", board.projectId())
                .bind("key", board.apiKeyId())
                .bind("status", board.status())
                .bind("plan", plan(board).toString())
                .bind("created", Timestamp.from(board.createdAt()))
                .execute());
  }

  public Optional<Storyboard> find(String organizationId, String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("select " + COLUMNS + " from storyboards where id = :id and organization_id = :org")
                .bind("id", id)
                .bind("org", organizationId)
                .map((rs, context) -> board(rs))
                .findOne());
  }

  /** A page in creation order after the board {@code afterId} (exclusive); ties broken by id. */
  public List<Storyboard> list(String organizationId, @Nullable String afterId, int limit, boolean ascending) {
    String comparison = ascending ? ">" : "<";
    String order = ascending ? "asc" : "desc";
    String cursor =
        afterId == null
            ? ""
            : " and (created_at, id) " + comparison
                + " (select created_at, id from storyboards where id = :after and organization_id = :org)";
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + COLUMNS + " from storyboards where organization_id = :org" + cursor
                        + " order by created_at " + order + ", id " + order + " limit :limit")
                .bind("org", organizationId)
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, context) -> board(rs))
                .list());
  }

  /** Boards still in progress whose lease is free, leased to the caller for {@code leaseMillis}. */
  public List<Storyboard> claimDue(int limit, long leaseMillis, Instant now) {
    return jdbi.inTransaction(
        handle ->
            handle
                .createQuery(
                    "update storyboards set claimed_until = :until where id in (select id from storyboards where"
                        + " status in ('rendering', 'stitching') and (claimed_until is null or claimed_until < :now)"
                        + " order by created_at limit :limit for update skip locked) returning " + COLUMNS)
                .bind("until", Timestamp.from(now.plusMillis(leaseMillis)))
                .bind("now", Timestamp.from(now))
                .bind("limit", limit)
                .map((rs, context) -> board(rs))
                .list());
  }

  public void release(String id) {
    jdbi.useHandle(handle -> handle.createUpdate("update storyboards set claimed_until = null where id = :id").bind("id", id).execute());
  }

  /** The board's shots are done and its cut is being made; subscribers are woken. */
  public void markStitching(String id) {
    jdbi.useTransaction(
        handle -> {
          handle.createUpdate("update storyboards set status = 'stitching' where id = :id and status = 'rendering'").bind("id", id).execute();
          notifyChange(handle, id);
        });
  }

  /** Board changes wake subscribers on the videos' channel: a board id never collides with a video id. */
  private static void notifyChange(org.jdbi.v3.core.Handle handle, String id) {
    handle.createQuery("select pg_notify('aivid_videos', :id)").bind("id", id).mapTo(String.class).findOne();
  }

  public void finish(String id, String status, @Nullable String stitchId, @Nullable String errorCode, @Nullable String errorMessage, Instant now) {
    jdbi.useTransaction(
        handle -> {
            handle
                .createUpdate(
                    "update storyboards set status = :status, stitch_id = :stitch, error_code = :code, error_message ="
                        + " :message, completed_at = :now, claimed_until = null where id = :id")
                .bind("status", status)
                .bind("stitch", stitchId)
                .bind("code", errorCode)
                .bind("message", errorMessage)
                .bind("now", Timestamp.from(now))
                .bind("id", id)
                .execute();
            notifyChange(handle, id);
        });
  }

  private ObjectNode plan(Storyboard board) {
    ObjectNode plan = json.createObjectNode();
    ArrayNode shots = plan.putArray("shots");
    for (StitchRequest.Part shot : board.shots()) {
      ObjectNode item = shots.addObject().put("video_id", shot.videoId()).put("transition", shot.transition());
      if (shot.crossfadeSeconds() != null) {
        item.put("crossfade_seconds", shot.crossfadeSeconds());
      }
    }
    plan.put("size", board.size());
    if (board.framesPerSecond() != null) {
      plan.put("frames_per_second", board.framesPerSecond());
    }
    plan.put("soundtrack_asset_id", board.soundtrackAssetId());
    plan.put("snap_to_beats", board.snapToBeats());
    plan.put("title", board.title());
    return plan;
  }

  private Storyboard board(ResultSet rs) throws SQLException {
    JsonNode plan;
    try {
      plan = json.readTree(rs.getString("plan"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<StitchRequest.Part> shots = new ArrayList<>();
    for (JsonNode shot : plan.path("shots")) {
      shots.add(
          new StitchRequest.Part(
              shot.path("video_id").asText(),
              null,
              null,
              shot.path("transition").asText("cut"),
              shot.has("crossfade_seconds") ? shot.path("crossfade_seconds").asDouble() : null));
    }
    Timestamp completed = rs.getTimestamp("completed_at");
    return new Storyboard(
        rs.getString("id"),
        rs.getString("organization_id"),
        rs.getString("project_id"),
        rs.getString("api_key_id"),
        rs.getString("status"),
        shots,
        plan.path("size").isTextual() ? plan.path("size").asText() : null,
        plan.has("frames_per_second") ? plan.path("frames_per_second").asInt() : null,
        plan.path("soundtrack_asset_id").isTextual() ? plan.path("soundtrack_asset_id").asText() : null,
        plan.path("snap_to_beats").asBoolean(false),
        plan.path("title").isTextual() ? plan.path("title").asText() : null,
        rs.getString("stitch_id"),
        rs.getString("error_code"),
        rs.getString("error_message"),
        rs.getTimestamp("created_at").toInstant(),
        completed == null ? null : completed.toInstant());
  }
}
