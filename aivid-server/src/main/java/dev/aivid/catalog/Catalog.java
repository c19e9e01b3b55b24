package dev.aivid.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The model catalog, loaded from the versioned {@code catalog.json} shipped in the jar. */
public final class Catalog {
  private final int version;
  private final List<CatalogModel> models;
  private final Map<String, CatalogModel> byName = new LinkedHashMap<>();

  public Catalog(List<CatalogModel> models) {
    this(1, models);
  }

  public Catalog(int version, List<CatalogModel> models) {
    this.version = version;
    this.models = List.copyOf(models);
    for (CatalogModel model : models) {
      register(model.id(), model);
      model.aliases().forEach(alias -> register(alias, model));
    }
  }

  private void register(String name, CatalogModel model) {
    if (byName.put(name.toLowerCase(Locale.ROOT), model) != null) {
      throw new CatalogException("duplicate_model_name", "Model name used twice: " + name);
    }
  }

  public static Catalog loadDefault(ObjectMapper json) {
    try (InputStream input = Catalog.class.getResourceAsStream("/catalog.json")) {
      if (input == null) {
        throw new CatalogException("catalog_missing", "catalog.json is not on the class path");
      }
      return parse(json.readTree(input));
    } catch (IOException e) {
      throw new CatalogException("catalog_unreadable", "catalog.json cannot be read", e);
    }
  }

  /**
   * The shipped catalog with an operator's override file applied: each model in the override
   * replaces the shipped model of the same id, or is added; its {@code version}, when given, wins.
   */
  public static Catalog load(ObjectMapper json, java.nio.file.@Nullable Path overrideFile) {
    if (overrideFile == null) {
      return loadDefault(json);
    }
    try (InputStream input = Catalog.class.getResourceAsStream("/catalog.json")) {
      if (input == null) {
        throw new CatalogException("catalog_missing", "catalog.json is not on the class path");
      }
      com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(input);
      JsonNode override;
      try {
        override = json.readTree(overrideFile.toFile());
      } catch (IOException e) {
        throw new CatalogException("catalog_override_unreadable", "AIVID_CATALOG_FILE " + overrideFile + " is not readable JSON: " + e.getMessage(), e);
      }
      if (override == null || !override.path("models").isArray()) {
        throw new CatalogException("catalog_override_invalid", "AIVID_CATALOG_FILE " + overrideFile + " must be {\"models\": [...]}");
      }
      com.fasterxml.jackson.databind.node.ArrayNode models = (com.fasterxml.jackson.databind.node.ArrayNode) root.path("models");
      for (JsonNode model : override.path("models")) {
        String id = model.path("id").asText();
        boolean replaced = false;
        for (int index = 0; index < models.size(); index++) {
          if (models.get(index).path("id").asText().equals(id)) {
            models.set(index, model);
            replaced = true;
          }
        }
        if (!replaced) {
          models.add(model);
        }
      }
      if (override.has("version")) {
        root.set("version", override.get("version"));
      }
      return parse(root);
    } catch (IOException e) {
      throw new CatalogException("catalog_unreadable", "catalog.json cannot be read", e);
    }
  }

  /** Parses a catalog document (the shape of catalog.json); used by tests to vary the data. */
  public static Catalog parse(JsonNode root) {
    List<CatalogModel> models = new ArrayList<>();
    for (JsonNode node : root.path("models")) {
      List<String> aliases = new ArrayList<>();
      node.path("aliases").forEach(alias -> aliases.add(alias.asText()));
      models.add(
          new CatalogModel(
              node.path("id").asText(),
              aliases,
              node.path("provider").asText(),
              node.path("owned_by").asText(),
              node.path("created").asLong(),
              node.path("description").asText(""),
              lifecycle(node.path("lifecycle")),
              seconds(node.path("seconds")),
              size(node.path("size")),
              pricing(node.path("pricing")),
              node.path("hold_timeout_seconds").asLong(3600),
              node.path("name").asText(node.path("id").asText()),
              capabilities(node.path("id").asText(), node.path("capabilities")),
              quality(node.path("quality")),
              preflightRules(node.path("id").asText(), node.path("preflight")),
              node.path("provider_model").asText(node.path("id").asText()),
              features(node.path("features"))));
    }
    return new Catalog(root.path("version").asInt(1), models);
  }

  private static Capabilities capabilities(String model, JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return Capabilities.unknown();
    }
    Map<String, InputSupport> inputs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.path("inputs").properties()) {
      JsonNode entry = field.getValue();
      String treatmentText = entry.path("treatment").asText();
      InputSupport.Treatment treatment =
          InputSupport.Treatment.fromWireName(treatmentText)
              .orElseThrow(
                  () ->
                      new CatalogException(
                          "invalid_capability",
                          model + ": inputs." + field.getKey() + ".treatment is '" + treatmentText
                              + "'; it must be honoured, approximated or dropped"));
      String detail =
          treatment == InputSupport.Treatment.DROPPED
              ? entry.path("why").asText("")
              : entry.path("how").asText("");
      if (detail.isBlank()) {
        throw new CatalogException(
            "invalid_capability",
            model + ": inputs." + field.getKey() + " needs "
                + (treatment == InputSupport.Treatment.DROPPED ? "a 'why'" : "a 'how'"));
      }
      Integer max = entry.hasNonNull("max") ? entry.path("max").asInt() : null;
      inputs.put(field.getKey(), new InputSupport(treatment, detail, max));
    }
    List<Integer> frameRates = new ArrayList<>();
    node.path("frame_rates").forEach(rate -> frameRates.add(rate.asInt()));
    List<List<String>> exclusiveGroups = new ArrayList<>();
    for (JsonNode group : node.path("exclusive_groups")) {
      List<String> kinds = new ArrayList<>();
      group.forEach(kind -> kinds.add(kind.asText()));
      exclusiveGroups.add(kinds);
    }
    return new Capabilities(
        node.path("max_inputs").asInt(0),
        node.path("max_inputs_source").asText(""),
        inputs,
        frameRates,
        exclusiveGroups,
        node.path("source").asText(""));
  }

  private static @Nullable QualityScores quality(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    return new QualityScores(
        node.path("temporal_consistency").asDouble(),
        node.path("motion_fluidity").asDouble(),
        node.path("source").asText(""));
  }

  private static List<PreflightRuleConfig> preflightRules(String model, JsonNode node) {
    List<PreflightRuleConfig> rules = new ArrayList<>();
    for (JsonNode rule : node) {
      String id = rule.path("rule").asText("");
      if (id.isBlank()) {
        throw new CatalogException("invalid_preflight_rule", model + ": a preflight rule needs a 'rule' id");
      }
      Map<String, Double> thresholds = new LinkedHashMap<>();
      List<String> words = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : rule.properties()) {
        if (field.getValue().isNumber()) {
          thresholds.put(field.getKey(), field.getValue().asDouble());
        }
      }
      rule.path("words").forEach(word -> words.add(word.asText()));
      rules.add(new PreflightRuleConfig(id, thresholds, words, rule.path("source").asText("")));
    }
    return rules;
  }

  private static ModelFeatures features(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return ModelFeatures.none();
    }
    try {
      return new ModelFeatures(
          node.path("camera_control").asBoolean(false),
          node.path("native_audio").asBoolean(false),
          node.path("extend").asText("last_frame"),
          node.path("extend_seconds_per_step").asInt(0),
          node.path("render_seconds_per_output_second").asDouble(10));
    } catch (IllegalArgumentException e) {
      throw new CatalogException("invalid_features", e.getMessage());
    }
  }

  private static Lifecycle lifecycle(JsonNode node) {
    return switch (node.path("state").asText()) {
      case "active" -> new Lifecycle.Active();
      case "deprecated" ->
          new Lifecycle.Deprecated(
              LocalDate.parse(node.path("shutdown_at").asText()),
              node.path("successor").asText());
      case "retired" ->
          new Lifecycle.Retired(
              LocalDate.parse(node.path("since").asText()), node.path("successor").asText());
      default ->
          throw new CatalogException(
              "invalid_lifecycle", "Unknown lifecycle state: " + node.path("state").asText());
    };
  }

  private static SecondsRule seconds(JsonNode node) {
    List<Integer> allowed = new ArrayList<>();
    node.path("allowed").forEach(value -> allowed.add(value.asInt()));
    int min = allowed.isEmpty() ? node.path("min").asInt(1) : allowed.getFirst();
    int max = allowed.isEmpty() ? node.path("max").asInt() : allowed.getLast();
    return new SecondsRule(allowed, min, max, node.path("default").asInt(min));
  }

  private static Pricing pricing(JsonNode node) {
    List<PriceTier> tiers = new ArrayList<>();
    for (JsonNode tier : node.path("tiers")) {
      tiers.add(
          new PriceTier(
              tier.path("name").asText(),
              tier.path("max_pixels").asLong(),
              new java.math.BigDecimal(tier.path("credits_per_second").asText())
                  .movePointRight(6)
                  .longValueExact()));
    }
    return new Pricing(tiers, node.path("source").asText(""));
  }

  private static SizeRule size(JsonNode node) {
    List<VideoSize> allowed = new ArrayList<>();
    node.path("allowed").forEach(value -> allowed.add(VideoSize.parse(value.asText()).orElseThrow()));
    return new SizeRule(
        VideoSize.parse(node.path("default").asText()).orElseThrow(),
        allowed,
        node.path("max_width").asInt(0),
        node.path("max_height").asInt(0),
        node.path("max_pixels").asLong(0));
  }

  /** The catalog file's {@code version}, reported with every preflight. */
  public int version() {
    return version;
  }

  public List<CatalogModel> models() {
    return models;
  }

  public Optional<CatalogModel> find(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  public ModelResolution resolve(String requested) {
    Optional<CatalogModel> found = find(requested);
    if (found.isEmpty()) {
      return new ModelResolution.Unknown(
          requested,
          models.stream()
              .filter(model -> model.lifecycle() instanceof Lifecycle.Active)
              .map(CatalogModel::id)
              .toList());
    }
    CatalogModel model = found.get();
    return switch (model.lifecycle()) {
      case Lifecycle.Retired retired -> new ModelResolution.Retired(model, retired);
      case Lifecycle.Active active -> new ModelResolution.Available(model);
      case Lifecycle.Deprecated deprecated -> new ModelResolution.Available(model);
    };
  }
}
