package dev.aivid.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Provider settings from the environment.
 *
 * @param secretKeyBase64 {@code AIVID_SECRET_KEY}: 32 bytes, base64, that seal provider credentials
 *     at rest; null means a random key kept in the data directory (file {@code secret-key}, 0600)
 * @param credentials deployment-wide provider credentials, {@code AIVID_PROVIDER_<NAME>_<FIELD>}
 *     (e.g. {@code AIVID_PROVIDER_KLING_API_KEY}), by provider then field, lower case
 * @param retiredModelPolicy {@code AIVID_RETIRED_MODEL_POLICY}: what a request for a retired model
 *     gets
 * @param catalogFile {@code AIVID_CATALOG_FILE}: a catalog document whose models replace or add to
 *     the shipped catalog's, by id
 * @param allowPrivateBaseUrls {@code AIVID_ALLOW_PRIVATE_PROVIDER_URLS}: whether an organisation may
 *     point a provider's {@code base_url} at a loopback, private or link-local address (off: an
 *     organisation admin must not make the server call into its own network)
 * @param callbacks where providers call back, and how often a render that will be called back is
 *     still polled
 */
public record ProviderConfig(
    @Nullable String secretKeyBase64,
    Map<String, Map<String, String>> credentials,
    RetiredModelPolicy retiredModelPolicy,
    @Nullable Path catalogFile,
    boolean allowPrivateBaseUrls,
    CallbackConfig callbacks) {
  public static final String CREDENTIAL_PREFIX = "AIVID_PROVIDER_";

  public ProviderConfig(
      @Nullable String secretKeyBase64,
      Map<String, Map<String, String>> credentials,
      RetiredModelPolicy retiredModelPolicy,
      @Nullable Path catalogFile,
      boolean allowPrivateBaseUrls) {
    this(secretKeyBase64, credentials, retiredModelPolicy, catalogFile, allowPrivateBaseUrls, CallbackConfig.defaults());
  }

  public ProviderConfig {
    Map<String, Map<String, String>> copy = new TreeMap<>();
    credentials.forEach((provider, fields) -> copy.put(provider, Map.copyOf(fields)));
    credentials = Map.copyOf(copy);
  }

  public static ProviderConfig defaults() {
    return new ProviderConfig(null, Map.of(), RetiredModelPolicy.REROUTE, null, false);
  }

  static ProviderConfig fromEnvironment(Map<String, String> environment) {
    Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : environment.entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(CREDENTIAL_PREFIX) || entry.getValue().isBlank() || JobLimits.isLimitKey(key)) {
        continue;
      }
      String rest = key.substring(CREDENTIAL_PREFIX.length());
      int separator = rest.indexOf('_');
      if (separator <= 0 || separator == rest.length() - 1) {
        throw new ConfigException(
            "invalid_provider_key",
            key + " must look like AIVID_PROVIDER_<NAME>_<FIELD>, e.g. AIVID_PROVIDER_KLING_API_KEY");
      }
      String provider = rest.substring(0, separator).toLowerCase(Locale.ROOT);
      String field = rest.substring(separator + 1).toLowerCase(Locale.ROOT);
      credentials.computeIfAbsent(provider, name -> new LinkedHashMap<>()).put(field, entry.getValue().strip());
    }
    String policy = environment.getOrDefault("AIVID_RETIRED_MODEL_POLICY", "reroute");
    String catalog = environment.get("AIVID_CATALOG_FILE");
    String secret = environment.get("AIVID_SECRET_KEY");
    return new ProviderConfig(
        secret == null || secret.isBlank() ? null : secret.strip(),
        credentials,
        RetiredModelPolicy.parse(policy),
        catalog == null || catalog.isBlank() ? null : Path.of(catalog.strip()),
        Boolean.parseBoolean(environment.getOrDefault("AIVID_ALLOW_PRIVATE_PROVIDER_URLS", "false")),
        CallbackConfig.fromEnvironment(environment));
  }

  public ProviderConfig withCredential(String provider, Map<String, String> fields) {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>(credentials);
    copy.put(provider, fields);
    return new ProviderConfig(secretKeyBase64, copy, retiredModelPolicy, catalogFile, allowPrivateBaseUrls, callbacks);
  }

  public ProviderConfig withRetiredModelPolicy(RetiredModelPolicy policy) {
    return new ProviderConfig(secretKeyBase64, credentials, policy, catalogFile, allowPrivateBaseUrls, callbacks);
  }

  public ProviderConfig withPrivateBaseUrls(boolean allowed) {
    return new ProviderConfig(secretKeyBase64, credentials, retiredModelPolicy, catalogFile, allowed, callbacks);
  }

  public ProviderConfig withCallbacks(CallbackConfig newCallbacks) {
    return new ProviderConfig(secretKeyBase64, credentials, retiredModelPolicy, catalogFile, allowPrivateBaseUrls, newCallbacks);
  }

  /** Field names only: values are secrets. */
  @Override
  public String toString() {
    Map<String, Object> names = new TreeMap<>();
    credentials.forEach((provider, fields) -> names.put(provider, new TreeMap<>(fields).keySet()));
    return "ProviderConfig[secretKey=" + (secretKeyBase64 == null ? "generated" : "set")
        + ", credentials=" + names + ", retiredModelPolicy=" + retiredModelPolicy
        + ", catalogFile=" + catalogFile + ", allowPrivateBaseUrls=" + allowPrivateBaseUrls
        + ", callbacks=" + callbacks + "]";
  }
}
