package dev.aivid.jobs;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A storyboard and its plan: the shots' video ids in order with the transition into each, the
 * soundtrack, and the board's size and frame rate.
 */
public record Storyboard(
    String id,
    String organizationId,
    @Nullable String projectId,
    String apiKeyId,
    String status,
    List<StitchRequest.Part> shots,
    @Nullable String size,
    @Nullable Integer framesPerSecond,
    @Nullable String soundtrackAssetId,
    boolean snapToBeats,
    @Nullable String title,
    @Nullable String stitchId,
    @Nullable String errorCode,
    @Nullable String errorMessage,
    Instant createdAt,
    @Nullable Instant completedAt) {
  public Storyboard {
    shots = List.copyOf(shots);
  }
}
