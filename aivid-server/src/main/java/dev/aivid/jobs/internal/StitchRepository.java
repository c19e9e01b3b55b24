package dev.aivid.jobs.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.jobs.StitchedCut;
import java.sql.Timestamp;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class StitchRepository {
  private final Jdbi jdbi;
  private final ObjectMapper json;

  public StitchRepository(Jdbi jdbi, ObjectMapper json) {
    this.jdbi = jdbi;
    this.json = json;
  }

  public void insert(StitchedCut cut) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into stitches (id, organization_id, video_sha256, edl_cmx3600, summary, created_at)"
                        + " values (:id, :org, :video, :edl, cast(:summary as jsonb), :created)")
                .bind("id", cut.id())
                .bind("org", cut.organizationId())
                .bind("video", cut.videoSha256())
                .bind("edl", cut.edlCmx3600())
                .bind("summary", write(cut.summary()))
                .bind("created", Timestamp.from(cut.createdAt()))
                .execute());
  }

  public Optional<StitchedCut> find(String organizationId, String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select id, organization_id, video_sha256, edl_cmx3600, summary::text as summary, created_at from"
                        + " stitches where id = :id and organization_id = :org")
                .bind("id", id)
                .bind("org", organizationId)
                .map(
                    (rs, context) ->
                        new StitchedCut(
                            rs.getString("id"),
                            rs.getString("organization_id"),
                            rs.getString("video_sha256"),
                            rs.getString("edl_cmx3600"),
                            read(rs.getString("summary")),
                            rs.getTimestamp("created_at").toInstant()))
                .findOne());
  }

  private ObjectNode read(String text) {
    try {
      return (ObjectNode) json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stitches.summary is not JSON", e);
    }
  }

  private String write(ObjectNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stitch summary always serialises", e);
    }
  }
}
