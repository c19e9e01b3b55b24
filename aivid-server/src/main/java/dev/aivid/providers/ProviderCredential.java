package dev.aivid.providers;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One organisation's secrets for one provider ({@code api_key}, or {@code access_key} and {@code
 * secret_key}, plus optional {@code base_url}, {@code region}…). Never printed: {@link #toString}
 * shows field names only.
 */
public final class ProviderCredential {
  private final String provider;
  private final Map<String, String> fields;

  public ProviderCredential(String provider, Map<String, String> fields) {
    this.provider = provider;
    this.fields = Map.copyOf(fields);
  }

  public String provider() {
    return provider;
  }

  public @Nullable String get(String field) {
    String value = fields.get(field);
    return value == null || value.isBlank() ? null : value;
  }

  public String getOrDefault(String field, String fallback) {
    String value = get(field);
    return value != null ? value : fallback;
  }

  public boolean has(String field) {
    return get(field) != null;
  }

  public Map<String, String> fields() {
    return fields;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProviderCredential that
        && provider.equals(that.provider)
        && fields.equals(that.fields);
  }

  @Override
  public int hashCode() {
    return provider.hashCode() * 31 + fields.hashCode();
  }

  @Override
  public String toString() {
    return "ProviderCredential[" + provider + ", fields=" + new TreeMap<>(fields).keySet() + "]";
  }
}
