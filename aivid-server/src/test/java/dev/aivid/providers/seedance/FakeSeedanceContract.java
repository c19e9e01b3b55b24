package dev.aivid.providers.seedance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The create-task contract of providers.md §3.2 as the fake enforces it: the answer is null for a
 * valid body, else the 400/404 Ark would give.
 */
final class FakeSeedanceContract {
  record Rejection(int status, String code, String message) {}

  /** What the fake knows of a model: its duration range and whether it takes references. */
  record ModelTraits(int minSeconds, int maxSeconds, boolean references) {}

  private static final ModelTraits SEEDANCE_2 = new ModelTraits(4, 15, true);
  private static final Map<String, ModelTraits> BARE_MODELS =
      Map.of(
          "seedance-2-0-260128", SEEDANCE_2,
          "seedance-2-0-fast-260128", SEEDANCE_2,
          "seedance-1-5-pro-251215", new ModelTraits(4, 12, false));
  private static final Set<String> TOP_LEVEL =
      Set.of(
          "model", "content", "ratio", "resolution", "duration", "frames", "framespersecond", "seed",
          "camera_fixed", "watermark", "generate_audio", "return_last_frame", "callback_url", "service_tier",
          "execution_expires_after", "draft");
  private static final Set<String> RATIOS = Set.of("16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive");
  private static final Set<String> RESOLUTIONS = Set.of("480p", "720p", "1080p");
  private static final Set<String> IMAGE_ROLES = Set.of("first_frame", "last_frame", "reference_image");
  private static final Pattern DATA_URI = Pattern.compile("data:([a-z]+)/([a-z0-9.+-]+);base64,(.+)", Pattern.DOTALL);
  private static final Map<String, Set<String>> DATA_SUBTYPES =
      Map.of(
          "image", Set.of("png", "jpeg", "webp", "bmp", "tiff", "gif"),
          "video", Set.of("mp4", "quicktime"),
          "audio", Set.of("mpeg", "mp3", "wav", "x-wav", "wave"));

  private FakeSeedanceContract() {}

  /** The model a body's {@code model} names in this region, or null when the region has no such model. */
  static @Nullable ModelTraits model(String model, SeedanceRegion region, String endpointId) {
    if (model.equals(endpointId)) {
      return SEEDANCE_2;
    }
    String prefix2 = region == SeedanceRegion.CN_BEIJING ? "doubao-" : "dreamina-";
    String prefix1 = region == SeedanceRegion.CN_BEIJING ? "doubao-" : "";
    for (Map.Entry<String, ModelTraits> entry : BARE_MODELS.entrySet()) {
      String prefix = entry.getKey().startsWith("seedance-1-") ? prefix1 : prefix2;
      if (model.equals(prefix + entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }

  static @Nullable Rejection check(JsonNode body, SeedanceRegion region, String endpointId) {
    if (!body.isObject()) {
      return invalid("InvalidParameter", "the request body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!TOP_LEVEL.contains(name)) {
        return invalid("InvalidParameter", "the parameter `" + name + "` is not supported");
      }
    }
    JsonNode modelNode = body.path("model");
    if (!modelNode.isTextual() || modelNode.asText().isBlank()) {
      return invalid("MissingParameter", "the parameter `model` is required");
    }
    ModelTraits model = model(modelNode.asText(), region, endpointId);
    if (model == null) {
      return new Rejection(
          404,
          "InvalidEndpointOrModel.NotFound",
          "The model or endpoint " + modelNode.asText() + " does not exist or you do not have access to it.");
    }
    Rejection content = checkContent(body.path("content"), model);
    if (content != null) {
      return content;
    }
    return checkParameters(body, model);
  }

  private static @Nullable Rejection checkContent(JsonNode content, ModelTraits model) {
    if (!content.isArray() || content.isEmpty()) {
      return invalid("MissingParameter", "the parameter `content` must be a non-empty array");
    }
    int texts = 0;
    List<String> imageRoles = new ArrayList<>();
    int videos = 0;
    int audios = 0;
    for (JsonNode item : content) {
      String type = item.path("type").asText("");
      switch (type) {
        case "text" -> {
          if (!item.path("text").isTextual() || item.path("text").asText().isBlank() || ++texts > 1) {
            return invalid("InvalidParameter", "content[] takes one non-empty text item");
          }
        }
        case "image_url", "video_url", "audio_url" -> {
          String medium = type.substring(0, type.indexOf('_'));
          Rejection url = checkUrl(item.path(type).path("url"), medium);
          if (url != null) {
            return url;
          }
          String role = item.path("role").isTextual() ? item.path("role").asText() : "";
          if (medium.equals("image")) {
            if (!role.isEmpty() && !IMAGE_ROLES.contains(role)) {
              return invalid("InvalidParameter", "image role must be first_frame, last_frame or reference_image");
            }
            imageRoles.add(role);
          } else if (!role.equals("reference_" + medium)) {
            return invalid("InvalidParameter", type + " needs role reference_" + medium);
          } else if (medium.equals("video")) {
            videos++;
          } else {
            audios++;
          }
        }
        default -> {
          return invalid("InvalidParameter", "content[].type must be text, image_url, video_url or audio_url");
        }
      }
    }
    long firstFrames = imageRoles.stream().filter(role -> role.equals("first_frame")).count();
    long lastFrames = imageRoles.stream().filter(role -> role.equals("last_frame")).count();
    long references = imageRoles.stream().filter(role -> role.equals("reference_image")).count();
    boolean unnamed = imageRoles.contains("");
    if (unnamed && (imageRoles.size() > 1 || videos + audios > 0)) {
      return invalid("InvalidParameter", "every image needs a role when the request has more than one input");
    }
    if (firstFrames > 1 || lastFrames > 1) {
      return invalid("InvalidParameter", "at most one first_frame and one last_frame");
    }
    if (lastFrames == 1 && firstFrames == 0) {
      return invalid("InvalidParameter", "last_frame needs a first_frame");
    }
    boolean frameMode = firstFrames + lastFrames > 0 || unnamed;
    boolean referenceMode = references + videos + audios > 0;
    if (frameMode && referenceMode) {
      return invalid(
          "InvalidParameter",
          "first/last frame images cannot be combined with reference images, videos or audio in one request");
    }
    if (referenceMode && !model.references()) {
      return invalid("InvalidParameter", "this model does not take reference inputs");
    }
    if (references > 9 || videos > 3 || audios > 3) {
      return invalid("InvalidParameter", "at most 9 reference images, 3 videos and 3 audio files");
    }
    if (audios > 0 && references + videos == 0) {
      return invalid("InvalidParameter", "audio references need at least one image or video reference");
    }
    if (texts == 0 && imageRoles.isEmpty() && videos == 0) {
      return invalid("MissingParameter", "content[] needs a text item");
    }
    return null;
  }

  private static @Nullable Rejection checkUrl(JsonNode urlNode, String medium) {
    String url = urlNode.isTextual() ? urlNode.asText() : "";
    if (url.startsWith("https://") || url.startsWith("http://") || url.startsWith("asset://")) {
      return null;
    }
    Matcher matcher = DATA_URI.matcher(url);
    if (!matcher.matches()
        || !matcher.group(1).equals(medium)
        || !DATA_SUBTYPES.get(medium).contains(matcher.group(2))) {
      return invalid("InvalidParameter", medium + "_url.url must be a URL or a base64 data URI of a supported " + medium);
    }
    try {
      Base64.getDecoder().decode(matcher.group(3));
      return null;
    } catch (IllegalArgumentException e) {
      return invalid("InvalidParameter", medium + "_url.url holds invalid base64");
    }
  }

  private static @Nullable Rejection checkParameters(JsonNode body, ModelTraits model) {
    if (body.has("ratio") && !RATIOS.contains(body.path("ratio").asText(""))) {
      return invalid("InvalidParameter", "ratio must be one of " + RATIOS);
    }
    if (body.has("resolution") && !RESOLUTIONS.contains(body.path("resolution").asText(""))) {
      return invalid("InvalidParameter", "resolution must be 480p, 720p or 1080p");
    }
    if (body.has("duration") && body.has("frames")) {
      return invalid("InvalidParameter", "duration and frames are mutually exclusive");
    }
    JsonNode duration = body.path("duration");
    if (body.has("duration")
        && !(duration.isIntegralNumber()
            && duration.asLong() >= model.minSeconds()
            && duration.asLong() <= model.maxSeconds())) {
      return invalid(
          "InvalidParameter",
          "duration must be an integer in [" + model.minSeconds() + ", " + model.maxSeconds() + "]");
    }
    JsonNode seed = body.path("seed");
    if (body.has("seed") && !(seed.isIntegralNumber() && seed.asLong() >= -1 && seed.asLong() <= 4_294_967_295L)) {
      return invalid("InvalidParameter", "seed must be an integer in [-1, 4294967295]");
    }
    JsonNode rate = body.path("framespersecond");
    if (body.has("framespersecond") && !(rate.isIntegralNumber() && rate.asInt() == 24)) {
      return invalid("InvalidParameter", "framespersecond must be 24");
    }
    for (String flag : List.of("camera_fixed", "watermark", "generate_audio", "return_last_frame", "draft")) {
      if (body.has(flag) && !body.path(flag).isBoolean()) {
        return invalid("InvalidParameter", flag + " must be a boolean");
      }
    }
    if (body.has("service_tier") && !Set.of("default", "flex").contains(body.path("service_tier").asText(""))) {
      return invalid("InvalidParameter", "service_tier must be default or flex");
    }
    JsonNode expiresAfter = body.path("execution_expires_after");
    if (body.has("execution_expires_after")
        && !(expiresAfter.isIntegralNumber() && expiresAfter.asLong() >= 3600 && expiresAfter.asLong() <= 259_200)) {
      return invalid("InvalidParameter", "execution_expires_after must be in [3600, 259200]");
    }
    return null;
  }

  private static Rejection invalid(String code, String message) {
    return new Rejection(400, code, message);
  }
}
