package dev.aivid.api.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.catalog.CatalogModel;
import dev.aivid.catalog.Lifecycle;
import dev.aivid.jobs.VideoJob;
import dev.aivid.jobs.VideoPage;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The exact wire shapes of the OpenAI SDK's Video, list page, deletion and Model types. */
public final class OpenAiJson {
  private final ObjectMapper json;

  public OpenAiJson(ObjectMapper json) {
    this.json = json;
  }

  public ObjectNode video(VideoJob job) {
    ObjectNode node = json.createObjectNode();
    node.put("id", job.id());
    node.put("object", "video");
    node.put("model", job.model());
    node.put("status", job.phase().openAiStatus());
    node.put("progress", job.progress());
    node.put("created_at", job.createdAt().getEpochSecond());
    putSeconds(node, "completed_at", job.completedAt());
    putSeconds(node, "expires_at", job.expiresAt());
    node.put("seconds", Integer.toString(job.seconds()));
    node.put("size", job.size());
    node.put("prompt", job.prompt());
    node.put("remixed_from_video_id", job.remixedFromVideoId());
    if (job.errorCode() != null) {
      ObjectNode error = node.putObject("error");
      error.put("code", job.errorCode());
      error.put("message", job.errorMessage());
    } else {
      node.putNull("error");
    }
    return node;
  }

  public ObjectNode videoPage(VideoPage page) {
    ObjectNode node = json.createObjectNode();
    node.put("object", "list");
    ArrayNode data = node.putArray("data");
    page.videos().forEach(job -> data.add(video(job)));
    List<VideoJob> videos = page.videos();
    node.put("first_id", videos.isEmpty() ? null : videos.getFirst().id());
    node.put("last_id", videos.isEmpty() ? null : videos.getLast().id());
    node.put("has_more", page.hasMore());
    return node;
  }

  public ObjectNode deleted(String id) {
    ObjectNode node = json.createObjectNode();
    node.put("id", id);
    node.put("object", "video.deleted");
    node.put("deleted", true);
    return node;
  }

  public ObjectNode model(CatalogModel model) {
    ObjectNode node = json.createObjectNode();
    node.put("id", model.id());
    node.put("object", "model");
    node.put("created", model.createdUnixSeconds());
    node.put("owned_by", model.ownedBy());
    ObjectNode detail = node.putObject("aivid");
    detail.put("provider", model.provider());
    detail.put("description", model.description());
    ArrayNode aliases = detail.putArray("aliases");
    model.aliases().forEach(aliases::add);
    ObjectNode lifecycle = detail.putObject("lifecycle");
    switch (model.lifecycle()) {
      case Lifecycle.Active active -> lifecycle.put("state", "active");
      case Lifecycle.Deprecated deprecated -> {
        lifecycle.put("state", "deprecated");
        lifecycle.put("shutdown_at", deprecated.shutdownOn().toString());
        lifecycle.put("successor", deprecated.successor());
      }
      case Lifecycle.Retired retired -> {
        lifecycle.put("state", "retired");
        lifecycle.put("since", retired.since().toString());
        lifecycle.put("successor", retired.successor());
      }
    }
    ObjectNode seconds = detail.putObject("seconds");
    if (model.seconds().allowed().isEmpty()) {
      seconds.put("min", model.seconds().min());
      seconds.put("max", model.seconds().max());
    } else {
      ArrayNode allowed = seconds.putArray("allowed");
      model.seconds().allowed().forEach(allowed::add);
    }
    seconds.put("default", model.seconds().defaultSeconds());
    ObjectNode pricing = detail.putObject("pricing");
    pricing.put("unit", "credits_per_second");
    pricing.put("source", model.pricing().source());
    ArrayNode tiers = pricing.putArray("tiers");
    model.pricing()
        .tiers()
        .forEach(
            tier ->
                tiers
                    .addObject()
                    .put("name", tier.name())
                    .put("max_pixels", tier.maxPixels())
                    .put("credits_per_second", dev.aivid.credits.Credits.format(tier.microsPerSecond())));
    detail.put("hold_timeout_seconds", model.holdTimeoutSeconds());
    ObjectNode size = detail.putObject("size");
    size.put("default", model.size().defaultSize().toString());
    if (model.size().allowed().isEmpty()) {
      size.put("max_width", model.size().maxWidth());
      size.put("max_height", model.size().maxHeight());
      size.put("max_pixels", model.size().maxPixels());
    } else {
      ArrayNode allowed = size.putArray("allowed");
      model.size().allowed().forEach(value -> allowed.add(value.toString()));
    }
    detail.put("provider_model", model.providerModel());
    ObjectNode features = detail.putObject("features");
    features.put("camera_control", model.features().cameraControl());
    features.put("native_audio", model.features().nativeAudio());
    features.put("extend", model.features().extend());
    features.put("extend_seconds_per_step", model.features().extendSecondsPerStep());
    features.put("render_seconds_per_output_second", model.features().renderSecondsPerOutputSecond());
    ObjectNode capabilities = detail.putObject("capabilities");
    capabilities.put("max_inputs", model.capabilities().maxInputs());
    ArrayNode frameRates = capabilities.putArray("frame_rates");
    model.capabilities().frameRates().forEach(frameRates::add);
    ObjectNode inputs = capabilities.putObject("inputs");
    new java.util.TreeMap<>(model.capabilities().inputs())
        .forEach(
            (kind, support) -> {
              ObjectNode input = inputs.putObject(kind);
              input.put("treatment", support.treatment().wireName());
              input.put(support.treatment() == dev.aivid.catalog.InputSupport.Treatment.DROPPED ? "why" : "how", support.detail());
              if (support.max() != null) {
                input.put("max", support.max());
              }
            });
    capabilities.put("source", model.capabilities().source());
    if (model.quality() == null) {
      detail.putNull("quality");
    } else {
      ObjectNode quality = detail.putObject("quality");
      quality.put("temporal_consistency", model.quality().temporalConsistency());
      quality.put("motion_fluidity", model.quality().motionFluidity());
      quality.put("source", model.quality().source());
    }
    ArrayNode rules = detail.putArray("artifact_thresholds");
    for (dev.aivid.catalog.PreflightRuleConfig rule : model.preflightRules()) {
      ObjectNode item = rules.addObject();
      item.put("rule", rule.rule());
      ObjectNode thresholds = item.putObject("thresholds");
      new java.util.TreeMap<>(rule.thresholds()).forEach(thresholds::put);
      item.put("source", rule.source());
    }
    return node;
  }

  public ObjectNode modelList(List<CatalogModel> models) {
    ObjectNode node = json.createObjectNode();
    node.put("object", "list");
    ArrayNode data = node.putArray("data");
    models.forEach(model -> data.add(model(model)));
    return node;
  }

  public ObjectNode error(String message, String type, @Nullable String parameter, String code) {
    ObjectNode node = json.createObjectNode();
    ObjectNode error = node.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", parameter);
    error.put("code", code);
    return node;
  }

  private static void putSeconds(ObjectNode node, String field, @Nullable Instant instant) {
    if (instant == null) {
      node.putNull(field);
    } else {
      node.put(field, instant.getEpochSecond());
    }
  }
}
