package dev.aivid.preview.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.preview.Preview;
import java.sql.Timestamp;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class PreviewRepository {
  private final Jdbi jdbi;
  private final ObjectMapper json;

  public PreviewRepository(Jdbi jdbi, ObjectMapper json) {
    this.jdbi = jdbi;
    this.json = json;
  }

  public void insert(Preview preview) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into previews (id, organization_id, video_sha256, poster_sha256, contact_sheet_sha256,"
                        + " summary, created_at) values (:id, :org, :video, :poster, :sheet, cast(:summary as jsonb), :created)")
                .bind("id", preview.id())
                .bind("org", preview.organizationId())
                .bind("video", preview.videoSha256())
                .bind("poster", preview.posterSha256())
                .bind("sheet", preview.contactSheetSha256())
                .bind("summary", write(preview.summary()))
                .bind("created", Timestamp.from(preview.createdAt()))
                .execute());
  }

  public Optional<Preview> find(String organizationId, String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select id, organization_id, video_sha256, poster_sha256, contact_sheet_sha256, summary::text as"
                        + " summary, created_at from previews where id = :id and organization_id = :org")
                .bind("id", id)
                .bind("org", organizationId)
                .map(
                    (rs, context) ->
                        new Preview(
                            rs.getString("id"),
                            rs.getString("organization_id"),
                            rs.getString("video_sha256"),
                            rs.getString("poster_sha256"),
                            rs.getString("contact_sheet_sha256"),
                            read(rs.getString("summary")),
                            rs.getTimestamp("created_at").toInstant()))
                .findOne());
  }

  private ObjectNode read(String text) {
    try {
      return (ObjectNode) json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("previews.summary is not JSON", e);
    }
  }

  private String write(ObjectNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a preview summary always serialises", e);
    }
  }
}
