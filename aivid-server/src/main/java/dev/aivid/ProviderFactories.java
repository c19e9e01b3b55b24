package dev.aivid;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.http.CircuitBreaker;
import dev.aivid.providers.http.HttpSettings;
import dev.aivid.providers.http.ProviderHttp;
import dev.aivid.providers.http.Sleeper;
import dev.aivid.providers.kling.KlingProviderFactory;
import dev.aivid.providers.openai.OpenAiProviderFactory;
import dev.aivid.providers.runway.RunwayProviderFactory;
import dev.aivid.providers.seedance.SeedanceProviderFactory;
import dev.aivid.providers.veo.VeoProviderFactory;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;

/** Every provider adapter AIVid ships, each with its own HTTP client, timeouts and circuit breaker. */
final class ProviderFactories {
  private ProviderFactories() {}

  static List<ProviderFactory> all(ObjectMapper json, InstantSource clock, SecureRandom random) {
    return List.of(
        new KlingProviderFactory(http("kling", HttpSettings.defaults(), clock, random), json, clock),
        new OpenAiProviderFactory(http("openai", HttpSettings.defaults(), clock, random), json, clock),
        new SeedanceProviderFactory(http("seedance", HttpSettings.defaults(), clock, random), json, clock),
        new RunwayProviderFactory(http("runway", HttpSettings.defaults(), clock, random), json, clock),
        new VeoProviderFactory(http("veo", VEO_SETTINGS, clock, random), json, clock));
  }

  /** Vertex AI returns the finished video inline (base64) in the operation unless storage_uri is set. */
  private static final HttpSettings VEO_SETTINGS = new HttpSettings(5_000, 60_000, 600_000, 3, 250, 4_000, 5_000, 96L * 1024 * 1024);

  static ProviderHttp http(String provider, HttpSettings settings, InstantSource clock, SecureRandom random) {
    return new ProviderHttp(
        provider,
        settings,
        CircuitBreaker.defaults(clock),
        Sleeper.system(),
        new SplittableRandom(random.nextLong()),
        clock);
  }
}
