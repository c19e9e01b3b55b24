package dev.aivid.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.account.Principal;
import dev.aivid.api.internal.Responses;
import dev.aivid.assets.AssetService;
import dev.aivid.catalog.VideoSize;
import dev.aivid.preflight.PreflightEngine;
import dev.aivid.preflight.PreflightException;
import dev.aivid.preflight.PreflightJson;
import dev.aivid.preflight.PreflightReport;
import dev.aivid.preflight.PreflightRequest;
import dev.aivid.stack.Stack;
import dev.aivid.stack.StackService;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code POST /v1/stacks/preflight}: a stored stack ({@code stack_id}) or an inline one ({@code
 * prompt}, {@code entries}) checked against candidate models. Nothing is charged or stored.
 */
final class PreflightHandlers {
  static final int DEFAULT_SECONDS = 5;
  static final String DEFAULT_SIZE = "1280x720";

  private final PreflightEngine engine;
  private final AssetService assets;
  private final StackService stacks;
  private final AssetHandlers stackParser;
  private final ObjectMapper json;
  private final Responses responses;
  private final Function<Context, Principal> principals;

  PreflightHandlers(
      PreflightEngine engine,
      AssetService assets,
      StackService stacks,
      AssetHandlers stackParser,
      ObjectMapper json,
      Responses responses,
      Function<Context, Principal> principals) {
    this.engine = engine;
    this.assets = assets;
    this.stacks = stacks;
    this.stackParser = stackParser;
    this.json = json;
    this.responses = responses;
    this.principals = principals;
  }

  void preflight(Context context) {
    String organization = principals.apply(context).organizationId();
    JsonNode body = body(context);
    JsonNode stackId = body.get("stack_id");
    Stack stack;
    if (stackId != null && !stackId.isNull()) {
      if (!stackId.isTextual()) {
        throw new ApiException(400, "invalid_type", "stack_id", "stack_id must be a string");
      }
      if (body.hasNonNull("entries") || body.hasNonNull("prompt")) {
        throw new ApiException(
            400,
            "ambiguous_stack",
            "stack_id",
            "Send either stack_id or an inline stack (prompt and entries), not both");
      }
      String id = stackId.asText();
      stack =
          stacks
              .find(organization, id)
              .orElseThrow(() -> new ApiException(404, "stack_not_found", "stack_id", "No stack '" + id + "'"));
    } else {
      AssetHandlers.StackInput input = stackParser.stackInput(body);
      stack = stacks.build(organization, input.prompt(), input.entries());
    }
    PreflightRequest request =
        PreflightRequest.fromStack(stack, seconds(body), size(body), models(body), assets::content);
    PreflightReport report;
    try {
      report = engine.run(request);
    } catch (PreflightException e) {
      throw new ApiException(
          e.kind() == PreflightException.Kind.INVALID ? 400 : 422, e.code(), e.parameter(), e.getMessage());
    }
    responses.json(context, 200, PreflightJson.report(json, report, stack.id()));
  }

  private JsonNode body(Context context) {
    JsonNode body;
    try {
      body = json.readTree(context.bodyAsBytes());
    } catch (IOException e) {
      throw new ApiException(400, "invalid_json", null, "The request body is not valid JSON");
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "invalid_json", null, "The request body must be a JSON object");
    }
    return body;
  }

  /** A whole number (6 or 6.0), or a string holding one ("8", as OpenAI's seconds); 5 when absent. */
  private static int seconds(JsonNode body) {
    JsonNode node = body.get("seconds");
    if (node == null || node.isNull()) {
      return DEFAULT_SECONDS;
    }
    String text =
        node.isTextual()
            ? node.asText().strip()
            : node.isIntegralNumber()
                ? node.asText()
                : node.isNumber() && node.asDouble() == Math.rint(node.asDouble()) && Math.abs(node.asDouble()) < 1e9
                    ? Long.toString((long) node.asDouble())
                    : "";
    int seconds;
    try {
      seconds = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ApiException(
          400, "invalid_seconds", "seconds", "seconds must be a whole number of seconds, got " + node);
    }
    try {
      PreflightEngine.checkShot(seconds, new VideoSize(16, 16));
    } catch (PreflightException e) {
      throw new ApiException(400, e.code(), e.parameter(), e.getMessage());
    }
    return seconds;
  }

  private static VideoSize size(JsonNode body) {
    JsonNode node = body.get("size");
    if (node == null || node.isNull()) {
      return VideoSize.parse(DEFAULT_SIZE).orElseThrow();
    }
    if (!node.isTextual()) {
      throw new ApiException(400, "invalid_size", "size", "size must be a string like \"1280x720\"");
    }
    VideoSize size =
        VideoSize.parse(node.asText())
            .orElseThrow(
                () ->
                    new ApiException(
                        400, "invalid_size", "size", "size must look like 1280x720 (WIDTHxHEIGHT), got '" + node.asText() + "'"));
    try {
      PreflightEngine.checkShot(1, size);
    } catch (PreflightException e) {
      throw new ApiException(400, e.code(), e.parameter(), e.getMessage());
    }
    return size;
  }

  private static List<String> models(JsonNode body) {
    JsonNode node = body.get("models");
    List<String> models = new ArrayList<>();
    if (node == null || node.isNull()) {
      return models;
    }
    if (!node.isArray()) {
      throw new ApiException(400, "invalid_type", "models", "models must be an array of model ids");
    }
    for (int index = 0; index < node.size(); index++) {
      if (!node.get(index).isTextual() || node.get(index).asText().isBlank()) {
        throw new ApiException(
            400, "invalid_type", "models[" + index + "]", "models[" + index + "] must be a model id");
      }
      models.add(node.get(index).asText());
    }
    if (models.size() > 32) {
      throw new ApiException(400, "too_many_models", "models", "Name at most 32 models");
    }
    return models;
  }
}
