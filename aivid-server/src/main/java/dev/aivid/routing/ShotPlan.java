package dev.aivid.routing;

import dev.aivid.providers.CameraIntent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The provider-neutral plan of one shot, stored with the job so that any node can compile it for
 * any model, the first and every failover alike.
 *
 * @param references every stack file (the camera path too, for the local engine), by content hash:
 *     the bytes are read and encoded once per content
 */
public record ShotPlan(
    List<PlannedReference> references,
    @Nullable String negativePrompt,
    @Nullable Double framesPerSecond,
    @Nullable CameraIntent camera,
    boolean seedRequested) {
  public ShotPlan {
    references = List.copyOf(references);
  }

  public static ShotPlan empty(boolean seedRequested) {
    return new ShotPlan(List.of(), null, null, null, seedRequested);
  }

  public record PlannedReference(
      String mention, String kind, @Nullable String role, String mediaType, String sha256, long sizeBytes) {}
}
