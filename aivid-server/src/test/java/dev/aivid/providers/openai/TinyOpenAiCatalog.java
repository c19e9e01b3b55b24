package dev.aivid.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A catalog override (for {@code AIVID_CATALOG_FILE}) with one model of the shipped
 * OpenAI-compatible kind at 160x90 and one second only, for {@link FakeLatencyVideoServer}: a
 * thousand outputs stay cheap to download and check.
 */
public final class TinyOpenAiCatalog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TinyOpenAiCatalog() {}

  /** The model, to adjust before {@link #write}: id and provider model {@code id}. */
  public static ObjectNode model(String id, String name) {
    JsonNode shipped;
    try (InputStream in = TinyOpenAiCatalog.class.getResourceAsStream("/catalog.json")) {
      shipped = JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("The shipped catalog is unreadable", e);
    }
    ObjectNode model = null;
    for (JsonNode candidate : shipped.path("models")) {
      if (candidate.path("id").asText().equals("openai-compatible")) {
        model = ((ObjectNode) candidate).deepCopy();
      }
    }
    if (model == null) {
      throw new IllegalStateException("The shipped catalog has no openai-compatible model");
    }
    model.put("id", id);
    model.put("name", name);
    model.putArray("aliases");
    model.put("provider_model", id);
    ObjectNode seconds = model.putObject("seconds");
    seconds.putArray("allowed").add(1);
    seconds.put("default", 1);
    ObjectNode size = model.putObject("size");
    size.put("default", "160x90");
    size.putArray("allowed").add("160x90");
    return model;
  }

  /** Writes a catalog override holding just {@code model} to {@code file}. */
  public static Path write(Path file, ObjectNode model) throws IOException {
    ObjectNode override = JSON.createObjectNode();
    override.putArray("models").add(model);
    JSON.writeValue(file.toFile(), override);
    return file;
  }
}
