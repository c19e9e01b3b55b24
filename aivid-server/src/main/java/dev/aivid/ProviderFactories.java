package dev.aivid;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.http.CircuitBreaker;
import dev.aivid.providers.http.HttpSettings;
import dev.aivid.providers.http.ProviderHttp;
import dev.aivid.providers.http.Sleeper;
import dev.aivid.providers.runway.RunwayProviderFactory;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;

/** Every provider adapter AIVid ships, each with its own HTTP client, timeouts and circuit breaker. */
final class ProviderFactories {
  private ProviderFactories() {}

  static List<ProviderFactory> all(ObjectMapper json, InstantSource clock, SecureRandom random) {
    return List.of(
        new RunwayProviderFactory(http("runway", clock, random), json, clock));
  }

  static ProviderHttp http(String provider, InstantSource clock, SecureRandom random) {
    return new ProviderHttp(
        provider,
        HttpSettings.defaults(),
        CircuitBreaker.defaults(clock),
        Sleeper.system(),
        new SplittableRandom(random.nextLong()),
        clock);
  }
}
