package dev.aivid.providers.runway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.http.HttpReply;
import java.util.Locale;

/**
 * Runway's errors in AIVid's vocabulary (research/providers.md §5.4): the HTTP error answers, whose
 * body is {@code {"error": "<human explanation>"}}, and the task failure codes.
 */
final class RunwayErrors {
  private RunwayErrors() {}

  static <T> ProviderOutcome.ProviderError<T> fromReply(
      HttpReply reply, ObjectMapper json, String action) {
    int status = reply.status();
    JsonNode error = reply.json(json).path("error");
    String detail =
        error.isTextual() && !error.asText().isBlank() ? error.asText() : reply.excerpt();
    String code =
        switch (status) {
          // The §5.4 table has no insufficient-credits status; Runway explains it in a 400's text.
          case 400 ->
              detail.toLowerCase(Locale.ROOT).contains("credit")
                  ? ProviderErrorCodes.INSUFFICIENT_BALANCE
                  : ProviderErrorCodes.INVALID_REQUEST;
          case 401 -> ProviderErrorCodes.AUTH_FAILED;
          case 403 -> ProviderErrorCodes.FORBIDDEN;
          case 404 -> ProviderErrorCodes.NOT_FOUND;
          case 429 -> ProviderErrorCodes.RATE_LIMITED;
          default ->
              status >= 500 ? ProviderErrorCodes.UNAVAILABLE : ProviderErrorCodes.INVALID_REQUEST;
        };
    return new ProviderOutcome.ProviderError<>(
        status,
        code,
        "Runway " + action + " answered " + status + ": " + detail,
        reply.retryAfter());
  }

  /**
   * The AIVid code of a task's {@code failureCode}. Moderation codes ({@code SAFETY.INPUT.*},
   * {@code SAFETY.OUTPUT.*}, and any other code with a {@code SAFETY} segment) are a content policy
   * violation; everything else, {@code INTERNAL.BAD_OUTPUT.*} included, is a failed render.
   */
  static String failureCode(String runwayCode) {
    for (String segment : runwayCode.toUpperCase(Locale.ROOT).split("\\.")) {
      if (segment.equals("SAFETY")) {
        return ProviderErrorCodes.CONTENT_POLICY;
      }
    }
    return ProviderErrorCodes.RENDER_FAILED;
  }

  static String failureMessage(String runwayCode, String failure) {
    String code = runwayCode.isEmpty() ? "no failureCode" : "failureCode " + runwayCode;
    String text =
        failure.isBlank()
            ? "Runway task failed (" + code + ")"
            : "Runway task failed (" + code + "): " + failure;
    if (runwayCode.toUpperCase(Locale.ROOT).startsWith("INTERNAL.BAD_OUTPUT")) {
      // Runway's own quality check rejected the output: nothing is wrong with the request.
      return text + "; a retry, here or on another provider, is reasonable";
    }
    return text;
  }
}
