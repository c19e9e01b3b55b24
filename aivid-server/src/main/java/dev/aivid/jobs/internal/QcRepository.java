package dev.aivid.jobs.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Quality-control reports per video, one per checked output (a failover checks again). */
public final class QcRepository {
  private final Jdbi jdbi;
  private final ObjectMapper json;

  public QcRepository(Jdbi jdbi, ObjectMapper json) {
    this.jdbi = jdbi;
    this.json = json;
  }

  public void insert(String videoId, String model, boolean passes, JsonNode report, Instant now) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into video_qc (video_id, attempt, model, passes, report, checked_at) values (:id,"
                        + " (select coalesce(max(attempt), 0) + 1 from video_qc where video_id = :id), :model,"
                        + " :passes, cast(:report as jsonb), :now)")
                .bind("id", videoId)
                .bind("model", model)
                .bind("passes", passes)
                .bind("report", write(report))
                .bind("now", Timestamp.from(now))
                .execute());
  }

  /** Every check of the video, oldest first. */
  public List<JsonNode> reports(String videoId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select jsonb_build_object('attempt', attempt, 'model', model, 'passes', passes, 'checked_at',"
                        + " extract(epoch from checked_at)::bigint, 'report', report)::text from video_qc where"
                        + " video_id = :id order by attempt")
                .bind("id", videoId)
                .mapTo(String.class)
                .list()
                .stream()
                .map(this::read)
                .toList());
  }

  private JsonNode read(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("video_qc row is not JSON", e);
    }
  }

  private String write(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a QC report always serialises", e);
    }
  }
}
