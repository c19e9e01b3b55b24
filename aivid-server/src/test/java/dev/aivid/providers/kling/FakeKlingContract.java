package dev.aivid.providers.kling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.media.MediaException;
import dev.aivid.media.image.ImageFormat;
import dev.aivid.media.image.ImageInfo;
import dev.aivid.media.image.Images;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The request rules the fake enforces, each from providers.md §2 (and the [3P] notes it cites). A
 * broken rule throws {@link Rejection} carrying Kling's HTTP status, code and message.
 */
final class FakeKlingContract {
  static final int MAX_PROMPT = 2500;
  static final int MAX_IMAGE_BYTES = 10 * 1024 * 1024;
  static final Set<String> LEGACY_MODELS =
      Set.of(
          "kling-v1",
          "kling-v1-5",
          "kling-v1-6",
          "kling-v2-master",
          "kling-v2-1",
          "kling-v2-1-master",
          "kling-v2-5-turbo",
          "kling-v2-6",
          "kling-v3");
  static final Set<String> PATH_MODELS =
      Set.of("kling-2.5-turbo", "kling-2.6", "kling-3.0", "kling-3.0-turbo");
  static final Set<String> ASPECT_RATIOS = Set.of("16:9", "9:16", "1:1");
  static final Set<String> CAMERA_TYPES =
      Set.of("simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward");
  static final List<String> CAMERA_AXES =
      List.of("horizontal", "vertical", "pan", "tilt", "roll", "zoom");

  private static final Set<String> SHARED_LEGACY =
      Set.of(
          "model_name",
          "prompt",
          "negative_prompt",
          "cfg_scale",
          "mode",
          "sound",
          "duration",
          "camera_control",
          "multi_shot",
          "shot_type",
          "multi_prompt",
          "voice_list",
          "element_list",
          "watermark_info",
          "callback_url",
          "external_task_id");
  private static final Map<String, Set<String>> LEGACY_FIELDS =
      Map.of(
          "text2video",
          union(SHARED_LEGACY, Set.of("aspect_ratio")),
          // I2V follows the image's aspect ratio: aspect_ratio is a text2video field (§2.2).
          "image2video",
          union(SHARED_LEGACY, Set.of("image", "image_tail", "static_mask", "dynamic_masks")),
          "multi-image2video",
          Set.of(
              "model_name",
              "image_list",
              "prompt",
              "negative_prompt",
              "mode",
              "duration",
              "aspect_ratio",
              "watermark_info",
              "callback_url",
              "external_task_id"),
          "video-extend",
          Set.of("video_id", "prompt", "negative_prompt", "cfg_scale", "callback_url"));

  /** What a valid create asks for, in the terms the fake renders. */
  record Spec(int width, int height, int seconds, @Nullable String externalTaskId) {}

  static final class Rejection extends RuntimeException {
    final int httpStatus;
    final int code;

    Rejection(int httpStatus, int code, String message) {
      super(message, null, false, false);
      this.httpStatus = httpStatus;
      this.code = code;
    }
  }

  private FakeKlingContract() {}

  /** providers.md §2.2-2.3: text2video, image2video, multi-image2video. */
  static Spec legacyCreate(String kind, JsonNode body) {
    requireObject(body);
    onlyFields(body, LEGACY_FIELDS.get(kind));
    String model = requiredText(body, "model_name");
    if (!LEGACY_MODELS.contains(model)) {
      throw new Rejection(404, 1203, "model_name " + model + " not found");
    }
    boolean promptRequired = !kind.equals("image2video");
    text(body, "prompt", promptRequired);
    text(body, "negative_prompt", false);
    String mode = oneOf(body, "mode", Set.of("std", "pro"), "std");
    oneOf(body, "sound", Set.of("on", "off"), "off");
    number(body, "cfg_scale", 0, 1);
    int seconds = legacyDuration(body, model);
    String ratio = oneOf(body, "aspect_ratio", ASPECT_RATIOS, "16:9");
    int shortSide = mode.equals("pro") ? 1080 : 720;
    switch (kind) {
      case "image2video" -> {
        ImageInfo image = image(body.path("image"), "image", true);
        if (body.has("image_tail")) {
          image(body.get("image_tail"), "image_tail", true);
        }
        if (body.has("static_mask")) {
          image(body.get("static_mask"), "static_mask", false);
        }
        exclusive(body);
        if (image != null) {
          ratio = nearestRatio(image.width(), image.height());
        }
      }
      case "multi-image2video" -> {
        JsonNode list = body.path("image_list");
        if (!list.isArray() || list.isEmpty() || list.size() > 4) {
          throw invalid("image_list must hold 1 to 4 images");
        }
        for (JsonNode item : list) {
          if (!item.isObject() || item.size() != 1) {
            throw invalid("image_list items are {image}");
          }
          image(item.path("image"), "image_list.image", true);
        }
      }
      default -> exclusive(body);
    }
    return spec(ratio, shortSide, seconds, body);
  }

  /** providers.md §2.2: video-extend takes the generated video's id (checked by the server). */
  static String extendVideoId(JsonNode body) {
    requireObject(body);
    onlyFields(body, LEGACY_FIELDS.get("video-extend"));
    text(body, "prompt", false);
    text(body, "negative_prompt", false);
    number(body, "cfg_scale", 0, 1);
    return requiredText(body, "video_id");
  }

  /** providers.md §2.5 and the [3P] image-to-video contents shape. */
  static Spec pathModelCreate(String product, String model, JsonNode body) {
    if (!PATH_MODELS.contains(model)) {
      throw new Rejection(404, 1203, "model " + model + " not found");
    }
    requireObject(body);
    boolean imageToVideo = product.equals("image-to-video");
    onlyFields(
        body,
        imageToVideo
            ? Set.of("contents", "settings", "options")
            : Set.of("prompt", "settings", "options"));
    JsonNode settings = body.path("settings");
    if (!settings.isMissingNode() && !settings.isObject()) {
      throw invalid("settings must be an object");
    }
    onlyFields(
        settings,
        imageToVideo
            ? Set.of("audio", "resolution", "duration", "multi_shot")
            : Set.of("audio", "resolution", "aspect_ratio", "duration", "multi_shot"));
    String resolution =
        oneOf(
            settings,
            "resolution",
            model.equals("kling-3.0") ? Set.of("720p", "1080p", "4k") : Set.of("720p", "1080p"),
            "720p");
    if (settings.has("audio") && model.equals("kling-3.0-turbo")) {
      throw invalid("settings.audio is not supported by " + model);
    }
    String audio = oneOf(settings, "audio", Set.of("native", "off"), "off");
    if (model.equals("kling-2.6") && audio.equals("native") && !resolution.equals("1080p")) {
      throw invalid("settings.audio native needs 1080p");
    }
    int seconds = pathModelDuration(settings, model);
    String ratio = oneOf(settings, "aspect_ratio", ASPECT_RATIOS, "16:9");
    JsonNode options = body.path("options");
    if (!options.isMissingNode()) {
      requireObject(options);
      onlyFields(options, Set.of("callback_url", "external_task_id", "watermark_info"));
    }
    if (imageToVideo) {
      ImageInfo first = contents(body.path("contents"));
      if (first != null) {
        ratio = nearestRatio(first.width(), first.height());
      }
    } else {
      text(body, "prompt", true);
    }
    int shortSide = resolution.equals("720p") ? 720 : 1080;
    return spec(ratio, shortSide, seconds, options);
  }

  private static @Nullable ImageInfo contents(JsonNode contents) {
    if (!contents.isArray() || contents.isEmpty()) {
      throw invalid("contents must be a non-empty list");
    }
    ImageInfo first = null;
    int firstFrames = 0;
    int lastFrames = 0;
    int prompts = 0;
    for (JsonNode item : contents) {
      requireObject(item);
      String type = item.path("type").asText("");
      switch (type) {
        case "prompt" -> {
          onlyFields(item, Set.of("type", "text"));
          text(item, "text", true);
          prompts++;
        }
        case "first_frame" -> {
          onlyFields(item, Set.of("type", "url"));
          first = image(item.path("url"), "first_frame.url", true);
          firstFrames++;
        }
        case "last_frame" -> {
          onlyFields(item, Set.of("type", "url"));
          image(item.path("url"), "last_frame.url", true);
          lastFrames++;
        }
        default -> throw invalid("contents type " + type + " is not supported");
      }
    }
    if (firstFrames != 1 || lastFrames > 1 || prompts > 1) {
      throw invalid(
          "contents takes exactly one first_frame, at most one last_frame and one prompt");
    }
    return first;
  }

  private static Spec spec(String ratio, int shortSide, int seconds, JsonNode holder) {
    int longSide = shortSide == 720 ? 1280 : 1920;
    int width =
        switch (ratio) {
          case "9:16", "1:1" -> shortSide;
          default -> longSide;
        };
    int height = ratio.equals("9:16") ? longSide : shortSide;
    JsonNode external = holder.path("external_task_id");
    if (!external.isMissingNode() && !external.isTextual()) {
      throw invalid("external_task_id must be a string");
    }
    return new Spec(width, height, seconds, external.isTextual() ? external.asText() : null);
  }

  /** The duration is a string on the legacy API ("5"); kling-v3 takes 3-15 ([3P] §2.2). */
  private static int legacyDuration(JsonNode body, String model) {
    JsonNode duration = body.path("duration");
    if (duration.isMissingNode()) {
      return 5;
    }
    if (!duration.isTextual()) {
      throw invalid("duration must be a string such as \"5\"");
    }
    int seconds;
    try {
      seconds = Integer.parseInt(duration.asText());
    } catch (NumberFormatException e) {
      throw invalid("duration must be a whole number of seconds");
    }
    boolean range =
        model.equals("kling-v3") ? seconds >= 3 && seconds <= 15 : seconds == 5 || seconds == 10;
    if (!range) {
      throw invalid("duration " + seconds + " is not supported by " + model);
    }
    return seconds;
  }

  /** The duration is an integer on the API-key API; 3.0 takes 3-15, older models 5 or 10 (§2.5). */
  private static int pathModelDuration(JsonNode settings, String model) {
    JsonNode duration = settings.path("duration");
    if (duration.isMissingNode()) {
      return 5;
    }
    if (!duration.isIntegralNumber()) {
      throw invalid("settings.duration must be an integer");
    }
    int seconds = duration.asInt();
    boolean range =
        model.startsWith("kling-3.0")
            ? seconds >= 3 && seconds <= 15
            : seconds == 5 || seconds == 10;
    if (!range) {
      throw invalid("settings.duration " + seconds + " is not supported by " + model);
    }
    return seconds;
  }

  /** §2.2: image_tail, masks and camera_control are mutually exclusive; §2.3 camera_control. */
  private static void exclusive(JsonNode body) {
    int present = 0;
    present += body.has("image_tail") ? 1 : 0;
    present += body.has("static_mask") || body.has("dynamic_masks") ? 1 : 0;
    present += body.has("camera_control") ? 1 : 0;
    if (present > 1) {
      throw invalid("image_tail, masks and camera_control are mutually exclusive");
    }
    if (body.has("camera_control")) {
      cameraControl(body.get("camera_control"));
    }
  }

  private static void cameraControl(JsonNode control) {
    requireObject(control);
    onlyFields(control, Set.of("type", "config"));
    String type = control.path("type").asText("");
    if (!CAMERA_TYPES.contains(type)) {
      throw invalid("camera_control.type " + type + " is not supported");
    }
    JsonNode config = control.path("config");
    if (!type.equals("simple")) {
      if (!config.isMissingNode()) {
        throw invalid("camera_control.config is only for type simple");
      }
      return;
    }
    requireObject(config);
    onlyFields(config, Set.copyOf(CAMERA_AXES));
    int nonZero = 0;
    for (Iterator<Map.Entry<String, JsonNode>> fields = config.fields(); fields.hasNext(); ) {
      JsonNode value = fields.next().getValue();
      if (!value.isNumber() || Math.abs(value.asDouble()) > 10) {
        throw invalid("camera_control.config values are numbers in [-10, 10]");
      }
      nonZero += value.asDouble() != 0 ? 1 : 0;
    }
    if (nonZero != 1) {
      throw invalid("camera_control.config needs exactly one non-zero value");
    }
  }

  /** §2.2: URL or raw base64, no data: prefix; [3P] jpg/jpeg/png, ≤10 MB, ≥300 px, 1:2.5-2.5:1. */
  private static @Nullable ImageInfo image(JsonNode node, String field, boolean frameRules) {
    if (!node.isTextual() || node.asText().isBlank()) {
      throw invalid(field + " is required");
    }
    String value = node.asText();
    if (value.startsWith("https://") || value.startsWith("http://")) {
      return null;
    }
    if (value.startsWith("data:")) {
      throw invalid(field + " must be raw base64 without a data: prefix");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw invalid(field + " is neither a URL nor base64");
    }
    if (bytes.length > MAX_IMAGE_BYTES) {
      throw invalid(field + " is larger than 10 MB");
    }
    ImageInfo info;
    try {
      info = Images.probe(bytes);
    } catch (MediaException e) {
      throw invalid(field + " is not an image");
    }
    if (info.format() == ImageFormat.WEBP) {
      throw invalid(field + " must be jpg, jpeg or png");
    }
    if (frameRules) {
      if (Math.min(info.width(), info.height()) < 300) {
        throw invalid(field + " must be at least 300 px on each side");
      }
      double ratio = (double) info.width() / info.height();
      if (ratio < 0.4 || ratio > 2.5) {
        throw invalid(field + " aspect ratio must be between 1:2.5 and 2.5:1");
      }
    }
    return info;
  }

  static String nearestRatio(int width, int height) {
    double ratio = (double) width / height;
    if (ratio > 1.3) {
      return "16:9";
    }
    return ratio < 0.77 ? "9:16" : "1:1";
  }

  private static void requireObject(JsonNode node) {
    if (!node.isObject()) {
      throw new Rejection(400, 1200, "the request body must be a JSON object");
    }
  }

  private static void onlyFields(JsonNode node, Set<String> allowed) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw invalid("unknown field " + name);
      }
    }
  }

  private static String requiredText(JsonNode body, String field) {
    JsonNode node = body.path(field);
    if (!node.isTextual() || node.asText().isBlank()) {
      throw invalid(field + " is required");
    }
    return node.asText();
  }

  private static void text(JsonNode body, String field, boolean required) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() && !required) {
      return;
    }
    if (!node.isTextual() || (required && node.asText().isBlank())) {
      throw invalid(field + (required ? " is required" : " must be a string"));
    }
    String text = node.asText();
    if (text.codePointCount(0, text.length()) > MAX_PROMPT) {
      throw invalid(field + " is longer than 2500 characters");
    }
  }

  private static String oneOf(JsonNode body, String field, Set<String> values, String fallback) {
    JsonNode node = body.path(field);
    if (node.isMissingNode()) {
      return fallback;
    }
    if (!node.isTextual() || !values.contains(node.asText())) {
      throw invalid(field + " must be one of " + values);
    }
    return node.asText();
  }

  private static void number(JsonNode body, String field, double min, double max) {
    JsonNode node = body.path(field);
    if (!node.isMissingNode()
        && (!node.isNumber() || node.asDouble() < min || node.asDouble() > max)) {
      throw invalid(field + " must be a number in [" + min + ", " + max + "]");
    }
  }

  static Rejection invalid(String message) {
    return new Rejection(400, 1201, message);
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    java.util.HashSet<String> all = new java.util.HashSet<>(first);
    all.addAll(second);
    return Set.copyOf(all);
  }
}
