package dev.aivid.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aivid.support.Http;
import dev.aivid.support.TestServers;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

  @Test
  void theServedOpenApiDocumentDescribesExactlyTheRoutesTheServerHas() {
    var app = TestServers.shared();
    JsonNode document = new Http("http://localhost:" + app.port(), null).get("/openapi.json").json();
    assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");

    Set<String> documented = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              method -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(method)) {
                  documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
              });
    }
    Set<String> served = new HashSet<>();
    app.api().routes().forEach(route -> served.add(route.method().name() + " " + route.openApiPath()));

    assertThat(documented).isEqualTo(served);
  }

  @Test
  void everyProtectedRouteDocumentsItsUnauthorisedResponse() {
    var app = TestServers.shared();
    JsonNode paths =
        new Http("http://localhost:" + app.port(), null).get("/openapi.json").json().path("paths");
    for (Route route : app.api().routes()) {
      JsonNode operation =
          paths.path(route.openApiPath()).path(route.method().name().toLowerCase(Locale.ROOT));
      if (route.access() != Route.Access.PUBLIC) {
        assertThat(operation.path("responses").has("401")).as(route.toString()).isTrue();
      }
    }
  }
}
