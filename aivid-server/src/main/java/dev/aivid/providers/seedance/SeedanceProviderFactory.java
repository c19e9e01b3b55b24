package dev.aivid.providers.seedance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.http.ProviderHttp;
import java.time.InstantSource;
import dev.aivid.providers.callbacks.CallbackNotice;
import java.util.List;
import java.util.Optional;

/**
 * Seedance adapters for BytePlus ModelArk ({@code region} ap-southeast, the default) and
 * Volcengine Ark ({@code region} cn-beijing). Credential: {@code api_key}; optional {@code region},
 * {@code base_url} (the whole API base, e.g. {@code https://ark.ap-southeast.bytepluses.com/api/v3};
 * the region still picks the model ids) and {@code endpoint_id} (an {@code ep-…} id sent as the
 * model).
 */
public final class SeedanceProviderFactory implements ProviderFactory {
  private final ProviderHttp http;
  private final ObjectMapper json;

  /** The clock is part of every factory's signature; Ark's answers need none here. */
  public SeedanceProviderFactory(ProviderHttp http, ObjectMapper json, InstantSource clock) {
    this.http = http;
    this.json = json;
  }

  @Override
  public String name() {
    return SeedanceProvider.NAME;
  }

  @Override
  public List<List<String>> credentialShapes() {
    return List.of(List.of("api_key"));
  }

  @Override
  public List<String> optionalFields() {
    return List.of("region", "base_url", "endpoint_id");
  }

  @Override
  public Optional<CallbackNotice> readCallback(byte[] body) {
    return SeedanceCallbackBody.read(json, body);
  }

  /** @throws IllegalArgumentException for a malformed credential (unknown region, bad URL) */
  @Override
  public VideoProvider create(ProviderCredential credential) {
    return new SeedanceProvider(http, json, SeedanceConnection.from(credential));
  }

  @Override
  public ProviderHttp http() {
    return http;
  }
}
