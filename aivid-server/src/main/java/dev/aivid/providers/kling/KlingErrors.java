package dev.aivid.providers.kling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.http.HttpReply;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Kling's error answers ({@code {code, message, request_id}}, providers.md §2.6) as AIVid codes.
 * The business code decides, the HTTP status only when the code is missing or unknown. The status
 * passed on is the one that makes {@link ProviderOutcome.ProviderError#retryable()} right: Kling
 * answers 429 for an empty account (1100-1102) and an IP block (1304), which no retry fixes.
 */
final class KlingErrors {
  /** providers.md §2.6: retry 1303 with backoff of at least a second. */
  static final Duration CONCURRENCY_RETRY_AFTER = Duration.ofSeconds(1);

  private KlingErrors() {}

  /** True when the answer is Kling's success envelope ({@code code} 0). */
  static boolean succeeded(HttpReply reply, JsonNode body) {
    return reply.ok() && body.path("code").isIntegralNumber() && body.path("code").asInt() == 0;
  }

  static <T> ProviderOutcome.ProviderError<T> map(HttpReply reply, JsonNode body) {
    int status = reply.status();
    JsonNode codeNode = body.path("code");
    int code = codeNode.canConvertToInt() ? codeNode.asInt() : -1;
    String message = describe(status, code, body, reply);
    if (code >= 1000 && code <= 1004) {
      return error(401, ProviderErrorCodes.AUTH_FAILED, message, null);
    }
    if (code >= 1100 && code <= 1102) {
      return error(402, ProviderErrorCodes.INSUFFICIENT_BALANCE, message, null);
    }
    if (code == 1103 || code == 1304) {
      return error(403, ProviderErrorCodes.FORBIDDEN, message, null);
    }
    if (code == 1200 || code == 1201) {
      return error(400, ProviderErrorCodes.INVALID_REQUEST, message, null);
    }
    if (code == 1202 || code == 1203) {
      return error(404, ProviderErrorCodes.NOT_FOUND, message, null);
    }
    if (code == 1300 || code == 1301) {
      return error(400, ProviderErrorCodes.CONTENT_POLICY, message, null);
    }
    if (code == 1302 || code == 1303) {
      Duration wait = reply.retryAfter() != null ? reply.retryAfter() : CONCURRENCY_RETRY_AFTER;
      return error(429, ProviderErrorCodes.RATE_LIMITED, message, wait);
    }
    if (code >= 5000 && code <= 5002) {
      return error(
          status >= 500 ? status : 503,
          ProviderErrorCodes.UNAVAILABLE,
          message,
          reply.retryAfter());
    }
    return byStatus(reply, message);
  }

  private static <T> ProviderOutcome.ProviderError<T> byStatus(HttpReply reply, String message) {
    int status = reply.status();
    if (status == 401) {
      return error(401, ProviderErrorCodes.AUTH_FAILED, message, null);
    }
    if (status == 403) {
      return error(403, ProviderErrorCodes.FORBIDDEN, message, null);
    }
    if (status == 404) {
      return error(404, ProviderErrorCodes.NOT_FOUND, message, null);
    }
    if (status == 429) {
      return error(429, ProviderErrorCodes.RATE_LIMITED, message, reply.retryAfter());
    }
    if (status >= 500) {
      return error(status, ProviderErrorCodes.UNAVAILABLE, message, reply.retryAfter());
    }
    if (status >= 400) {
      return error(status, ProviderErrorCodes.INVALID_REQUEST, message, null);
    }
    return error(502, ProviderErrorCodes.BAD_RESPONSE, message, null);
  }

  static <T> ProviderOutcome.ProviderError<T> badResponse(String what, HttpReply reply) {
    return error(
        502,
        ProviderErrorCodes.BAD_RESPONSE,
        "kling answered " + what + ": " + reply.excerpt(),
        null);
  }

  private static String describe(int status, int code, JsonNode body, HttpReply reply) {
    StringBuilder text = new StringBuilder("kling HTTP ").append(status);
    if (code >= 0) {
      text.append(" code ").append(code);
    }
    String message = body.path("message").asText("");
    text.append(": ").append(message.isBlank() ? reply.excerpt() : message);
    String requestId = body.path("request_id").asText("");
    if (!requestId.isBlank()) {
      text.append(" (request_id ").append(requestId).append(')');
    }
    return text.toString();
  }

  private static <T> ProviderOutcome.ProviderError<T> error(
      int status, String code, String message, @Nullable Duration retryAfter) {
    return new ProviderOutcome.ProviderError<>(status, code, message, retryAfter);
  }
}
