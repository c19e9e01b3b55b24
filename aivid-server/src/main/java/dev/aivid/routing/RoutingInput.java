package dev.aivid.routing;

import dev.aivid.preflight.PreflightReport;
import dev.aivid.providers.http.CircuitState;
import java.util.Map;
import java.util.Set;

/**
 * Everything one routing decision reads; gathered beforehand so that deciding does no I/O.
 *
 * @param routableProviders providers with credentials for this organisation (the local engine always)
 * @param health circuit state per provider
 * @param availableMicros what the organisation can still hold (pool and sub-budgets), micro-credits
 */
public record RoutingInput(
    PreflightReport preflight,
    RoutingPolicy policy,
    Set<String> routableProviders,
    Map<String, CircuitState> health,
    long availableMicros) {
  public RoutingInput {
    routableProviders = Set.copyOf(routableProviders);
    health = Map.copyOf(health);
  }
}
