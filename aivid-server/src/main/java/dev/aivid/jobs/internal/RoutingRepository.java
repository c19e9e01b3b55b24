package dev.aivid.jobs.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.jobs.ChainSegment;
import dev.aivid.jobs.RoutingRecord;
import dev.aivid.routing.ShotPlan;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The routing row of each job (table video_routing). */
public final class RoutingRepository {
  private final Jdbi jdbi;
  private final ObjectMapper json;

  public RoutingRepository(Jdbi jdbi, ObjectMapper json) {
    this.jdbi = jdbi;
    this.json = json;
  }

  /** Inserts within the caller's transaction (the video's own insert). */
  public void insert(org.jdbi.v3.core.Handle handle, String videoId, RoutingRecord record) {
    handle
                .createUpdate(
                    "insert into video_routing (video_id, requested_model, policy, decision, fallbacks,"
                        + " shot_plan, verdicts, notes, switches) values (:id, :requested, :policy,"
                        + " cast(:decision as jsonb), :fallbacks, cast(:plan as jsonb), cast(:verdicts as"
                        + " jsonb), cast(:notes as jsonb), :switches)")
                .bind("id", videoId)
                .bind("requested", record.requestedModel())
                .bind("policy", record.policy())
                .bind("decision", write(record.decision()))
                .bind("fallbacks", record.fallbacks().toArray(String[]::new))
                .bind("plan", write(record.plan()))
                .bind("verdicts", write(record.verdicts()))
                .bind("notes", write(record.notes()))
                .bind("switches", record.switches())
                .execute();
  }

  public Optional<RoutingRecord> find(String videoId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select requested_model, policy, decision::text as decision, fallbacks,"
                        + " shot_plan::text as shot_plan, verdicts::text as verdicts, notes::text as notes,"
                        + " switches from video_routing where video_id = :id")
                .bind("id", videoId)
                .map((rs, context) -> record(rs))
                .findOne());
  }

  public void saveVerdicts(String videoId, JsonNode verdicts) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("update video_routing set verdicts = cast(:verdicts as jsonb) where video_id = :id")
                .bind("verdicts", write(verdicts))
                .bind("id", videoId)
                .execute());
  }

  /** Records a failover: the remaining fallbacks and a note; fenced on the switch count. */
  public boolean recordSwitch(String videoId, int expectedSwitches, List<String> fallbacks, String note) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update video_routing set fallbacks = :fallbacks, switches = switches + 1, notes ="
                            + " notes || jsonb_build_array(cast(:note as text)) where video_id = :id and"
                            + " switches = :expected")
                    .bind("fallbacks", fallbacks.toArray(String[]::new))
                    .bind("note", note)
                    .bind("id", videoId)
                    .bind("expected", expectedSwitches)
                    .execute())
        == 1;
  }

  public void addNote(String videoId, String note) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "update video_routing set notes = notes || jsonb_build_array(cast(:note as text)) where"
                        + " video_id = :id")
                .bind("note", note)
                .bind("id", videoId)
                .execute());
  }

  /**
   * Records the submission of a chain segment; a resubmission of the same segment (after a lost
   * render or a failover) replaces it. A completed segment is never replaced.
   */
  public void submitSegment(String videoId, ChainSegment segment) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into video_segments (video_id, segment_index, model, provider, method, seconds,"
                        + " provider_handle, submitted_at) values (:id, :index, :model, :provider, :method,"
                        + " :seconds, :handle, :at) on conflict (video_id, segment_index) do update set model"
                        + " = excluded.model, provider = excluded.provider, method = excluded.method, seconds"
                        + " = excluded.seconds, provider_handle = excluded.provider_handle, submitted_at ="
                        + " excluded.submitted_at where video_segments.completed_at is null")
                .bind("id", videoId)
                .bind("index", segment.index())
                .bind("model", segment.model())
                .bind("provider", segment.provider())
                .bind("method", segment.methodName())
                .bind("seconds", segment.seconds())
                .bind("handle", segment.providerHandle())
                .bind("at", segment.submittedAt())
                .execute());
  }

  /** A finished segment inserted with the video (the source an extension continues). */
  public void insertSegment(org.jdbi.v3.core.Handle handle, String videoId, ChainSegment segment) {
    handle
        .createUpdate(
            "insert into video_segments (video_id, segment_index, model, provider, method, seconds,"
                + " provider_handle, video_sha256, submitted_at, completed_at) values (:id, :index, :model,"
                + " :provider, :method, :seconds, :handle, :sha, :submitted, :completed)")
        .bind("id", videoId)
        .bind("index", segment.index())
        .bind("model", segment.model())
        .bind("provider", segment.provider())
        .bind("method", segment.methodName())
        .bind("seconds", segment.seconds())
        .bind("handle", segment.providerHandle())
        .bind("sha", segment.videoSha256())
        .bind("submitted", segment.submittedAt())
        .bind("completed", segment.completedAt())
        .execute();
  }

  /** Stores a segment's output once; false when it was stored already (a retried step). */
  public boolean completeSegment(String videoId, int index, String providerHandle, String videoSha256, Instant at) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update video_segments set video_sha256 = :sha, completed_at = :at where video_id ="
                            + " :id and segment_index = :index and provider_handle = :handle and completed_at"
                            + " is null")
                    .bind("sha", videoSha256)
                    .bind("at", at)
                    .bind("id", videoId)
                    .bind("index", index)
                    .bind("handle", providerHandle)
                    .execute())
        == 1;
  }

  public void clearSegments(String videoId) {
    jdbi.useHandle(
        handle -> handle.createUpdate("delete from video_segments where video_id = :id").bind("id", videoId).execute());
  }

  /** The chain's segments in order, submitted and completed. */
  public List<ChainSegment> segments(String videoId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select segment_index, model, provider, method, seconds, provider_handle, video_sha256,"
                        + " submitted_at, completed_at from video_segments where video_id = :id order by"
                        + " segment_index")
                .bind("id", videoId)
                .map(
                    (rs, context) ->
                        new ChainSegment(
                            rs.getInt("segment_index"),
                            rs.getString("model"),
                            rs.getString("provider"),
                            ChainSegment.method(rs.getString("method")),
                            rs.getInt("seconds"),
                            rs.getString("provider_handle"),
                            rs.getString("video_sha256"),
                            rs.getTimestamp("submitted_at").toInstant(),
                            rs.getTimestamp("completed_at") == null ? null : rs.getTimestamp("completed_at").toInstant()))
                .list());
  }

  private RoutingRecord record(ResultSet rs) throws SQLException {
    try {
      return new RoutingRecord(
          rs.getString("requested_model"),
          rs.getString("policy"),
          json.readTree(rs.getString("decision")),
          Arrays.asList((String[]) rs.getArray("fallbacks").getArray()),
          json.readValue(rs.getString("shot_plan"), ShotPlan.class),
          json.readTree(rs.getString("verdicts")),
          json.readValue(rs.getString("notes"), new TypeReference<List<String>>() {}),
          rs.getInt("switches"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("video_routing row is not readable JSON", e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("routing data always serialises", e);
    }
  }
}
