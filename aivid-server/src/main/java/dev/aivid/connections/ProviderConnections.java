package dev.aivid.connections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.config.ConfigException;
import dev.aivid.config.ProviderConfig;
import dev.aivid.connections.internal.CredentialCipher;
import dev.aivid.connections.internal.CredentialRepository;
import dev.aivid.providers.ProviderCredential;
import dev.aivid.providers.ProviderFactory;
import dev.aivid.providers.VideoProvider;
import dev.aivid.providers.http.CircuitState;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which providers an organisation can use and the adapter that speaks for it. An organisation's own
 * credential (sealed with AES-GCM) wins over the deployment's from the environment; the local engine
 * needs none. A credential written here is usable by the next request on any node: nothing is cached
 * but the adapters themselves, keyed by the credential they were made for.
 */
public final class ProviderConnections {
  public static final String LOCAL = "local";
  private static final int MAX_FIELD_CHARACTERS = 8_192;
  private static final int MAX_CACHED_ADAPTERS = 1_024;

  private final Map<String, ProviderFactory> factories;
  private final VideoProvider local;
  private final ProviderConfig config;
  private final CredentialRepository repository;
  private final CredentialCipher cipher;
  private final ObjectMapper json;
  private final InstantSource clock;
  private final Map<ProviderCredential, VideoProvider> adapters = new ConcurrentHashMap<>();

  public ProviderConnections(
      List<ProviderFactory> factories,
      VideoProvider local,
      ProviderConfig config,
      CredentialRepository repository,
      CredentialCipher cipher,
      ObjectMapper json,
      InstantSource clock) {
    Map<String, ProviderFactory> byName = new LinkedHashMap<>();
    factories.forEach(factory -> byName.put(factory.name(), factory));
    this.factories = Map.copyOf(byName);
    this.local = local;
    this.config = config;
    this.repository = repository;
    this.cipher = cipher;
    this.json = json;
    this.clock = clock;
    config.credentials().forEach(this::checkConfigured);
  }

  private void checkConfigured(String provider, Map<String, String> fields) {
    ProviderFactory factory = factories.get(provider);
    if (factory == null) {
      throw new ConfigException(
          "unknown_provider",
          "AIVID_PROVIDER_" + provider.toUpperCase(java.util.Locale.ROOT) + "_* names no provider; known: " + factories.keySet());
    }
    try {
      validate(factory, fields);
    } catch (ConnectionException e) {
      throw new ConfigException(
          "invalid_provider_credential",
          "AIVID_PROVIDER_" + provider.toUpperCase(java.util.Locale.ROOT) + "_*: " + e.getMessage());
    }
  }

  public List<String> providerNames() {
    List<String> names = new ArrayList<>();
    names.add(LOCAL);
    names.addAll(new TreeMap<>(factories).keySet());
    return names;
  }

  /** Providers whose models can be routed for this organisation now. */
  public Set<String> routableProviders(String organizationId) {
    Set<String> routable = new LinkedHashSet<>();
    routable.add(LOCAL);
    routable.addAll(config.credentials().keySet());
    repository.list(organizationId).forEach(stored -> routable.add(stored.provider()));
    routable.retainAll(providerNames());
    return routable;
  }

  public Map<String, CircuitState> health() {
    Map<String, CircuitState> health = new LinkedHashMap<>();
    health.put(LOCAL, CircuitState.CLOSED);
    factories.forEach((name, factory) -> health.put(name, factory.http().breaker().state()));
    return health;
  }

  public List<ProviderStatus> list(String organizationId) {
    Map<String, CredentialRepository.StoredCredential> stored = new LinkedHashMap<>();
    repository.list(organizationId).forEach(credential -> stored.put(credential.provider(), credential));
    List<ProviderStatus> statuses = new ArrayList<>();
    statuses.add(new ProviderStatus(LOCAL, true, "builtin", List.of(), List.of(), List.of(), CircuitState.CLOSED));
    for (String name : new TreeMap<>(factories).keySet()) {
      statuses.add(status(name, stored.get(name)));
    }
    return statuses;
  }

  public ProviderStatus status(String organizationId, String provider) {
    if (provider.equals(LOCAL)) {
      return list(organizationId).getFirst();
    }
    factory(provider);
    return status(provider, repository.find(organizationId, provider).orElse(null));
  }

  private ProviderStatus status(String name, CredentialRepository.@org.jspecify.annotations.Nullable StoredCredential stored) {
    ProviderFactory factory = factories.get(name);
    Map<String, String> configured = config.credentials().get(name);
    String source = stored != null ? "organization" : configured != null ? "config" : "none";
    List<String> fields =
        stored != null
            ? stored.fieldNames()
            : configured != null ? List.copyOf(new TreeMap<>(configured).keySet()) : List.of();
    return new ProviderStatus(
        name,
        !source.equals("none"),
        source,
        fields,
        factory.credentialShapes(),
        factory.optionalFields(),
        factory.http().breaker().state());
  }

  /** Seals and stores the organisation's credential for the provider, replacing any earlier one. */
  public ProviderStatus save(String organizationId, String provider, Map<String, String> fields) {
    ProviderFactory factory = factory(provider);
    Map<String, String> clean = validate(factory, fields);
    String baseUrl = clean.get("base_url");
    if (baseUrl != null && !config.allowPrivateBaseUrls()) {
      requirePublic(baseUrl);
    }
    byte[] plaintext;
    try {
      plaintext = json.writeValueAsBytes(clean);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
    CredentialCipher.Sealed sealed = cipher.seal(plaintext, associatedData(organizationId, provider));
    java.util.Arrays.fill(plaintext, (byte) 0);
    repository.upsert(organizationId, provider, List.copyOf(new TreeMap<>(clean).keySet()), sealed, clock.instant());
    return status(organizationId, provider);
  }

  public void delete(String organizationId, String provider) {
    factory(provider);
    if (!repository.delete(organizationId, provider)) {
      throw new ConnectionException(
          ConnectionException.Kind.NOT_FOUND,
          "credential_not_found",
          "provider",
          "This organisation has no credential for provider '" + provider + "'");
    }
  }

  /** The adapter for this organisation, or empty when the provider has no credential. */
  public Optional<VideoProvider> adapter(String organizationId, String provider) {
    if (provider.equals(LOCAL)) {
      return Optional.of(local);
    }
    ProviderFactory factory = factories.get(provider);
    if (factory == null) {
      return Optional.empty();
    }
    Optional<ProviderCredential> credential = credential(organizationId, provider);
    if (credential.isEmpty()) {
      return Optional.empty();
    }
    if (adapters.size() > MAX_CACHED_ADAPTERS) {
      adapters.clear();
    }
    return Optional.of(adapters.computeIfAbsent(credential.get(), factory::create));
  }

  /** The local engine, for jobs that must stay on the node that renders them. */
  public VideoProvider local() {
    return local;
  }

  private Optional<ProviderCredential> credential(String organizationId, String provider) {
    Optional<CredentialRepository.StoredCredential> stored = repository.find(organizationId, provider);
    if (stored.isPresent()) {
      byte[] plaintext = cipher.open(stored.get().sealed(), associatedData(organizationId, provider));
      try {
        Map<String, String> fields = json.readValue(plaintext, new TypeReference<Map<String, String>>() {});
        return Optional.of(new ProviderCredential(provider, fields));
      } catch (java.io.IOException e) {
        throw new ConnectionException(
            ConnectionException.Kind.BROKEN, "credential_unreadable", null, "a stored credential is not readable");
      } finally {
        java.util.Arrays.fill(plaintext, (byte) 0);
      }
    }
    Map<String, String> configured = config.credentials().get(provider);
    return configured == null ? Optional.empty() : Optional.of(new ProviderCredential(provider, configured));
  }

  private ProviderFactory factory(String provider) {
    ProviderFactory factory = factories.get(provider);
    if (factory == null) {
      throw new ConnectionException(
          ConnectionException.Kind.NOT_FOUND,
          "unknown_provider",
          "provider",
          "Unknown provider '" + provider + "'; known: " + new TreeMap<>(factories).keySet()
              + (provider.equals(LOCAL) ? " (the local engine needs no credential)" : ""));
    }
    return factory;
  }

  private static Map<String, String> validate(ProviderFactory factory, Map<String, String> fields) {
    Set<String> known = new LinkedHashSet<>(factory.optionalFields());
    factory.credentialShapes().forEach(known::addAll);
    Map<String, String> clean = new TreeMap<>();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (!known.contains(field.getKey())) {
        throw new ConnectionException(
            ConnectionException.Kind.INVALID,
            "unknown_credential_field",
            field.getKey(),
            "Provider '" + factory.name() + "' takes no field '" + field.getKey() + "'; fields: " + known);
      }
      String value = field.getValue() == null ? "" : field.getValue().strip();
      if (value.isEmpty() || value.length() > MAX_FIELD_CHARACTERS) {
        throw new ConnectionException(
            ConnectionException.Kind.INVALID,
            "invalid_credential_field",
            field.getKey(),
            field.getKey() + " must be a non-empty string of at most " + MAX_FIELD_CHARACTERS + " characters");
      }
      if (field.getKey().equals("base_url") && !(value.startsWith("https://") || value.startsWith("http://"))) {
        throw new ConnectionException(
            ConnectionException.Kind.INVALID, "invalid_credential_field", "base_url", "base_url must be an http(s) URL");
      }
      clean.put(field.getKey(), value);
    }
    boolean complete =
        factory.credentialShapes().stream().anyMatch(shape -> clean.keySet().containsAll(shape));
    if (!complete) {
      throw new ConnectionException(
          ConnectionException.Kind.INVALID,
          "incomplete_credential",
          "fields",
          "Provider '" + factory.name() + "' needs one of these field sets: " + factory.credentialShapes());
    }
    return clean;
  }

  /**
   * An organisation's base_url must name a public host: otherwise any organisation admin could make
   * the server send requests into its own network. Checked when written; the address is resolved
   * again when called, so this does not stop DNS rebinding on its own.
   */
  private static void requirePublic(String baseUrl) {
    String host;
    try {
      host = java.net.URI.create(baseUrl).getHost();
    } catch (IllegalArgumentException e) {
      host = null;
    }
    if (host == null || host.isBlank()) {
      throw new ConnectionException(
          ConnectionException.Kind.INVALID, "invalid_credential_field", "base_url", "base_url must be an absolute http(s) URL with a host");
    }
    java.net.InetAddress[] addresses;
    try {
      addresses = java.net.InetAddress.getAllByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new ConnectionException(
          ConnectionException.Kind.INVALID, "unresolvable_base_url", "base_url", "base_url host '" + host + "' does not resolve");
    }
    for (java.net.InetAddress address : addresses) {
      if (!dev.aivid.fetch.AddressPolicy.publicOnly().allows(address)) {
        throw new ConnectionException(
            ConnectionException.Kind.INVALID,
            "private_base_url",
            "base_url",
            "base_url resolves to a non-public address (" + address.getHostAddress() + "); an operator can allow that with"
                + " AIVID_ALLOW_PRIVATE_PROVIDER_URLS=true");
      }
    }
  }

  private static String associatedData(String organizationId, String provider) {
    return new String((organizationId + "\u0000" + provider).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
