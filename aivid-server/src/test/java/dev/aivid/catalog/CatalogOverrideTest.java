package dev.aivid.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AIVID_CATALOG_FILE: an operator's models replace the shipped ones by id, or are added. */
class CatalogOverrideTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anOverrideReplacesAModelByIdAddsNewOnesAndSetsTheVersion(@TempDir Path directory) throws IOException {
    Catalog shipped = Catalog.loadDefault(JSON);
    var kling = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.valueToTree(JSON.readTree(
        Catalog.class.getResourceAsStream("/catalog.json")).path("models").get(1));
    assertThat(kling.path("id").asText()).isEqualTo("kling-v3");
    kling.put("provider_model", "kling-v3-1");
    var upstream = kling.deepCopy().put("id", "kling-v3-eu").put("provider_model", "kling-v3");
    upstream.putArray("aliases");
    Path file = directory.resolve("catalog.json");
    Files.writeString(file, "{\"version\": 42, \"models\": [" + kling + "," + upstream + "]}");

    Catalog overridden = Catalog.load(JSON, file);

    assertThat(overridden.version()).isEqualTo(42);
    assertThat(overridden.models()).hasSize(shipped.models().size() + 1);
    assertThat(overridden.find("kling-v3").orElseThrow().providerModel()).isEqualTo("kling-v3-1");
    assertThat(overridden.find("kling-v3-eu").orElseThrow().provider()).isEqualTo("kling");
  }

  @Test
  void anUnreadableOrShapelessOverrideFailsAtStartupWithItsPath(@TempDir Path directory) throws IOException {
    Path garbage = directory.resolve("garbage.json");
    Files.writeString(garbage, "{not json");
    assertThatThrownBy(() -> Catalog.load(JSON, garbage))
        .isInstanceOfSatisfying(CatalogException.class, e -> assertThat(e.getMessage()).contains(garbage.toString()));
    Path shapeless = directory.resolve("shapeless.json");
    Files.writeString(shapeless, "{\"models\": {}}");
    assertThatThrownBy(() -> Catalog.load(JSON, shapeless)).isInstanceOf(CatalogException.class);
  }
}
