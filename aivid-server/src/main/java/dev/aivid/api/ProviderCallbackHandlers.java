package dev.aivid.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.api.internal.Responses;
import dev.aivid.jobs.ProviderCallbackService;
import dev.aivid.jobs.ProviderCallbackService.Outcome;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /v1/provider-callbacks/{provider}/{token}}: providers report a render's end here. No
 * API key: the per-job token in the URL or the provider's signature authenticates the call, and a
 * call that fails either changes nothing. Not part of the OpenAI-compatible surface.
 */
final class ProviderCallbackHandlers {
  private static final int MAX_BODY_BYTES = 256 * 1024;

  private final ProviderCallbackService callbacks;
  private final ObjectMapper json;
  private final Responses responses;

  ProviderCallbackHandlers(ProviderCallbackService callbacks, ObjectMapper json, Responses responses) {
    this.callbacks = callbacks;
    this.json = json;
    this.responses = responses;
  }

  void receive(Context context) {
    String provider = context.pathParam("provider");
    String token = context.pathParam("token");
    Outcome outcome = callbacks.receive(provider, token, headers(context), body(context));
    ObjectNode node = json.createObjectNode();
    node.put("object", "provider_callback");
    switch (outcome) {
      case Outcome.Woken woken -> {
        node.put("video_id", woken.videoId());
        node.put("action", "poll_now");
      }
      case Outcome.Ignored ignored -> {
        node.put("video_id", ignored.videoId());
        node.put("action", "none");
        node.put("reason", ignored.reason());
      }
      case Outcome.Unknown unknown ->
          throw new ApiException(
              404, "unknown_callback", null, "No render of this provider is waiting for this callback URL");
      case Outcome.Unauthenticated unauthenticated ->
          throw new ApiException(
              401,
              "invalid_callback_signature",
              null,
              "The callback's signature does not verify ("
                  + unauthenticated.check().name().toLowerCase(Locale.ROOT)
                  + ")");
      case Outcome.Malformed malformed ->
          throw new ApiException(
              400, "invalid_callback_body", null, "The body is not a " + provider + " callback");
    }
    responses.json(context, 200, node);
  }

  private static Map<String, String> headers(Context context) {
    Map<String, String> headers = new HashMap<>();
    context.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    return headers;
  }

  /** At most {@link #MAX_BODY_BYTES}, whatever the declared length: a callback is a small JSON. */
  private static byte[] body(Context context) {
    long declared = context.contentLength();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (InputStream in = context.bodyInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ApiException tooLarge() {
    return new ApiException(413, "request_too_large", null, "A provider callback must be at most 256 KiB");
  }
}
