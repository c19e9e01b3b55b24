package dev.aivid.api.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** Writes JSON responses and keeps their bytes so an idempotent request can store them. */
public final class Responses {
  private static final String BODY = "aivid.response-body";
  private final ObjectMapper json;

  public Responses(ObjectMapper json) {
    this.json = json;
  }

  public void json(Context context, int status, JsonNode node) {
    try {
      bytes(context, status, "application/json", json.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JsonNode always serialises", e);
    }
  }

  public static void bytes(Context context, int status, String contentType, byte[] body) {
    context.status(status);
    context.contentType(contentType);
    context.attribute(BODY, body);
    context.result(body);
  }

  public static byte @Nullable [] writtenBody(Context context) {
    return context.attribute(BODY);
  }
}
