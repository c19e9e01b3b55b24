package dev.aivid.stack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.assets.Asset;
import dev.aivid.assets.AssetService;
import dev.aivid.assets.StackKind;
import dev.aivid.stack.internal.MentionParser;
import dev.aivid.stack.internal.StackRepository;
import dev.aivid.support.Ids;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds stacks: at most twelve entries within the brief's per-kind limits, mentions resolved. */
public final class StackService {
  public static final int MAX_ENTRIES = 12;
  public static final int MAX_IMAGES = 9;
  public static final int MAX_VIDEOS = 3;
  public static final int MAX_AUDIO = 3;
  private static final int MAX_PROMPT_CHARACTERS = 10_000;

  private final AssetService assets;
  private final StackRepository repository;
  private final ObjectMapper json;
  private final Ids ids;
  private final InstantSource clock;

  public StackService(
      AssetService assets, StackRepository repository, ObjectMapper json, Ids ids, InstantSource clock) {
    this.assets = assets;
    this.repository = repository;
    this.json = json;
    this.ids = ids;
    this.clock = clock;
  }

  /** Validates and resolves a stack without storing it. */
  public Stack build(String organizationId, String prompt, List<StackEntryRequest> requests) {
    if (prompt.indexOf('\u0000') >= 0) {
      throw new StackException("invalid_prompt", "prompt", "prompt must not contain NUL (U+0000) characters");
    }
    if (prompt.length() > MAX_PROMPT_CHARACTERS) {
      throw new StackException("prompt_too_long", "prompt", "prompt must be at most 10000 characters");
    }
    if (requests.size() > MAX_ENTRIES) {
      throw new StackException(
          "too_many_entries",
          "entries",
          "A stack holds at most " + MAX_ENTRIES + " entries; this one has " + requests.size());
    }
    Map<String, Asset> found = new HashMap<>();
    List<String> assetIds = new ArrayList<>();
    for (StackEntryRequest request : requests) {
      if (request.assetId() != null) {
        assetIds.add(request.assetId());
      }
    }
    assets.getAll(organizationId, assetIds).forEach(asset -> found.put(asset.id(), asset));
    Map<StackKind, Integer> ordinals = new EnumMap<>(StackKind.class);
    Map<StackKind.Group, Integer> groups = new EnumMap<>(StackKind.Group.class);
    List<StackEntry> entries = new ArrayList<>();
    for (int index = 0; index < requests.size(); index++) {
      StackEntryRequest request = requests.get(index);
      int position = index;
      String field = "entries[" + index + "]";
      StackKind kind =
          StackKind.fromWireName(request.kind() == null ? "" : request.kind())
              .orElseThrow(
                  () ->
                      new StackException(
                          "invalid_kind",
                          field + ".kind",
                          "Entry " + position + " has kind '" + request.kind() + "'; kinds are " + kinds()));
      Asset asset = null;
      Double value = null;
      if (kind.isInline()) {
        value = inlineValue(kind, request, field);
        if (ordinals.containsKey(kind)) {
          throw new StackException("duplicate_" + kind.wireName(), field, "A stack takes one " + kind.wireName());
        }
      } else {
        if (request.assetId() == null) {
          throw new StackException("missing_asset_id", field + ".asset_id", "Entry " + index + " (" + kind.wireName() + ") needs an asset_id");
        }
        asset = found.get(request.assetId());
        if (asset == null) {
          throw new StackException(
              "unknown_asset",
              field + ".asset_id",
              "Entry " + index + " names asset '" + request.assetId() + "', which your organisation does not have");
        }
        if (!kind.accepts(asset.contentType().family()) || !structuredKindMatches(kind, asset)) {
          throw new StackException(
              "kind_mismatch",
              field + ".kind",
              "Entry " + index + " is " + kind.wireName() + " but asset " + asset.id() + " is " + asset.contentType().name());
        }
      }
      int ordinal = ordinals.merge(kind, 1, Integer::sum);
      int inGroup = groups.merge(kind.group(), 1, Integer::sum);
      checkGroupLimit(kind.group(), inGroup, field);
      String name = request.name() == null || request.name().isBlank() ? null : request.name().strip();
      entries.add(new StackEntry(index, kind, ordinal, asset, name, value));
    }
    List<Mention> mentions = MentionParser.resolve(prompt, entries);
    return new Stack(null, organizationId, prompt, entries, mentions, null);
  }

  /** JSON serves two kinds: a camera path entry needs a camera path, a palette entry a palette. */
  private static boolean structuredKindMatches(StackKind kind, Asset asset) {
    Object jsonKind = asset.metadata().get("json_kind");
    if (asset.contentType().family() != dev.aivid.media.detect.ContentType.Family.DATA) {
      return true;
    }
    return switch (kind) {
      case CAMERA_PATH -> "camera_path".equals(jsonKind);
      case COLOR_PALETTE -> "palette".equals(jsonKind);
      default -> false;
    };
  }

  private static void checkGroupLimit(StackKind.Group group, int count, String field) {
    int limit =
        switch (group) {
          case IMAGE -> MAX_IMAGES;
          case VIDEO -> MAX_VIDEOS;
          case AUDIO -> MAX_AUDIO;
          case OTHER -> MAX_ENTRIES;
        };
    if (count > limit) {
      throw new StackException(
          "too_many_" + group.name().toLowerCase(java.util.Locale.ROOT) + (group == StackKind.Group.AUDIO ? "" : "s"),
          field,
          "A stack holds at most " + limit + " " + group.name().toLowerCase(java.util.Locale.ROOT)
              + (group == StackKind.Group.IMAGE ? "-like entries (image, depth, style, negative, mask, palette)" : " entries"));
    }
  }

  private static Double inlineValue(StackKind kind, StackEntryRequest request, String field) {
    Double value = request.value();
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

  private static String kinds() {
    List<String> names = new ArrayList<>();
    for (StackKind kind : StackKind.values()) {
      names.add(kind.wireName());
    }
    return String.join(", ", names);
  }

  public Stack save(String organizationId, String prompt, List<StackEntryRequest> requests) {
    Stack built = build(organizationId, prompt, requests);
    String id = ids.hex("stack", 24);
    var now = clock.instant();
    try {
      repository.insert(
          id,
          organizationId,
          prompt,
          json.writeValueAsString(requests),
          json.writeValueAsString(built.mentions()),
          now);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stack entries are plain data", e);
    }
    return new Stack(id, organizationId, prompt, built.entries(), built.mentions(), now);
  }

  public Optional<Stack> find(String organizationId, String id) {
    return repository
        .find(organizationId, id)
        .map(
            stored -> {
              List<StackEntryRequest> requests;
              try {
                requests = json.readValue(stored.entriesJson(), new TypeReference<List<StackEntryRequest>>() {});
              } catch (JsonProcessingException e) {
                throw new IllegalStateException("Stored stack is not JSON", e);
              }
              Stack built = build(organizationId, stored.prompt(), requests);
              return new Stack(id, organizationId, stored.prompt(), built.entries(), built.mentions(), stored.createdAt());
            });
  }
}
