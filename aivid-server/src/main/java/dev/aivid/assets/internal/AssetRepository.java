package dev.aivid.assets.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.assets.Asset;
import dev.aivid.media.detect.ContentType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class AssetRepository {
  private static final String COLUMNS =
      "id, organization_id, sha256, content_type, name, size_bytes, metadata::text as metadata,"
          + " created_at";
  private final Jdbi jdbi;
  private final ObjectMapper json;

  public AssetRepository(Jdbi jdbi, ObjectMapper json) {
    this.jdbi = jdbi;
    this.json = json;
  }

  /** Inserts the asset unless the organisation already has the same bytes; returns the live one. */
  public Asset insertOrExisting(Asset asset) {
    return jdbi.inTransaction(
        handle -> {
          int inserted =
              handle
                  .createUpdate(
                      "insert into assets (id, organization_id, sha256, content_type, media_type,"
                          + " name, size_bytes, metadata, created_at) values (:id, :org, :sha, :type,"
                          + " :media, :name, :size, cast(:metadata as jsonb), :created) on conflict"
                          + " (organization_id, sha256) where deleted_at is null do nothing")
                  .bind("id", asset.id())
                  .bind("org", asset.organizationId())
                  .bind("sha", asset.sha256())
                  .bind("type", asset.contentType().name())
                  .bind("media", asset.contentType().mediaType())
                  .bind("name", asset.name())
                  .bind("size", asset.sizeBytes())
                  .bind("metadata", write(asset.metadata()))
                  .bind("created", Timestamp.from(asset.createdAt()))
                  .execute();
          if (inserted == 1) {
            return asset;
          }
          return handle
              .createQuery(
                  "select " + COLUMNS + " from assets where organization_id = :org and sha256 = :sha"
                      + " and deleted_at is null")
              .bind("org", asset.organizationId())
              .bind("sha", asset.sha256())
              .map((rs, context) -> asset(rs))
              .one();
        });
  }

  public Optional<Asset> find(String organizationId, String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + COLUMNS + " from assets where id = :id and organization_id = :org and"
                        + " deleted_at is null")
                .bind("id", id)
                .bind("org", organizationId)
                .map((rs, context) -> asset(rs))
                .findOne());
  }

  public List<Asset> findAll(String organizationId, List<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select " + COLUMNS + " from assets where organization_id = :org and deleted_at"
                        + " is null and id in (<ids>)")
                .bind("org", organizationId)
                .bindList("ids", ids)
                .map((rs, context) -> asset(rs))
                .list());
  }

  public boolean delete(String organizationId, String id, Instant now) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "update assets set deleted_at = :now where id = :id and organization_id ="
                            + " :org and deleted_at is null")
                    .bind("now", Timestamp.from(now))
                    .bind("id", id)
                    .bind("org", organizationId)
                    .execute())
        == 1;
  }

  private Asset asset(ResultSet rs) throws SQLException {
    return new Asset(
        rs.getString("id"),
        rs.getString("organization_id"),
        rs.getString("sha256"),
        ContentType.valueOf(rs.getString("content_type")),
        rs.getString("name"),
        rs.getLong("size_bytes"),
        read(rs.getString("metadata")),
        rs.getTimestamp("created_at").toInstant());
  }

  private String write(Map<String, Object> metadata) {
    try {
      return json.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Asset metadata is plain data", e);
    }
  }

  private Map<String, Object> read(String text) {
    try {
      return json.readValue(text, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored asset metadata is not JSON", e);
    }
  }
}
