package dev.aivid.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.api.ApiException;
import dev.aivid.jobs.VideoSource;
import io.javalin.http.Context;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Bodies of {@code POST /v1/videos/extensions}, {@code /edits} and {@code /characters}, as the
 * OpenAI SDKs send them: multipart with {@code video} as a file or as the JSON {@code {"id": ...}}
 * of a completed video (also accepted as a {@code video[id]} part), or the same fields as JSON.
 * Unknown fields are ignored; known fields must have the right type. Nothing is stored here.
 */
public final class VideoSourceRequestParser {
  private static final int MAX_FIELD_BYTES = 64 * 1024;
  private static final String VIDEO = "video";

  private final ObjectMapper json;
  private final VideoRequestParser multipart;
  private final long maxUploadBytes;

  public VideoSourceRequestParser(ObjectMapper json, VideoRequestParser multipart, long maxUploadBytes) {
    this.json = json;
    this.multipart = multipart;
    this.maxUploadBytes = maxUploadBytes;
  }

  /** The fields of one request: text fields by name, and the video. */
  public record Fields(Map<String, String> text, @Nullable VideoSource video, byte @Nullable [] videoFile) {
    public @Nullable String get(String name) {
      return text.get(name);
    }
  }

  public Fields parse(Context context) {
    String contentType = String.valueOf(context.contentType()).toLowerCase(Locale.ROOT);
    return contentType.startsWith("multipart/form-data") ? parseMultipart(context) : parseJson(context);
  }

  private Fields parseJson(Context context) {
    byte[] bytes = context.bodyAsBytes();
    VideoRequestParser.fingerprint(context, HexFormat.of().formatHex(bytes));
    JsonNode body;
    try {
      body = bytes.length == 0 ? null : json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "invalid_json", null, "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(400, "invalid_json", null, "The request body could not be read");
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "invalid_json", null, "The request body must be a JSON object");
    }
    Map<String, String> text = new LinkedHashMap<>();
    for (String field : new String[] {"prompt", "name", "seconds"}) {
      JsonNode value = body.get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      if (value.isTextual()) {
        text.put(field, value.asText());
      } else if (field.equals("seconds") && value.isIntegralNumber() && value.canConvertToInt()) {
        text.put(field, Integer.toString(value.asInt()));
      } else {
        throw new ApiException(400, "invalid_type", field, field + " must be a string");
      }
    }
    JsonNode video = body.get(VIDEO);
    return new Fields(text, video == null || video.isNull() ? null : reference(video), null);
  }

  private Fields parseMultipart(Context context) {
    multipart.guardLength(context, VIDEO);
    Map<String, String> text = new java.util.TreeMap<>();
    VideoSource video = null;
    byte[] file = null;
    String fileSha256 = "";
    for (Part part : multipart.parts(context, VIDEO)) {
      String name = part.getName();
      if (name.equals(VIDEO)) {
        byte[] bytes = read(part, maxUploadBytes);
        if (looksLikeJson(bytes)) {
          video = reference(jsonText(new String(bytes, StandardCharsets.UTF_8)));
        } else {
          file = bytes;
          video = new VideoSource.Upload(bytes);
          fileSha256 = HexFormat.of().formatHex(sha256(bytes));
        }
      } else if (name.equals("video[id]")) {
        video = existing(new String(read(part, MAX_FIELD_BYTES), StandardCharsets.UTF_8));
      } else {
        text.putIfAbsent(name, new String(read(part, MAX_FIELD_BYTES), StandardCharsets.UTF_8));
      }
    }
    VideoRequestParser.fingerprint(
        context, text + "|" + (video instanceof VideoSource.Existing existing ? existing.videoId() : fileSha256));
    return new Fields(text, video, file);
  }

  private VideoSource reference(JsonNode value) {
    if (!value.isObject()) {
      throw new ApiException(
          400, "invalid_type", VIDEO, "video must be an object {\"id\": \"video_...\"} or an uploaded file");
    }
    JsonNode id = value.get("id");
    if (id == null || !id.isTextual()) {
      throw new ApiException(400, "invalid_type", "video.id", "video.id must be the id of a completed video");
    }
    return existing(id.asText());
  }

  private static VideoSource existing(String id) {
    if (id.isBlank() || id.length() > 128) {
      throw new ApiException(400, "invalid_type", "video.id", "video.id must be the id of a completed video");
    }
    return new VideoSource.Existing(id.strip());
  }

  private JsonNode jsonText(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ApiException(400, "invalid_type", VIDEO, "video must be an object {\"id\": \"video_...\"} or an uploaded file");
    }
  }

  private static boolean looksLikeJson(byte[] bytes) {
    int first = 0;
    while (first < bytes.length && first < 16 && Character.isWhitespace(bytes[first])) {
      first++;
    }
    return first < bytes.length && bytes[first] == '{' && bytes.length <= MAX_FIELD_BYTES;
  }

  private static byte[] read(Part part, long limit) {
    if (part.getSize() > limit) {
      throw limit == MAX_FIELD_BYTES
          ? new ApiException(400, "field_too_large", part.getName(), part.getName() + " is larger than 64 KiB")
          : new ApiException(413, "request_too_large", part.getName(), "The upload is larger than the limit of " + limit + " bytes");
    }
    try (InputStream input = part.getInputStream()) {
      return input.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    } catch (IOException e) {
      throw new ApiException(400, "invalid_multipart", part.getName(), "The upload was cut off");
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
