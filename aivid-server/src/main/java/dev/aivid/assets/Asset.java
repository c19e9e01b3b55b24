package dev.aivid.assets;

import dev.aivid.media.detect.ContentType;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An uploaded file, named by its content; {@code metadata} is what probing it found. */
public record Asset(
    String id,
    String organizationId,
    String sha256,
    ContentType contentType,
    @Nullable String name,
    long sizeBytes,
    Map<String, Object> metadata,
    Instant createdAt) {
  public Asset {
    metadata = Map.copyOf(metadata);
  }
}
