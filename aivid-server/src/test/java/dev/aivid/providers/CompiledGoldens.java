package dev.aivid.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aivid.providers.ControlVerdict.Fidelity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Golden files of compiled provider requests: {@code golden/<provider>/<name>.json} holds the path,
 * the body and every verdict. Run with {@code -Dgolden.update=true} to rewrite them from the
 * compilers' output, then review the diff: the goldens are the spec.
 */
public final class CompiledGoldens {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CompiledGoldens() {}

  public static Map<String, Fidelity> fidelities(CompiledRequest compiled) {
    Map<String, Fidelity> byControl = new LinkedHashMap<>();
    compiled.verdicts().forEach(verdict -> byControl.put(verdict.control(), verdict.fidelity()));
    return byControl;
  }

  public static ObjectNode snapshot(CompiledRequest compiled) {
    ObjectNode actual = JSON.createObjectNode();
    actual.put("path", compiled.path());
    actual.set("body", compiled.body());
    ArrayNode verdicts = actual.putArray("verdicts");
    for (ControlVerdict verdict : compiled.verdicts()) {
      verdicts
          .addObject()
          .put("control", verdict.control())
          .put("fidelity", verdict.fidelity().wireName())
          .put("detail", verdict.detail());
    }
    return actual;
  }

  public static void assertMatches(String provider, String name, CompiledRequest compiled) {
    String resource = "/golden/" + provider + "/" + name + ".json";
    try {
      // Through text, so numbers compare by value (an int read back vs a long put in).
      JsonNode actual = JSON.readTree(JSON.writeValueAsString(snapshot(compiled)));
      if (Boolean.getBoolean("golden.update")) {
        Path file = Path.of("src/test/resources" + resource);
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(actual) + "\n");
        return;
      }
      try (InputStream in = CompiledGoldens.class.getResourceAsStream(resource)) {
        assertThat(in).as("golden file %s (run with -Dgolden.update=true to write it, then review)", resource).isNotNull();
        assertThat(actual).as("%s; actual:%n%s", resource, JSON.writeValueAsString(actual)).isEqualTo(JSON.readTree(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
