package dev.aivid.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.account.Principal;
import dev.aivid.api.internal.Responses;
import dev.aivid.api.internal.VideoRequestParser;
import dev.aivid.assets.Asset;
import dev.aivid.assets.AssetService;
import dev.aivid.assets.UploadResult;
import dev.aivid.stack.Mention;
import dev.aivid.stack.Stack;
import dev.aivid.stack.StackEntry;
import dev.aivid.stack.StackEntryRequest;
import dev.aivid.stack.StackException;
import dev.aivid.stack.StackService;
import io.javalin.http.Context;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Native endpoints for the director's input stack: assets and stacks. */
final class AssetHandlers {
  private static final int MAX_FIELD_BYTES = 4 * 1024;

  private final AssetService assets;
  private final StackService stacks;
  private final VideoRequestParser multipart;
  private final ObjectMapper json;
  private final Responses responses;
  private final long maxUploadBytes;
  private final Function<Context, Principal> principals;

  AssetHandlers(
      AssetService assets,
      StackService stacks,
      VideoRequestParser multipart,
      ObjectMapper json,
      Responses responses,
      long maxUploadBytes,
      Function<Context, Principal> principals) {
    this.assets = assets;
    this.stacks = stacks;
    this.multipart = multipart;
    this.json = json;
    this.responses = responses;
    this.maxUploadBytes = maxUploadBytes;
    this.principals = principals;
  }

  void upload(Context context) {
    Principal principal = principals.apply(context);
    if (!String.valueOf(context.contentType()).toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new ApiException(
          415, "multipart_required", "file", "Upload assets as multipart/form-data with a 'file' part");
    }
    multipart.guardLength(context, "file");
    Part file = null;
    String kind = null;
    String name = null;
    for (Part part : multipart.parts(context, "file")) {
      switch (part.getName()) {
        case "file" -> file = part;
        case "kind" -> kind = text(part);
        case "name" -> name = text(part);
        default -> {}
      }
    }
    if (file == null) {
      throw new ApiException(400, "missing_file", "file", "The multipart body needs a 'file' part");
    }
    UploadResult result;
    try (InputStream content = file.getInputStream()) {
      result =
          assets.upload(
              principal.organizationId(),
              content,
              kind,
              name != null ? name : file.getSubmittedFileName(),
              maxUploadBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode node = asset(result.asset());
    node.put("deduplicated", result.deduplicated());
    responses.json(context, result.deduplicated() ? 200 : 201, node);
  }

  void get(Context context) {
    responses.json(
        context, 200, asset(assets.get(principals.apply(context).organizationId(), context.pathParam("asset_id"))));
  }

  void content(Context context) {
    Asset asset = assets.get(principals.apply(context).organizationId(), context.pathParam("asset_id"));
    Path file = assets.content(asset);
    try {
      context.header("Cache-Control", "private, max-age=31536000, immutable");
      context.header("ETag", "\"" + asset.sha256() + "\"");
      context.header("X-Content-Type-Options", "nosniff");
      context.writeSeekableStream(Files.newInputStream(file), asset.contentType().mediaType(), asset.sizeBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void delete(Context context) {
    String id = context.pathParam("asset_id");
    assets.delete(principals.apply(context).organizationId(), id);
    responses.json(context, 200, json.createObjectNode().put("id", id).put("object", "asset.deleted").put("deleted", true));
  }

  void createStack(Context context) {
    StackInput input = stackInput(context);
    Stack stack = stacks.save(principals.apply(context).organizationId(), input.prompt(), input.entries());
    responses.json(context, 201, stack(stack));
  }

  /** The stack of a render request: {@code stack_id}, or an inline {@code stack} object. */
  /** A storyboard shot's stack: its own prompt over the board's shared entries. */
  Stack shotStack(Principal principal, String prompt, List<StackEntryRequest> entries) {
    return stacks.build(principal.organizationId(), prompt, entries);
  }

  Stack requestedStack(Principal principal, JsonNode body) {
    JsonNode id = body.get("stack_id");
    JsonNode inline = body.get("stack");
    boolean hasId = id != null && !id.isNull();
    boolean hasInline = inline != null && !inline.isNull();
    if (hasId == hasInline) {
      throw new ApiException(
          400, "stack_required", "stack", "Send exactly one of stack_id or an inline stack object");
    }
    if (hasId) {
      if (!id.isTextual()) {
        throw new ApiException(400, "invalid_type", "stack_id", "stack_id must be a string");
      }
      return stacks
          .find(principal.organizationId(), id.asText())
          .orElseThrow(() -> new ApiException(404, "stack_not_found", "stack_id", "No stack '" + id.asText() + "'"));
    }
    if (!inline.isObject()) {
      throw new ApiException(400, "invalid_type", "stack", "stack must be an object {prompt, entries}");
    }
    StackInput input = stackInput(inline);
    return stacks.build(principal.organizationId(), input.prompt(), input.entries());
  }

  void getStack(Context context) {
    String id = context.pathParam("stack_id");
    Stack stack =
        stacks
            .find(principals.apply(context).organizationId(), id)
            .orElseThrow(() -> new ApiException(404, "stack_not_found", "stack_id", "No stack '" + id + "'"));
    responses.json(context, 200, stack(stack));
  }

  /** Parses {@code {prompt, entries:[{kind, asset_id, name, value}]}}; typed fields validated. */
  StackInput stackInput(Context context) {
    JsonNode body;
    try {
      body = json.readTree(context.bodyAsBytes());
    } catch (IOException e) {
      throw new ApiException(400, "invalid_json", null, "The request body is not valid JSON");
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "invalid_json", null, "The request body must be a JSON object");
    }
    return stackInput(body);
  }

  StackInput stackInput(JsonNode body) {
    JsonNode prompt = body.get("prompt");
    if (prompt != null && !prompt.isNull() && !prompt.isTextual()) {
      throw new ApiException(400, "invalid_type", "prompt", "prompt must be a string");
    }
    JsonNode entries = body.get("entries");
    if (entries != null && !entries.isNull() && !entries.isArray()) {
      throw new ApiException(400, "invalid_type", "entries", "entries must be an array");
    }
    List<StackEntryRequest> requests = new ArrayList<>();
    if (entries != null && entries.isArray()) {
      if (entries.size() > 64) {
        throw new StackException("too_many_entries", "entries", "A stack holds at most 12 entries; this one has " + entries.size());
      }
      for (int index = 0; index < entries.size(); index++) {
        JsonNode entry = entries.get(index);
        String field = "entries[" + index + "]";
        if (!entry.isObject()) {
          throw new ApiException(400, "invalid_type", field, field + " must be an object");
        }
        JsonNode value = entry.get("value");
        if (value != null && !value.isNull() && !value.isNumber()) {
          throw new ApiException(400, "invalid_type", field + ".value", field + ".value must be a number");
        }
        requests.add(
            new StackEntryRequest(
                optionalText(entry, "kind", field),
                optionalText(entry, "asset_id", field),
                optionalText(entry, "name", field),
                value == null || value.isNull() ? null : value.asDouble()));
      }
    }
    return new StackInput(prompt == null || prompt.isNull() ? "" : prompt.asText(), requests);
  }

  private static @Nullable String optionalText(JsonNode entry, String name, String field) {
    JsonNode value = entry.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ApiException(400, "invalid_type", field + "." + name, field + "." + name + " must be a string");
    }
    return value.asText();
  }

  ObjectNode asset(Asset asset) {
    ObjectNode node = json.createObjectNode();
    node.put("id", asset.id());
    node.put("object", "asset");
    node.put("name", asset.name());
    node.put("format", asset.contentType().name().toLowerCase(Locale.ROOT));
    node.put("media_type", asset.contentType().mediaType());
    node.put("family", asset.contentType().family().name().toLowerCase(Locale.ROOT));
    node.put("size_bytes", asset.sizeBytes());
    node.put("sha256", asset.sha256());
    node.set("metadata", json.valueToTree(asset.metadata()));
    node.put("created_at", asset.createdAt().getEpochSecond());
    return node;
  }

  ObjectNode stack(Stack stack) {
    ObjectNode node = json.createObjectNode();
    node.put("id", stack.id());
    node.put("object", "stack");
    node.put("prompt", stack.prompt());
    ArrayNode entries = node.putArray("entries");
    for (StackEntry entry : stack.entries()) {
      ObjectNode item = entries.addObject();
      item.put("index", entry.index());
      item.put("kind", entry.kind().wireName());
      item.put("mention", entry.mention());
      item.put("name", entry.mentionName());
      if (entry.asset() != null) {
        item.put("asset_id", entry.asset().id());
        item.set("asset", asset(entry.asset()));
      }
      if (entry.value() != null) {
        item.put("value", entry.value());
      }
    }
    ArrayNode mentions = node.putArray("mentions");
    for (Mention mention : stack.mentions()) {
      mentions
          .addObject()
          .put("token", mention.token())
          .put("entry_index", mention.entryIndex())
          .put("role", mention.role())
          .put("start", mention.start())
          .put("end", mention.end());
    }
    if (stack.createdAt() != null) {
      node.put("created_at", stack.createdAt().getEpochSecond());
    }
    return node;
  }

  private static String text(Part part) {
    try (InputStream input = part.getInputStream()) {
      byte[] bytes = input.readNBytes(MAX_FIELD_BYTES + 1);
      if (bytes.length > MAX_FIELD_BYTES) {
        throw new ApiException(400, "field_too_large", part.getName(), part.getName() + " is too long");
      }
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  record StackInput(String prompt, List<StackEntryRequest> entries) {}
}
