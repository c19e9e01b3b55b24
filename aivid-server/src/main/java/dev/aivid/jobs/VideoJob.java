package dev.aivid.jobs;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One render job: the row behind an OpenAI-compatible video object. */
public record VideoJob(
    String id,
    String organizationId,
    @Nullable String projectId,
    String model,
    String provider,
    String prompt,
    int seconds,
    int width,
    int height,
    long seed,
    @Nullable String inputReferenceSha256,
    @Nullable String remixedFromVideoId,
    VideoPhase phase,
    int progress,
    @Nullable String providerHandle,
    @Nullable String videoSha256,
    @Nullable String thumbnailSha256,
    @Nullable String spritesheetSha256,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    Instant createdAt,
    @Nullable Instant completedAt,
    @Nullable Instant expiresAt,
    int attempts) {

  public String size() {
    return width + "x" + height;
  }
}
