package dev.aivid.jobs;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A create request as parsed from JSON or multipart, not yet checked against the catalog. Fields
 * stay raw so that the service, not the HTTP layer, owns the rules.
 */
public record VideoCreateCommand(
    @Nullable String model,
    @Nullable String prompt,
    @Nullable String seconds,
    @Nullable String size,
    @Nullable Long seed,
    @Nullable InputReference inputReference,
    @Nullable String routingPolicy,
    List<String> characterIds) {
  public VideoCreateCommand {
    characterIds = List.copyOf(characterIds);
  }

  public VideoCreateCommand(
      @Nullable String model,
      @Nullable String prompt,
      @Nullable String seconds,
      @Nullable String size,
      @Nullable Long seed,
      @Nullable InputReference inputReference,
      @Nullable String routingPolicy) {
    this(model, prompt, seconds, size, seed, inputReference, routingPolicy, List.of());
  }

  public VideoCreateCommand(
      @Nullable String model,
      @Nullable String prompt,
      @Nullable String seconds,
      @Nullable String size,
      @Nullable Long seed,
      @Nullable InputReference inputReference) {
    this(model, prompt, seconds, size, seed, inputReference, null);
  }

  /** The first-frame image: bytes already in hand (upload or data URL) or a URL to fetch. */
  public sealed interface InputReference {
    record Bytes(byte[] content, String parameter) implements InputReference {}

    record Url(String url) implements InputReference {}
  }
}
