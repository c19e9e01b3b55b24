package dev.aivid.preflight;

import dev.aivid.assets.Asset;
import dev.aivid.catalog.VideoSize;
import dev.aivid.stack.Mention;
import dev.aivid.stack.Stack;
import dev.aivid.stack.StackEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What to preflight: a resolved stack (prompt, entries, mentions), the shot length and frame size,
 * and the models to check (empty: every model that is not retired).
 */
public record PreflightRequest(
    String prompt,
    List<Mention> mentions,
    int seconds,
    VideoSize size,
    List<PreflightInput> inputs,
    List<String> models) {
  public PreflightRequest {
    mentions = List.copyOf(mentions);
    inputs = List.copyOf(inputs);
    models = List.copyOf(models);
  }

  /** A validated stack as the server holds it; {@code files} finds an asset's bytes on disk. */
  public static PreflightRequest fromStack(
      Stack stack, int seconds, VideoSize size, List<String> models, Function<Asset, Path> files) {
    List<PreflightInput> inputs = new ArrayList<>();
    for (StackEntry entry : stack.entries()) {
      Asset asset = entry.asset();
      inputs.add(
          new PreflightInput(
              entry.index(),
              entry.kind(),
              entry.mention(),
              entry.mentionName(),
              asset == null ? null : asset.name(),
              asset == null ? Map.of() : asset.metadata(),
              entry.value(),
              asset == null ? null : () -> read(files.apply(asset))));
    }
    return new PreflightRequest(stack.prompt(), stack.mentions(), seconds, size, inputs, models);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
