package dev.aivid.api.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.account.AccountException;
import dev.aivid.api.ApiException;
import dev.aivid.jobs.VideoException;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become HTTP. OpenAI-compatible paths answer with OpenAI's envelope {@code
 * {error:{message,type,param,code}}}; AIVid-native paths with RFC 9457 problem details.
 */
public final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  private final ObjectMapper json;
  private final OpenAiJson openAi;

  public ErrorMapper(ObjectMapper json) {
    this.json = json;
    this.openAi = new OpenAiJson(json);
  }

  public void handle(Exception exception, Context context) {
    switch (exception) {
      case ApiException api -> write(context, api.status(), api.code(), api.parameter(), api.getMessage());
      case VideoException video ->
          write(context, status(video.kind()), video.code(), video.parameter(), video.getMessage());
      case dev.aivid.assets.AssetException asset ->
          write(
              context,
              switch (asset.kind()) {
                case INVALID -> 400;
                case UNPROCESSABLE -> 422;
                case NOT_FOUND -> 404;
                case TOO_LARGE -> 413;
              },
              asset.code(),
              asset.parameter(),
              asset.getMessage());
      case dev.aivid.stack.StackException stack ->
          write(context, 422, stack.code(), stack.parameter(), stack.getMessage());
      case dev.aivid.connections.ConnectionException connection ->
          write(
              context,
              switch (connection.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case BROKEN -> 500;
              },
              connection.code(),
              connection.field(),
              connection.getMessage());
      case dev.aivid.preview.PreviewException preview ->
          write(
              context,
              switch (preview.kind()) {
                case INVALID -> 400;
                case UNPROCESSABLE -> 422;
                case NOT_FOUND -> 404;
              },
              preview.code(),
              preview.field(),
              preview.getMessage());
      case dev.aivid.webhooks.WebhookException webhook ->
          write(
              context,
              switch (webhook.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
              },
              webhook.code(),
              webhook.field(),
              webhook.getMessage());
      case AccountException account -> write(context, 400, account.code(), null, account.getMessage());
      case io.javalin.http.HttpResponseException http ->
          write(
              context,
              http.getStatus(),
              http.getStatus() == 413 ? "request_too_large" : "http_" + http.getStatus(),
              null,
              http.getStatus() == 413 ? "The request body is larger than the server accepts" : http.getMessage());
      case dev.aivid.credits.CreditsException credits ->
          write(
              context,
              credits.code().equals("ledger_overloaded") ? 503 : 500,
              credits.code(),
              null,
              credits.getMessage());
      case RuntimeException storage when mentionsNul(storage) ->
          // PostgreSQL text cannot hold NUL: a text field the validators did not screen.
          write(context, 400, "invalid_text", null, "Text fields must not contain NUL (U+0000) characters");
      default -> {
        LOG.error("Unhandled error on {} {}", context.method(), context.path(), exception);
        write(context, 500, "internal_error", null, "The server failed to handle this request");
      }
    }
  }

  private static boolean mentionsNul(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (String.valueOf(cause.getMessage()).contains("invalid byte sequence for encoding \"UTF8\": 0x00")) {
        return true;
      }
    }
    return false;
  }

  public void notFoundRoute(Context context) {
    write(context, 404, "unknown_route", null, "No route for " + context.method() + " " + context.path());
  }

  private static int status(VideoException.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case GONE -> 410;
      case UNAVAILABLE -> 503;
      case PAYMENT_REQUIRED -> 402;
    };
  }

  public void write(
      Context context, int status, String code, @Nullable String parameter, String message) {
    context.status(status);
    if (usesOpenAiEnvelope(context.path())) {
      context.contentType("application/json");
      context.result(bytes(openAi.error(message, type(status), parameter, code)));
      return;
    }
    ObjectNode problem = json.createObjectNode();
    problem.put("type", "https://aivid.dev/errors/" + code);
    problem.put("title", code.replace('_', ' '));
    problem.put("status", status);
    problem.put("detail", message);
    problem.put("code", code);
    if (parameter != null) {
      problem.put("param", parameter);
    }
    context.contentType("application/problem+json");
    context.result(bytes(problem));
  }

  private static boolean usesOpenAiEnvelope(String path) {
    return path.startsWith("/v1/videos") || path.startsWith("/v1/models");
  }

  private static String type(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 402 -> "insufficient_quota";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 409 -> "conflict_error";
      case 413 -> "invalid_request_error";
      case 422 -> "invalid_request_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "server_error" : "invalid_request_error";
    };
  }

  private byte[] bytes(ObjectNode node) {
    try {
      return json.writeValueAsBytes(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("An ObjectNode always serialises", e);
    }
  }
}
