package dev.aivid.connections;

import dev.aivid.providers.http.CircuitState;
import java.util.List;

/**
 * One provider as an organisation sees it.
 *
 * @param source {@code builtin} (the local engine), {@code organization} (credentials posted by the
 *     organisation), {@code config} (deployment-wide from the environment) or {@code none}
 * @param fieldNames the credential's field names; values are never shown
 */
public record ProviderStatus(
    String provider,
    boolean configured,
    String source,
    List<String> fieldNames,
    List<List<String>> credentialShapes,
    List<String> optionalFields,
    CircuitState circuit) {
  public ProviderStatus {
    fieldNames = List.copyOf(fieldNames);
    credentialShapes = credentialShapes.stream().map(List::copyOf).toList();
    optionalFields = List.copyOf(optionalFields);
  }
}
