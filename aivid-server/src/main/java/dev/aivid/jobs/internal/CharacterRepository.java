package dev.aivid.jobs.internal;

import dev.aivid.jobs.VideoCharacter;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The characters of each organisation (table video_characters). */
public final class CharacterRepository {
  private final Jdbi jdbi;

  public CharacterRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void insert(VideoCharacter character) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "insert into video_characters (id, organization_id, name, video_sha256, image_sha256,"
                        + " created_at) values (:id, :organization, :name, :video, :image, :at)")
                .bind("id", character.id())
                .bind("organization", character.organizationId())
                .bind("name", character.name())
                .bind("video", character.videoSha256())
                .bind("image", character.imageSha256())
                .bind("at", character.createdAt())
                .execute());
  }

  public Optional<VideoCharacter> find(String organizationId, String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "select id, organization_id, name, video_sha256, image_sha256, created_at from"
                        + " video_characters where organization_id = :organization and id = :id")
                .bind("organization", organizationId)
                .bind("id", id)
                .map(
                    (rs, context) ->
                        new VideoCharacter(
                            rs.getString("id"),
                            rs.getString("organization_id"),
                            rs.getString("name"),
                            rs.getString("video_sha256"),
                            rs.getString("image_sha256"),
                            rs.getTimestamp("created_at").toInstant()))
                .findOne());
  }
}
