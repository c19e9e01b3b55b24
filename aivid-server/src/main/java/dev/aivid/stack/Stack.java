package dev.aivid.stack;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Prompt text plus up to twelve entries, with every mention resolved. */
public record Stack(
    @Nullable String id,
    String organizationId,
    String prompt,
    List<StackEntry> entries,
    List<Mention> mentions,
    @Nullable Instant createdAt) {
  public Stack {
    entries = List.copyOf(entries);
    mentions = List.copyOf(mentions);
  }
}
