package dev.aivid.jobs;

import dev.aivid.account.Principal;
import dev.aivid.jobs.internal.CharacterRepository;
import dev.aivid.media.MediaException;
import dev.aivid.media.frames.FrameSampler;
import dev.aivid.media.probe.VideoInfo;
import dev.aivid.media.probe.VideoProbe;
import dev.aivid.routing.ShotPlan;
import dev.aivid.storage.Blob;
import dev.aivid.storage.BlobStore;
import dev.aivid.support.Ids;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI-compatible characters: made from a short video, kept per organisation, and named by later
 * creates ({@code character_ids}), whose every segment then carries the character's still as a
 * character reference.
 */
public final class CharacterService {
  public static final int MAX_NAME_CHARACTERS = 80;
  public static final int MAX_CHARACTERS_PER_VIDEO = 4;
  private static final int STILL_MAX_WIDTH = 1024;

  private final CharacterRepository repository;
  private final BlobStore blobs;
  private final Ids ids;
  private final InstantSource clock;

  public CharacterService(CharacterRepository repository, BlobStore blobs, Ids ids, InstantSource clock) {
    this.repository = repository;
    this.blobs = blobs;
    this.ids = ids;
    this.clock = clock;
  }

  /** Validates everything before storing anything: a bad name or file stores nothing. */
  public VideoCharacter create(Principal principal, @Nullable String rawName, byte @Nullable [] video) {
    String name = name(rawName);
    if (video == null || video.length == 0) {
      throw VideoException.invalid("video", "missing_video", "video is required: the file the character is made from");
    }
    Path file = blobs.temporaryFile(".mp4");
    byte[] still;
    try {
      java.nio.file.Files.write(file, video);
      VideoInfo info = VideoProbe.probe(file);
      if (info.frameCount() < 1 && info.durationSeconds() <= 0) {
        throw VideoException.invalid("video", "invalid_video", "video has no frames");
      }
      still = FrameSampler.thumbnailJpeg(file, Math.min(STILL_MAX_WIDTH, info.width()));
    } catch (MediaException e) {
      throw VideoException.invalid("video", "invalid_video", "video must be a video file (MP4, MOV, WebM): " + e.getMessage());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      BlobStore.deleteQuietly(file);
    }
    Blob videoBlob = blobs.put(video, "video/mp4");
    Blob image = blobs.put(still, "image/jpeg");
    VideoCharacter character =
        new VideoCharacter(ids.hex("char", 32), principal.organizationId(), name, videoBlob.sha256(), image.sha256(), clock.instant());
    repository.insert(character);
    return character;
  }

  public VideoCharacter get(Principal principal, String id) {
    return repository
        .find(principal.organizationId(), id)
        .orElseThrow(
            () ->
                new VideoException(
                    VideoException.Kind.NOT_FOUND, "character_not_found", "character_id", "No character '" + id + "'"));
  }

  /**
   * The characters a create names, as the shot plan's references ({@code @Character1}…, role
   * "character NAME"); an unknown id is a 400 naming the field.
   */
  List<ShotPlan.PlannedReference> references(Principal principal, List<String> characterIds) {
    if (characterIds.size() > MAX_CHARACTERS_PER_VIDEO) {
      throw VideoException.invalid(
          "character_ids", "too_many_characters", "character_ids names at most " + MAX_CHARACTERS_PER_VIDEO + " characters");
    }
    List<ShotPlan.PlannedReference> references = new ArrayList<>();
    for (String id : new LinkedHashSet<>(characterIds)) {
      VideoCharacter character =
          repository
              .find(principal.organizationId(), id)
              .orElseThrow(
                  () -> VideoException.invalid("character_ids", "character_not_found", "No character '" + id + "'"));
      Blob still = blobs.find(character.imageSha256()).orElseThrow(() -> new IllegalStateException("character still is gone"));
      references.add(
          new ShotPlan.PlannedReference(
              "@Character" + (references.size() + 1),
              "image",
              "character " + character.name(),
              "image/jpeg",
              still.sha256(),
              still.sizeBytes()));
    }
    return references;
  }

  private static String name(@Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      throw VideoException.invalid("name", "missing_name", "name is required");
    }
    String name = raw.strip();
    if (name.length() > MAX_NAME_CHARACTERS || name.chars().anyMatch(Character::isISOControl)) {
      throw VideoException.invalid(
          "name", "invalid_name", "name must be 1.." + MAX_NAME_CHARACTERS + " characters without control characters");
    }
    return name;
  }
}
