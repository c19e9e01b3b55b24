package dev.aivid.providers.veo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.RenderStatus;
import dev.aivid.providers.http.HttpReply;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Google's errors in AIVid's vocabulary. An HTTP error carries {@code {error:{code: <HTTP status>,
 * message, status: "INVALID_ARGUMENT"…, details}}}; a finished operation's {@code error} is a
 * google.rpc.Status whose {@code code} is the canonical number (3 = INVALID_ARGUMENT). Only {@code
 * message} is quoted: {@code details} may echo the refused API key (DebugInfo).
 */
final class VeoErrors {
  /** Google's RAI wording (Vertex "Responsible AI practices", "usage guidelines", support codes). */
  private static final Pattern CONTENT_POLICY =
      Pattern.compile(
          "\\b(safety|rai|responsible ai|usage guidelines|content polic(y|ies)|prohibited|sensitive|harmful|support codes?)\\b");
  private static final Pattern RETRY_DELAY = Pattern.compile("(\\d+)(?:\\.(\\d+))?s");

  private VeoErrors() {}

  /** A non-2xx answer as an AIVid error; {@code action} says what was tried ("create", "poll"…). */
  static <T> ProviderOutcome.ProviderError<T> fromReply(HttpReply reply, JsonNode body, String action, Redactor redactor) {
    JsonNode error = body.path("error");
    String status = error.path("status").asText("");
    String message = error.path("message").asText("");
    if (message.isEmpty()) {
      message = reply.excerpt();
    }
    String code = classify(reply.status(), status, message, apiKeyInvalid(error));
    Duration retryAfter = reply.retryAfter() != null ? reply.retryAfter() : retryDelay(error);
    String text =
        "veo " + action + " answered " + reply.status() + (status.isEmpty() ? "" : " " + status) + ": " + message;
    return new ProviderOutcome.ProviderError<>(reply.status(), code, redactor.redact(text), retryAfter);
  }

  /** A finished operation's {@code error} as a failed render. */
  static RenderStatus.Failed fromOperationError(JsonNode error, Redactor redactor) {
    int number = error.path("code").asInt(2);
    String status = error.path("status").asText(canonicalName(number));
    String message = error.path("message").asText("no message");
    int httpStatus = number >= 100 ? number : httpStatusOf(number);
    String code =
        number == 1
            ? ProviderErrorCodes.RENDER_FAILED
            : classify(httpStatus, status, message, apiKeyInvalid(error));
    if (code.equals(ProviderErrorCodes.BAD_RESPONSE)) {
      code = ProviderErrorCodes.RENDER_FAILED;
    }
    return new RenderStatus.Failed(code, redactor.redact("veo operation failed with " + number + " " + status + ": " + message));
  }

  static String classify(int httpStatus, String status, String message, boolean apiKeyInvalid) {
    String lower = message.toLowerCase(Locale.ROOT);
    if (status.equals("UNAUTHENTICATED") || httpStatus == 401 || apiKeyInvalid) {
      return ProviderErrorCodes.AUTH_FAILED;
    }
    if (status.equals("PERMISSION_DENIED") || httpStatus == 403) {
      // Google answers a request without any key "unregistered callers": the key is missing, not short of rights.
      return lower.contains("unregistered callers") ? ProviderErrorCodes.AUTH_FAILED : ProviderErrorCodes.FORBIDDEN;
    }
    if (status.equals("NOT_FOUND") || httpStatus == 404) {
      return ProviderErrorCodes.NOT_FOUND;
    }
    if (status.equals("RESOURCE_EXHAUSTED") || httpStatus == 429) {
      return ProviderErrorCodes.RATE_LIMITED;
    }
    if (status.equals("UNAVAILABLE") || status.equals("INTERNAL") || status.equals("DEADLINE_EXCEEDED") || httpStatus >= 500) {
      return ProviderErrorCodes.UNAVAILABLE;
    }
    if (httpStatus == 400 || status.equals("INVALID_ARGUMENT") || status.equals("FAILED_PRECONDITION") || status.equals("OUT_OF_RANGE")) {
      return CONTENT_POLICY.matcher(lower).find() ? ProviderErrorCodes.CONTENT_POLICY : ProviderErrorCodes.INVALID_REQUEST;
    }
    return ProviderErrorCodes.BAD_RESPONSE;
  }

  /** The Gemini API refuses a wrong key with 400 INVALID_ARGUMENT and ErrorInfo reason API_KEY_INVALID. */
  private static boolean apiKeyInvalid(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      if (detail.path("reason").asText("").equals("API_KEY_INVALID")) {
        return true;
      }
    }
    return error.path("message").asText("").toLowerCase(Locale.ROOT).contains("api key not valid");
  }

  /** google.rpc.RetryInfo {@code retryDelay} ("33s"), which Google sends instead of Retry-After. */
  static @Nullable Duration retryDelay(JsonNode error) {
    for (JsonNode detail : error.path("details")) {
      if (detail.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
        Matcher matcher = RETRY_DELAY.matcher(detail.path("retryDelay").asText(""));
        if (matcher.matches()) {
          long seconds = Long.parseLong(matcher.group(1));
          return Duration.ofSeconds(Math.min(seconds, 86_400) + (matcher.group(2) == null ? 0 : 1));
        }
      }
    }
    return null;
  }

  private static int httpStatusOf(int canonical) {
    return switch (canonical) {
      case 3, 9, 11 -> 400;
      case 16 -> 401;
      case 7 -> 403;
      case 5 -> 404;
      case 8 -> 429;
      case 4 -> 504;
      case 13, 14 -> 503;
      default -> 0;
    };
  }

  private static String canonicalName(int canonical) {
    return switch (canonical) {
      case 1 -> "CANCELLED";
      case 3 -> "INVALID_ARGUMENT";
      case 4 -> "DEADLINE_EXCEEDED";
      case 5 -> "NOT_FOUND";
      case 7 -> "PERMISSION_DENIED";
      case 8 -> "RESOURCE_EXHAUSTED";
      case 9 -> "FAILED_PRECONDITION";
      case 11 -> "OUT_OF_RANGE";
      case 13 -> "INTERNAL";
      case 14 -> "UNAVAILABLE";
      case 16 -> "UNAUTHENTICATED";
      default -> "UNKNOWN";
    };
  }

  /** Removes the credential's secrets from any text that leaves the adapter. */
  @FunctionalInterface
  interface Redactor {
    String redact(String text);
  }
}
