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
    int attempts,
    @Nullable String holdId,
    long estimateMicros,
    @Nullable Long chargedMicros) {

  /** The same job with one step's changes; every other field is carried over. */
  public VideoJob advance(
      VideoPhase newPhase,
      int newProgress,
      @Nullable String newHandle,
      int newAttempts) {
    return new VideoJob(
        id, organizationId, projectId, model, provider, prompt, seconds, width, height, seed,
        inputReferenceSha256, remixedFromVideoId, newPhase, newProgress, newHandle, videoSha256,
        thumbnailSha256, spritesheetSha256, errorCode, errorMessage, createdAt, completedAt,
        expiresAt, newAttempts, holdId, estimateMicros, chargedMicros);
  }

  /** The same job moved to another model (failover): queued again with a new hold. */
  public VideoJob switchedTo(String newModel, String newProvider, @Nullable String newHoldId, long newEstimateMicros) {
    return new VideoJob(
        id, organizationId, projectId, newModel, newProvider, prompt, seconds, width, height, seed,
        inputReferenceSha256, remixedFromVideoId, VideoPhase.QUEUED, progress, null, videoSha256,
        thumbnailSha256, spritesheetSha256, null, null, createdAt, completedAt, expiresAt, 0,
        newHoldId, newEstimateMicros, chargedMicros);
  }

  public VideoJob completed(
      String video, String thumbnail, String spritesheet, Instant at, @Nullable Long charged) {
    return new VideoJob(
        id, organizationId, projectId, model, provider, prompt, seconds, width, height, seed,
        inputReferenceSha256, remixedFromVideoId, VideoPhase.COMPLETED, 100, providerHandle, video,
        thumbnail, spritesheet, null, null, createdAt, at, expiresAt, 0, holdId, estimateMicros,
        charged);
  }

  public VideoJob failed(String code, String message, Instant at) {
    return new VideoJob(
        id, organizationId, projectId, model, provider, prompt, seconds, width, height, seed,
        inputReferenceSha256, remixedFromVideoId, VideoPhase.FAILED, progress, providerHandle, null,
        null, null, code, message, createdAt, at, expiresAt, attempts, holdId, estimateMicros, 0L);
  }

  public String size() {
    return width + "x" + height;
  }
}
