package dev.aivid.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A shot compiled into one provider's dialect: the request body (and the endpoint path it goes
 * to), plus the verdict on every control. Pure data, so golden tests can compare it.
 */
public record CompiledRequest(String path, ObjectNode body, List<ControlVerdict> verdicts) {
  public CompiledRequest {
    verdicts = List.copyOf(verdicts);
  }
}
