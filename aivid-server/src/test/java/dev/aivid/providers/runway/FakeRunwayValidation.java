package dev.aivid.providers.runway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Gen-4.5 create rules of research/providers.md §5.2 as {@link FakeRunwayServer} applies them:
 * the first broken rule, worded like a validator's message, or null when the body is valid.
 */
final class FakeRunwayValidation {
  static final int MAX_PROMPT_UTF16_UNITS = FakeRunwayServer.MAX_PROMPT_UTF16_UNITS;
  static final long MAX_DATA_URI_CHARACTERS = FakeRunwayServer.MAX_DATA_URI_CHARACTERS;
  private static final List<String> IMAGE_TO_VIDEO_RATIOS =
      List.of("1280:720", "720:1280", "1104:832", "960:960", "832:1104", "1584:672");
  private static final List<String> TEXT_TO_VIDEO_RATIOS = List.of("1280:720", "720:1280");
  private static final Pattern DATA_URI =
      Pattern.compile("data:image/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})");

  private static final List<String> IMAGE_TO_VIDEO_KEYS =
      List.of(
          "model", "promptImage", "promptText", "ratio", "duration", "seed", "contentModeration");
  private static final List<String> TEXT_TO_VIDEO_KEYS =
      List.of("model", "promptText", "ratio", "duration", "seed", "contentModeration");

  private FakeRunwayValidation() {}

  static @Nullable String problem(String endpoint, ObjectNode body) {
    boolean imageToVideo = endpoint.equals("image_to_video");
    List<String> keys = imageToVideo ? IMAGE_TO_VIDEO_KEYS : TEXT_TO_VIDEO_KEYS;
    for (var names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!keys.contains(name)) {
        return "Unrecognized key in body: '" + name + "'";
      }
    }
    JsonNode model = body.path("model");
    if (!model.isTextual() || !model.asText().equals("gen4.5")) {
      return "Invalid model: expected 'gen4.5' (the only model this fake serves), received "
          + model;
    }
    JsonNode promptText = body.path("promptText");
    if (!promptText.isTextual() || promptText.asText().isBlank()) {
      return "promptText is required for gen4.5";
    }
    if (promptText.asText().length() > MAX_PROMPT_UTF16_UNITS) {
      return "promptText must be at most "
          + MAX_PROMPT_UTF16_UNITS
          + " characters (UTF-16 code units), got "
          + promptText.asText().length();
    }
    List<String> ratios = imageToVideo ? IMAGE_TO_VIDEO_RATIOS : TEXT_TO_VIDEO_RATIOS;
    JsonNode ratio = body.path("ratio");
    if (!ratio.isTextual() || !ratios.contains(ratio.asText())) {
      return "Invalid ratio for gen4.5 "
          + endpoint
          + ": expected one of "
          + ratios
          + ", received "
          + ratio;
    }
    JsonNode duration = body.path("duration");
    if (!duration.isIntegralNumber() || duration.asLong() < 2 || duration.asLong() > 10) {
      return "duration must be an integer from 2 to 10, received " + duration;
    }
    JsonNode seed = body.get("seed");
    if (seed != null
        && (!seed.isIntegralNumber() || seed.asLong() < 0 || seed.asLong() > 4_294_967_295L)) {
      return "seed must be an integer from 0 to 4294967295, received " + seed;
    }
    JsonNode moderation = body.get("contentModeration");
    if (moderation != null) {
      JsonNode threshold = moderation.path("publicFigureThreshold");
      boolean onlyThreshold =
          moderation.isObject()
              && moderation.size() <= 1
              && (moderation.isEmpty() || moderation.has("publicFigureThreshold"));
      if (!onlyThreshold
          || (!threshold.isMissingNode() && !List.of("auto", "low").contains(threshold.asText()))) {
        return "contentModeration must be {publicFigureThreshold: 'auto' | 'low'}";
      }
    }
    return imageToVideo ? promptImageProblem(body.path("promptImage")) : null;
  }

  private static @Nullable String promptImageProblem(JsonNode promptImage) {
    if (promptImage.isTextual()) {
      return uriProblem(promptImage.asText());
    }
    if (!promptImage.isArray() || promptImage.size() != 1) {
      return "promptImage must be a URI or an array with one {uri, position: 'first'} for gen4.5";
    }
    JsonNode image = promptImage.get(0);
    if (!image.isObject() || image.size() != 2 || !image.path("uri").isTextual()) {
      return "promptImage[0] must be {uri, position}";
    }
    if (!image.path("position").asText().equals("first")) {
      return "gen4.5 takes promptImage position 'first' only, received " + image.path("position");
    }
    return uriProblem(image.path("uri").asText());
  }

  private static @Nullable String uriProblem(String uri) {
    if (uri.startsWith("runway://")) {
      return null;
    }
    if (uri.startsWith("https://")) {
      try {
        return URI.create(uri).getHost() == null ? "promptImage URL has no host" : null;
      } catch (IllegalArgumentException e) {
        return "promptImage is not a valid URL";
      }
    }
    if (!uri.startsWith("data:")) {
      return "promptImage must be an HTTPS URL, a runway:// upload URI or a data URI";
    }
    if (uri.length() > MAX_DATA_URI_CHARACTERS) {
      return "promptImage data URI exceeds 5MB";
    }
    Matcher matcher = DATA_URI.matcher(uri);
    if (!matcher.matches()) {
      return "promptImage data URI must be data:image/(png|jpeg|webp);base64,<data>";
    }
    try {
      Base64.getDecoder().decode(matcher.group(2));
      return null;
    } catch (IllegalArgumentException e) {
      return "promptImage data URI is not valid base64";
    }
  }
}
