package dev.aivid.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderErrorCodes;
import dev.aivid.providers.ProviderOutcome;
import dev.aivid.providers.http.HttpReply;
import java.util.Set;

/**
 * OpenAI's error envelope {@code {error:{message,type,param,code}}} (providers.md §1.3) mapped to
 * AIVid's codes; the provider's own status, type, code and message stay in the message.
 */
final class OpenAiErrors {
  private static final Set<String> CONTENT_POLICY_CODES =
      Set.of("moderation_blocked", "content_policy_violation");

  /**
   * Out of money: AIVid answers 402 {@code insufficient_credits}; OpenAI answers 429 {@code
   * insufficient_quota}, which is no rate limit and must not be retried.
   */
  private static final Set<String> BALANCE_CODES =
      Set.of("insufficient_credits", "insufficient_quota", "billing_hard_limit_reached");

  private OpenAiErrors() {}

  static <T> ProviderOutcome.ProviderError<T> map(
      HttpReply reply, ObjectMapper json, String action) {
    JsonNode error = reply.json(json).path("error");
    String code = text(error.path("code"));
    String type = text(error.path("type"));
    String message =
        error.path("message").isTextual() ? error.path("message").asText() : reply.excerpt();
    int status = reply.status();
    String aividCode;
    int aividStatus = status;
    if (BALANCE_CODES.contains(code) || BALANCE_CODES.contains(type) || status == 402) {
      aividCode = ProviderErrorCodes.INSUFFICIENT_BALANCE;
      aividStatus = 402;
    } else if (CONTENT_POLICY_CODES.contains(code)) {
      aividCode = ProviderErrorCodes.CONTENT_POLICY;
    } else {
      aividCode =
          switch (status) {
            case 401 -> ProviderErrorCodes.AUTH_FAILED;
            case 403 -> ProviderErrorCodes.FORBIDDEN;
            case 404, 410 -> ProviderErrorCodes.NOT_FOUND;
            case 429 -> ProviderErrorCodes.RATE_LIMITED;
            case 400, 409, 413, 415, 422 -> ProviderErrorCodes.INVALID_REQUEST;
            default ->
                status >= 500 ? ProviderErrorCodes.UNAVAILABLE : ProviderErrorCodes.BAD_RESPONSE;
          };
    }
    String detail = type.isEmpty() && code.isEmpty() ? "" : " (" + join(type, code) + ")";
    return new ProviderOutcome.ProviderError<>(
        aividStatus,
        aividCode,
        "openai " + action + " answered " + status + detail + ": " + message,
        reply.retryAfter());
  }

  static boolean isContentPolicy(String code) {
    return CONTENT_POLICY_CODES.contains(code);
  }

  private static String join(String type, String code) {
    if (type.isEmpty()) {
      return code;
    }
    return code.isEmpty() ? type : type + "/" + code;
  }

  static String text(JsonNode node) {
    return node.isTextual() ? node.asText() : node.isNumber() ? node.asText() : "";
  }
}
