package dev.aivid.api.internal;

import dev.aivid.account.Principal;
import dev.aivid.api.ApiException;
import dev.aivid.idempotency.IdempotencyStart;
import dev.aivid.idempotency.IdempotencyStore;
import dev.aivid.idempotency.StoredResponse;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs a creating or charging request at most once per Idempotency-Key: a retry gets the first
 * response (status, body and AIVid headers), the same key with another body is a 409.
 */
public final class IdempotentRequests {
  public static final String HEADER = "Idempotency-Key";
  private static final int MAX_KEY_LENGTH = 255;
  private static final List<String> REPLAYED_HEADERS =
      List.of("x-aivid-credits-held", "openai-poll-after-ms", "Location", "x-aivid-dropped-controls");

  private final IdempotencyStore store;

  public IdempotentRequests(IdempotencyStore store) {
    this.store = store;
  }

  /** {@code requestSha256} identifies the request's content (body, or parsed multipart parts). */
  public void run(Context context, Principal principal, String requestSha256, Runnable handler) {
    String key = key(context.header(HEADER));
    if (key == null) {
      handler.run();
      return;
    }
    String organization = principal.organizationId();
    switch (store.begin(organization, key, context.method().name(), context.path(), requestSha256)) {
      case IdempotencyStart.Fresh fresh -> {
        try {
          handler.run();
        } catch (RuntimeException e) {
          store.abandon(organization, key);
          throw e;
        }
        byte[] body = Responses.writtenBody(context);
        if (body == null) {
          store.abandon(organization, key);
          return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
          String value = context.res().getHeader(name);
          if (value != null) {
            headers.put(name, value);
          }
        }
        store.complete(
            organization,
            key,
            new StoredResponse(
                context.statusCode(), String.valueOf(context.res().getContentType()), body, headers));
      }
      case IdempotencyStart.Replay replay -> {
        StoredResponse response = replay.response();
        response.headers().forEach(context::header);
        context.header("Idempotent-Replayed", "true");
        Responses.bytes(context, response.status(), response.contentType(), response.body());
      }
      case IdempotencyStart.Mismatch mismatch ->
          throw new ApiException(
              409,
              "idempotency_key_reused",
              HEADER,
              "This Idempotency-Key was already used with a different request");
      case IdempotencyStart.InProgress inProgress ->
          throw new ApiException(
              409,
              "idempotency_key_in_progress",
              HEADER,
              "A request with this Idempotency-Key is still being processed; retry shortly");
    }
  }

  private static @Nullable String key(@Nullable String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.isEmpty() || raw.length() > MAX_KEY_LENGTH) {
      throw new ApiException(
          400,
          "invalid_idempotency_key",
          HEADER,
          "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " printable characters");
    }
    for (int i = 0; i < raw.length(); i++) {
      char character = raw.charAt(i);
      if (character < 0x21 || character > 0x7E) {
        throw new ApiException(
            400,
            "invalid_idempotency_key",
            HEADER,
            "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters");
      }
    }
    return raw;
  }
}
