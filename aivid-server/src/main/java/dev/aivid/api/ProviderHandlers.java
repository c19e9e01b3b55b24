package dev.aivid.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.account.Principal;
import dev.aivid.api.internal.Responses;
import dev.aivid.connections.ProviderConnections;
import dev.aivid.connections.ProviderStatus;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Provider connections: list them with their state, and write or delete an organisation's
 * credentials. Credential values go in and never come out; responses name the fields only.
 */
final class ProviderHandlers {
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final ProviderConnections connections;
  private final ObjectMapper json;
  private final Responses responses;
  private final Function<Context, Principal> principals;

  ProviderHandlers(
      ProviderConnections connections, ObjectMapper json, Responses responses, Function<Context, Principal> principals) {
    this.connections = connections;
    this.json = json;
    this.responses = responses;
    this.principals = principals;
  }

  void list(Context context) {
    ObjectNode node = json.createObjectNode();
    node.put("object", "list");
    ArrayNode data = node.putArray("data");
    for (ProviderStatus status : connections.list(principals.apply(context).organizationId())) {
      data.add(status(status));
    }
    responses.json(context, 200, node);
  }

  void get(Context context) {
    responses.json(
        context, 200, status(connections.status(principals.apply(context).organizationId(), context.pathParam("provider"))));
  }

  void saveCredentials(Context context) {
    Principal principal = principals.apply(context);
    String provider = context.pathParam("provider");
    byte[] bytes = context.bodyAsBytes();
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiException(413, "request_too_large", null, "A credential body must be at most 64 KiB");
    }
    JsonNode body;
    try {
      body = json.readTree(bytes);
    } catch (IOException e) {
      throw new ApiException(400, "invalid_json", null, "The body must be a JSON object of credential fields");
    }
    if (body == null || !body.isObject()) {
      throw new ApiException(400, "invalid_json", null, "The body must be a JSON object of credential fields");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!field.getValue().isTextual()) {
        throw new ApiException(400, "invalid_type", field.getKey(), field.getKey() + " must be a string");
      }
      fields.put(field.getKey(), field.getValue().asText());
    }
    responses.json(context, 200, status(connections.save(principal.organizationId(), provider, fields)));
  }

  void deleteCredentials(Context context) {
    Principal principal = principals.apply(context);
    String provider = context.pathParam("provider");
    connections.delete(principal.organizationId(), provider);
    responses.json(context, 200, status(connections.status(principal.organizationId(), provider)));
  }

  private ObjectNode status(ProviderStatus status) {
    ObjectNode node = json.createObjectNode();
    node.put("provider", status.provider());
    node.put("object", "provider");
    node.put("configured", status.configured());
    node.put("source", status.source());
    ArrayNode fields = node.putArray("credential_fields");
    status.fieldNames().forEach(fields::add);
    ArrayNode shapes = node.putArray("credential_shapes");
    status.credentialShapes().forEach(shape -> shape.forEach(shapes.addArray()::add));
    ArrayNode optional = node.putArray("optional_fields");
    status.optionalFields().forEach(optional::add);
    node.put("circuit", status.circuit().wireName());
    return node;
  }
}
