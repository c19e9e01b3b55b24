package dev.aivid.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.api.ApiException;
import dev.aivid.jobs.VideoCreateCommand;
import io.javalin.http.Context;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code POST /v1/videos} bodies (JSON or multipart) into a {@link VideoCreateCommand}.
 * Unknown fields are ignored as OpenAI does; known fields must have the right type.
 */
public final class VideoRequestParser {
  private static final int MAX_FIELD_BYTES = 64 * 1024;
  private static final long DISCARD_LIMIT_BYTES = 64L * 1024 * 1024;
  private static final String REFERENCE_FIELD = "input_reference";
  private static final String FINGERPRINT = "aivid.request-fingerprint";
  private static final String MULTIPART_CONFIG_ATTRIBUTE = "org.eclipse.jetty.multipartConfig";
  private final ObjectMapper json;
  private final long maxUploadBytes;

  private final MultipartConfigElement multipartConfig;

  public VideoRequestParser(ObjectMapper json, long maxUploadBytes, java.nio.file.Path uploadDirectory) {
    this.json = json;
    this.maxUploadBytes = maxUploadBytes;
    // Parts above the in-memory threshold stream to disk; past maxUploadBytes parsing stops (413).
    this.multipartConfig =
        new MultipartConfigElement(
            uploadDirectory.toString(), maxUploadBytes, maxUploadBytes + 64 * 1024, 256 * 1024);
  }

  public VideoCreateCommand parseCreate(Context context) {
    String contentType = String.valueOf(context.contentType()).toLowerCase(Locale.ROOT);
    if (contentType.startsWith("multipart/form-data")) {
      return parseMultipart(context);
    }
    JsonNode body = jsonObject(context);
    return new VideoCreateCommand(
        text(body, "model"),
        text(body, "prompt"),
        seconds(body),
        text(body, "size"),
        seed(body),
        jsonInputReference(body.get("input_reference")),
        text(body, "routing_policy"),
        characterIds(body.get("character_ids")));
  }

  /** The body of {@code POST /v1/videos/{id}/remix}: {@code {"prompt": "..."}}. */
  public @Nullable String parseRemixPrompt(Context context) {
    String contentType = String.valueOf(context.contentType()).toLowerCase(Locale.ROOT);
    if (contentType.startsWith("multipart/form-data")) {
      guardLength(context, REFERENCE_FIELD);
      for (Part part : parts(context, REFERENCE_FIELD)) {
        if (part.getName().equals("prompt")) {
          String prompt = text(part);
          context.attribute(FINGERPRINT, sha256(prompt.getBytes(StandardCharsets.UTF_8)));
          return prompt;
        }
      }
      return null;
    }
    return text(jsonObject(context), "prompt");
  }

  /** Records what a request asked for (its parsed content), for idempotency checks. */
  public static void fingerprint(Context context, String requestContent) {
    context.attribute(FINGERPRINT, sha256(requestContent.getBytes(StandardCharsets.UTF_8)));
  }

  /** SHA-256 of what the request asked for, set by the parse methods for idempotency checks. */
  public static String fingerprint(Context context) {
    String value = context.attribute(FINGERPRINT);
    return value == null ? sha256(context.bodyAsBytes()) : value;
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  private JsonNode jsonObject(Context context) {
    byte[] bytes = context.bodyAsBytes();
    context.attribute(FINGERPRINT, sha256(bytes));
    if (bytes.length == 0) {
      throw new ApiException(400, "invalid_json", null, "The request body must be a JSON object");
    }
    JsonNode body;
    try {
      body = json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiException(
          400,
          "invalid_json",
          null,
          "The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(400, "invalid_json", null, "The request body could not be read");
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "invalid_json", null, "The request body must be a JSON object");
    }
    return body;
  }

  private VideoCreateCommand parseMultipart(Context context) {
    guardLength(context, REFERENCE_FIELD);
    Map<String, List<String>> fields = new java.util.TreeMap<>();
    VideoCreateCommand.InputReference reference = null;
    String referenceSha256 = "";
    for (Part part : parts(context, REFERENCE_FIELD)) {
      if (part.getName().equals("input_reference")) {
        byte[] bytes = readReference(part);
        referenceSha256 = sha256(bytes);
        reference = multipartReference(bytes);
      } else {
        fields.computeIfAbsent(part.getName(), name -> new java.util.ArrayList<>()).add(text(part));
      }
    }
    context.attribute(FINGERPRINT, sha256((fields + "|" + referenceSha256).getBytes(StandardCharsets.UTF_8)));
    String seedText = first(fields, "seed");
    Long seed = null;
    if (seedText != null) {
      try {
        seed = Long.parseLong(seedText.trim());
      } catch (NumberFormatException e) {
        throw new ApiException(400, "invalid_type", "seed", "seed must be an integer");
      }
    }
    return new VideoCreateCommand(
        first(fields, "model"),
        first(fields, "prompt"),
        first(fields, "seconds"),
        first(fields, "size"),
        seed,
        reference,
        first(fields, "routing_policy"),
        multipartCharacterIds(fields));
  }

  /**
   * SDKs differ: Node sends {@code input_reference} as a file part, the Java SDK as a part without
   * a file name, and a JSON reference arrives as a text part. Decide by the bytes, not the headers.
   */
  private byte[] readReference(Part part) {
    if (part.getSize() > maxUploadBytes) {
      throw tooLarge(REFERENCE_FIELD);
    }
    return read(part);
  }

  private VideoCreateCommand.InputReference multipartReference(byte[] bytes) {
    int first = 0;
    while (first < bytes.length && Character.isWhitespace(bytes[first])) {
      first++;
    }
    if (first < bytes.length && bytes[first] == '{') {
      VideoCreateCommand.InputReference reference =
          multipartJsonReference(new String(bytes, StandardCharsets.UTF_8));
      if (reference != null) {
        return reference;
      }
    }
    return new VideoCreateCommand.InputReference.Bytes(bytes, "input_reference");
  }

  /** The parts of a multipart request, spooled to disk by Jetty above 256 KiB, capped in size. */
  public java.util.Collection<Part> parts(Context context, String fileField) {
    try {
      context.req().setAttribute(MULTIPART_CONFIG_ATTRIBUTE, multipartConfig);
      return context.req().getParts();
    } catch (Exception e) { // Jetty's ServletException and IllegalStateException both mean "bad body".
      throw translateMultipartFailure(e, fileField);
    }
  }

  private String text(Part part) {
    if (part.getSize() > MAX_FIELD_BYTES) {
      throw new ApiException(
          400, "field_too_large", part.getName(), part.getName() + " is larger than 64 KiB");
    }
    return new String(read(part), StandardCharsets.UTF_8);
  }

  private VideoCreateCommand.@Nullable InputReference multipartJsonReference(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return jsonInputReference(json.readTree(text));
    } catch (JsonProcessingException e) {
      throw new ApiException(
          400, "invalid_input_reference", "input_reference", "input_reference must be a file upload");
    }
  }

  public void guardLength(Context context, String fileField) {
    long declared = context.contentLength();
    if (declared > maxUploadBytes + 64 * 1024) {
      discardBody(context, declared);
      throw tooLarge(fileField);
    }
  }

  /**
   * Reads and drops a moderately oversized body before answering 413: a client that is still
   * sending would otherwise see the connection reset instead of the error. Nothing is kept; a body
   * far over the limit is not read at all and the connection simply closes.
   */
  private void discardBody(Context context, long declared) {
    if (declared > maxUploadBytes + DISCARD_LIMIT_BYTES) {
      return;
    }
    try (InputStream input = context.req().getInputStream()) {
      input.skip(declared);
      byte[] buffer = new byte[64 * 1024];
      while (input.read(buffer) != -1) {
        // Skip may stop early; keep reading until the declared body is gone.
      }
    } catch (IOException ignored) {
      // The client gave up sending; the 413 still goes out if the connection allows.
    }
  }

  private ApiException translateMultipartFailure(Exception failure, String fileField) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("max") || message.contains("too large") || message.contains("413")) {
        return tooLarge(fileField);
      }
    }
    return new ApiException(
        400, "invalid_multipart", null, "The multipart body could not be parsed");
  }

  private ApiException tooLarge(String fileField) {
    return new ApiException(
        413,
        "request_too_large",
        fileField,
        "The upload is larger than the limit of " + maxUploadBytes + " bytes");
  }

  private byte[] read(Part part) {
    try (InputStream input = part.getInputStream()) {
      byte[] bytes = input.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUploadBytes + 1));
      if (bytes.length > maxUploadBytes) {
        throw tooLarge(REFERENCE_FIELD);
      }
      return bytes;
    } catch (IOException e) {
      throw new ApiException(400, "invalid_multipart", part.getName(), "The upload was cut off");
    }
  }

  private static @Nullable String first(Map<String, List<String>> fields, String name) {
    List<String> values = fields.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ApiException(400, "invalid_type", field, field + " must be a string");
    }
    return value.asText();
  }

  private static @Nullable String seconds(JsonNode body) {
    JsonNode value = body.get("seconds");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return Integer.toString(value.asInt());
    }
    throw new ApiException(
        400, "invalid_type", "seconds", "seconds must be a whole number, as a string like \"8\"");
  }

  /**
   * {@code character_ids}: the characters (POST /v1/videos/characters) every segment carries; an
   * array of ids in JSON, repeated {@code character_ids} (or {@code character_ids[]}) parts in
   * multipart.
   */
  static List<String> characterIds(@Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new ApiException(400, "invalid_type", "character_ids", "character_ids must be an array of character ids");
    }
    List<String> ids = new java.util.ArrayList<>();
    for (JsonNode id : value) {
      if (!id.isTextual() || id.asText().isBlank()) {
        throw new ApiException(400, "invalid_type", "character_ids", "character_ids must be an array of character ids");
      }
      ids.add(id.asText());
    }
    return ids;
  }

  private static List<String> multipartCharacterIds(Map<String, List<String>> fields) {
    List<String> ids = new java.util.ArrayList<>(fields.getOrDefault("character_ids", List.of()));
    ids.addAll(fields.getOrDefault("character_ids[]", List.of()));
    for (String id : ids) {
      if (id.isBlank()) {
        throw new ApiException(400, "invalid_type", "character_ids", "character_ids must be character ids");
      }
    }
    return ids;
  }

  private static @Nullable Long seed(JsonNode body) {
    JsonNode value = body.get("seed");
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asLong();
    }
    throw new ApiException(400, "invalid_type", "seed", "seed must be an integer");
  }

  private static VideoCreateCommand.@Nullable InputReference jsonInputReference(
      @Nullable JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new ApiException(
          400,
          "invalid_type",
          "input_reference",
          "input_reference must be an object {\"image_url\": \"...\"} or a multipart file");
    }
    JsonNode imageUrl = value.get("image_url");
    JsonNode fileId = value.get("file_id");
    boolean hasImageUrl = imageUrl != null && !imageUrl.isNull();
    boolean hasFileId = fileId != null && !fileId.isNull();
    if (hasImageUrl == hasFileId) {
      throw new ApiException(
          400,
          "invalid_input_reference",
          "input_reference",
          "input_reference needs exactly one of image_url or file_id");
    }
    if (hasFileId) {
      throw new ApiException(
          400,
          "unsupported_file_id",
          "input_reference.file_id",
          "file_id references are not supported; send image_url or upload the file");
    }
    if (!imageUrl.isTextual()) {
      throw new ApiException(
          400, "invalid_type", "input_reference.image_url", "image_url must be a string");
    }
    return new VideoCreateCommand.InputReference.Url(imageUrl.asText());
  }
}
