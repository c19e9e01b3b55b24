package dev.aivid.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.assets.Asset;
import dev.aivid.assets.AssetException;
import dev.aivid.assets.StackKind;
import dev.aivid.assets.internal.AssetProbe;
import dev.aivid.media.detect.ContentSniffer;
import dev.aivid.media.detect.ContentType;
import dev.aivid.stack.Mention;
import dev.aivid.stack.StackEntry;
import dev.aivid.stack.StackException;
import dev.aivid.stack.StackService;
import dev.aivid.stack.internal.MentionParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A stack read from local files, for {@code aivid preflight} without a server or database: each
 * file is sniffed by its bytes and probed exactly as an upload is, kinds come from a {@code
 * stack.json} manifest or are inferred, and the server's stack rules and @mention resolution apply.
 *
 * <p>Manifest ({@code stack.json} in the directory): {@code {"prompt": "...", "seconds": 6, "size":
 * "1280x720", "models": ["kling-v3"], "entries": [{"file": "hero.png", "kind": "image", "name":
 * "hero"}, {"kind": "frame_rate", "value": 24}, …]}}; every field is optional except the entries'
 * {@code file} (or {@code value} for frame_rate and seed).
 *
 * <p>Without a manifest: .bvh is a skeletal rig, a JSON camera path a camera path, a palette a
 * colour palette, video and audio their kinds, and an image is a depth map, regional mask, style
 * reference, negative reference or palette when its file name says so ({@code depth}, {@code mask}
 * or {@code matte}, {@code style}, {@code negative}, {@code palette}), else an image.
 */
public final class LocalStack {
  public static final String MANIFEST = "stack.json";

  /**
   * @param seconds from the manifest, null when it has none
   * @param size from the manifest, null when it has none
   */
  public record Loaded(
      String prompt,
      @Nullable Integer seconds,
      @Nullable String size,
      List<String> models,
      List<StackEntry> entries,
      List<Mention> mentions,
      Map<Integer, Path> files,
      @Nullable Path manifest) {
    public Loaded {
      models = List.copyOf(models);
      entries = List.copyOf(entries);
      mentions = List.copyOf(mentions);
      files = Map.copyOf(files);
    }

    public List<PreflightInput> inputs() {
      List<PreflightInput> inputs = new ArrayList<>();
      for (StackEntry entry : entries) {
        Asset asset = entry.asset();
        Path file = files.get(entry.index());
        inputs.add(
            new PreflightInput(
                entry.index(),
                entry.kind(),
                entry.mention(),
                entry.mentionName(),
                asset == null ? null : asset.name(),
                asset == null ? Map.of() : asset.metadata(),
                entry.value(),
                file == null ? null : () -> read(file)));
      }
      return inputs;
    }
  }

  private record Planned(Path file, @Nullable StackKind kind, @Nullable String name, @Nullable Double value) {}

  private LocalStack() {}

  /**
   * Reads one directory (with or without a manifest) or a list of files; {@code promptOverride}
   * replaces the manifest's prompt when not null.
   */
  public static Loaded load(List<Path> paths, @Nullable String promptOverride, ObjectMapper json) {
    if (paths.isEmpty()) {
      throw PreflightException.invalid("no_inputs", "files", "Name a stack directory or the files of a stack");
    }
    List<Planned> planned = new ArrayList<>();
    String prompt = "";
    Integer seconds = null;
    String size = null;
    List<String> models = new ArrayList<>();
    Path manifest = null;
    if (paths.size() == 1 && Files.isDirectory(paths.getFirst())) {
      Path directory = paths.getFirst();
      Path candidate = directory.resolve(MANIFEST);
      if (Files.isRegularFile(candidate)) {
        manifest = candidate;
        JsonNode root = readManifest(candidate, json);
        prompt = root.path("prompt").asText("");
        if (root.hasNonNull("seconds")) {
          if (!root.path("seconds").canConvertToInt() || !root.path("seconds").isIntegralNumber()) {
            throw PreflightException.invalid("invalid_seconds", "seconds", MANIFEST + ": seconds must be a whole number");
          }
          seconds = root.path("seconds").asInt();
        }
        if (root.hasNonNull("size")) {
          size = root.path("size").asText();
        }
        root.path("models").forEach(model -> models.add(model.asText()));
        int index = 0;
        for (JsonNode entry : root.path("entries")) {
          planned.add(plannedEntry(directory, entry, index++));
        }
      } else {
        listFiles(directory).forEach(file -> planned.add(new Planned(file, null, null, null)));
      }
    } else {
      for (Path path : paths) {
        if (Files.isDirectory(path)) {
          listFiles(path).forEach(file -> planned.add(new Planned(file, null, null, null)));
        } else {
          planned.add(new Planned(path, null, null, null));
        }
      }
    }
    if (promptOverride != null) {
      prompt = promptOverride;
    }
    return build(prompt, seconds, size, models, planned, manifest);
  }

  private static JsonNode readManifest(Path file, ObjectMapper json) {
    try {
      JsonNode root = json.readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw PreflightException.invalid("invalid_manifest", MANIFEST, MANIFEST + " must be a JSON object");
      }
      if (root.has("entries") && !root.get("entries").isArray()) {
        throw PreflightException.invalid("invalid_manifest", MANIFEST + ".entries", "entries must be an array");
      }
      return root;
    } catch (IOException e) {
      throw PreflightException.invalid("invalid_manifest", MANIFEST, MANIFEST + " is not valid JSON: " + e.getMessage());
    }
  }

  private static Planned plannedEntry(Path directory, JsonNode entry, int index) {
    String field = "entries[" + index + "]";
    String kindText = entry.path("kind").asText("");
    StackKind kind = null;
    if (!kindText.isEmpty()) {
      kind =
          StackKind.fromWireName(kindText)
              .orElseThrow(
                  () -> new StackException("invalid_kind", field + ".kind", MANIFEST + " " + field + " has kind '" + kindText + "'"));
    }
    String name = entry.hasNonNull("name") ? entry.get("name").asText() : null;
    if (kind != null && kind.isInline()) {
      if (!entry.path("value").isNumber()) {
        throw new StackException("missing_value", field + ".value", MANIFEST + " " + field + " (" + kindText + ") needs a numeric value");
      }
      return new Planned(directory, kind, name, entry.path("value").asDouble());
    }
    if (!entry.hasNonNull("file")) {
      throw new StackException("missing_file", field + ".file", MANIFEST + " " + field + " needs a file");
    }
    Path file = directory.resolve(entry.get("file").asText()).normalize();
    if (!file.startsWith(directory.normalize()) || !Files.isRegularFile(file)) {
      throw new StackException(
          "missing_file", field + ".file", MANIFEST + " " + field + " names '" + entry.get("file").asText() + "', which is not a file in " + directory);
    }
    return new Planned(file, kind, name, null);
  }

  private static List<Path> listFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().startsWith("."))
          .filter(file -> !file.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("readme"))
          .filter(file -> !file.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("license"))
          .filter(file -> !file.getFileName().toString().equals(MANIFEST))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory, e);
    }
  }

  private static Loaded build(
      String prompt,
      @Nullable Integer seconds,
      @Nullable String size,
      List<String> models,
      List<Planned> planned,
      @Nullable Path manifest) {
    if (planned.size() > StackService.MAX_ENTRIES) {
      throw new StackException(
          "too_many_entries", "entries", "A stack holds at most " + StackService.MAX_ENTRIES + " entries; this one has " + planned.size());
    }
    List<StackEntry> entries = new ArrayList<>();
    Map<Integer, Path> files = new java.util.HashMap<>();
    Map<StackKind, Integer> ordinals = new EnumMap<>(StackKind.class);
    Map<StackKind.Group, Integer> groups = new EnumMap<>(StackKind.Group.class);
    for (int index = 0; index < planned.size(); index++) {
      Planned plan = planned.get(index);
      String field = "entries[" + index + "]";
      Asset asset = null;
      StackKind kind = plan.kind();
      Double value = null;
      if (kind != null && kind.isInline()) {
        value = inlineValue(kind, plan.value(), field);
        if (ordinals.containsKey(kind)) {
          throw new StackException("duplicate_" + kind.wireName(), field, "A stack takes one " + kind.wireName());
        }
      } else {
        asset = probe(plan.file(), index);
        if (kind == null) {
          kind = infer(asset, plan.file());
        }
        if (!kind.accepts(asset.contentType().family()) || !structuredKindMatches(kind, asset)) {
          throw new StackException(
              "kind_mismatch",
              field + ".kind",
              plan.file().getFileName() + " is " + kind.wireName() + " in the manifest but its bytes are "
                  + describe(asset));
        }
        files.put(index, plan.file());
      }
      int ordinal = ordinals.merge(kind, 1, Integer::sum);
      int inGroup = groups.merge(kind.group(), 1, Integer::sum);
      checkGroup(kind.group(), inGroup, field);
      String name = plan.name() == null || plan.name().isBlank() ? null : plan.name().strip();
      entries.add(new StackEntry(index, kind, ordinal, asset, name, value));
    }
    if (prompt.length() > 10_000) {
      throw new StackException("prompt_too_long", "prompt", "prompt must be at most 10000 characters");
    }
    List<Mention> mentions = MentionParser.resolve(prompt, entries);
    return new Loaded(prompt, seconds, size, models, entries, mentions, files, manifest);
  }

  private static String describe(Asset asset) {
    Object jsonKind = asset.metadata().get("json_kind");
    return asset.contentType().name() + (jsonKind == null ? "" : " (" + jsonKind + ")");
  }

  private static void checkGroup(StackKind.Group group, int count, String field) {
    int limit =
        switch (group) {
          case IMAGE -> StackService.MAX_IMAGES;
          case VIDEO -> StackService.MAX_VIDEOS;
          case AUDIO -> StackService.MAX_AUDIO;
          case OTHER -> StackService.MAX_ENTRIES;
        };
    if (count > limit) {
      String word = group.name().toLowerCase(Locale.ROOT);
      throw new StackException(
          "too_many_" + word + (group == StackKind.Group.AUDIO ? "" : "s"),
          field,
          "A stack holds at most " + limit + " " + word
              + (group == StackKind.Group.IMAGE ? "-like entries (image, depth, style, negative, mask, palette)" : " entries"));
    }
  }

  private static Double inlineValue(StackKind kind, @Nullable Double value, String field) {
    if (value == null || value.isNaN() || value.isInfinite()) {
      throw new StackException("missing_value", field + ".value", kind.wireName() + " needs a numeric value");
    }
    if (kind == StackKind.FRAME_RATE && (value < 1 || value > 120)) {
      throw new StackException("invalid_frame_rate", field + ".value", "frame_rate must be 1..120 frames per second");
    }
    if (kind == StackKind.SEED && (value < 0 || value > 9.007199254740991E15 || value != Math.rint(value))) {
      throw new StackException("invalid_seed", field + ".value", "seed must be a whole number from 0 to 2^53");
    }
    return value;
  }

  private static boolean structuredKindMatches(StackKind kind, Asset asset) {
    if (asset.contentType().family() != ContentType.Family.DATA) {
      return true;
    }
    Object jsonKind = asset.metadata().get("json_kind");
    return switch (kind) {
      case CAMERA_PATH -> "camera_path".equals(jsonKind);
      case COLOR_PALETTE -> "palette".equals(jsonKind);
      default -> false;
    };
  }

  private static StackKind infer(Asset asset, Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return switch (asset.contentType().family()) {
      case VIDEO -> StackKind.VIDEO;
      case AUDIO -> StackKind.AUDIO;
      case MOTION -> StackKind.SKELETAL_RIG;
      case DATA -> {
        Object jsonKind = asset.metadata().get("json_kind");
        if ("camera_path".equals(jsonKind)) {
          yield StackKind.CAMERA_PATH;
        }
        if ("palette".equals(jsonKind)) {
          yield StackKind.COLOR_PALETTE;
        }
        throw new StackException(
            "unknown_json", "files", file.getFileName() + " is JSON but neither a camera path nor a palette");
      }
      case IMAGE -> {
        if (name.contains("depth")) {
          yield StackKind.DEPTH_MAP;
        }
        if (name.contains("mask") || name.contains("matte")) {
          yield StackKind.REGIONAL_MASK;
        }
        if (name.contains("style")) {
          yield StackKind.STYLE_REFERENCE;
        }
        if (name.contains("negative")) {
          yield StackKind.NEGATIVE_REFERENCE;
        }
        if (name.contains("palette")) {
          yield StackKind.COLOR_PALETTE;
        }
        yield StackKind.IMAGE;
      }
    };
  }

  /** Sniffs the bytes and probes them as the upload path does; the same limits apply. */
  private static Asset probe(Path file, int index) {
    byte[] head;
    long size;
    try (InputStream input = Files.newInputStream(file)) {
      head = input.readNBytes(ContentSniffer.HEAD_BYTES);
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    String fileName = file.getFileName().toString();
    ContentType type =
        ContentSniffer.sniff(head)
            .orElseThrow(
                () ->
                    new AssetException(
                        AssetException.Kind.UNPROCESSABLE,
                        "unsupported_content",
                        fileName,
                        "'" + fileName + "' is not a supported file (PNG, JPEG, WebP, MP4/MOV, WAV, MP3, FLAC,"
                            + " Ogg, BVH, JSON or GIMP palette), whatever its name says"));
    long limit = AssetProbe.maxBytes(type.family());
    if (size > limit) {
      throw new AssetException(
          AssetException.Kind.TOO_LARGE,
          "asset_too_large",
          fileName,
          "'" + fileName + "' is " + size + " bytes; " + type.name() + " files may be at most " + limit);
    }
    Map<String, Object> metadata;
    try {
      metadata = AssetProbe.probe(type, file);
    } catch (AssetException e) {
      throw new AssetException(e.kind(), e.code(), fileName, "'" + fileName + "': " + e.getMessage());
    }
    return new Asset(
        "local_" + index, "local", sha256(file), type, fileName, size, metadata, Instant.EPOCH);
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
