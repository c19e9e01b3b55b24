package dev.aivid.providers.seedance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.http.HttpReply;
import java.util.Locale;

/**
 * Maps Ark's error answers ({@code {"error":{"code","message"}}}, providers.md §3.3) to AIVid's
 * codes. Ark's code list is not published in the stored sources; the codes matched here follow
 * Ark's naming ({@code InputTextSensitiveContentDetected}, {@code AccountOverdueError}).
 */
final class SeedanceErrors {
  private SeedanceErrors() {}

  static <T> ProviderOutcome<T> fromReply(HttpReply reply, ObjectMapper json) {
    JsonNode body = reply.json(json);
    JsonNode error = body.path("error");
    String providerCode = text(error.path("code"), text(body.path("code"), ""));
    String providerMessage = text(error.path("message"), text(body.path("message"), reply.excerpt()));
    int status = reply.status();
    String code =
        switch (status) {
          case 401 -> ProviderErrorCodes.AUTH_FAILED;
          case 402 -> ProviderErrorCodes.INSUFFICIENT_BALANCE;
          case 403 -> isOverdue(providerCode) ? ProviderErrorCodes.INSUFFICIENT_BALANCE : ProviderErrorCodes.FORBIDDEN;
          case 400, 422 ->
              isSensitive(providerCode) ? ProviderErrorCodes.CONTENT_POLICY : ProviderErrorCodes.INVALID_REQUEST;
          case 404 -> ProviderErrorCodes.NOT_FOUND;
          case 429 -> ProviderErrorCodes.RATE_LIMITED;
          default -> status >= 500 ? ProviderErrorCodes.UNAVAILABLE : ProviderErrorCodes.BAD_RESPONSE;
        };
    String message =
        "seedance answered " + status + (providerCode.isEmpty() ? "" : " " + providerCode) + ": " + providerMessage;
    return new ProviderOutcome.ProviderError<>(status, code, message, reply.retryAfter());
  }

  /** A task that ended {@code failed}: content moderation or a render failure. */
  static String taskFailureCode(String providerCode) {
    return isSensitive(providerCode) ? ProviderErrorCodes.CONTENT_POLICY : ProviderErrorCodes.RENDER_FAILED;
  }

  static boolean isSensitive(String providerCode) {
    return providerCode.toLowerCase(Locale.ROOT).contains("sensitivecontent");
  }

  private static boolean isOverdue(String providerCode) {
    String lower = providerCode.toLowerCase(Locale.ROOT);
    return lower.contains("overdue") || lower.contains("insufficientbalance");
  }

  static String text(JsonNode node, String fallback) {
    return node.isValueNode() && !node.asText().isBlank() ? node.asText() : fallback;
  }
}
