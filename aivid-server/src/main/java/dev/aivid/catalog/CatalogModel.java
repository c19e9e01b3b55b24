package dev.aivid.catalog;

import java.util.List;

/** One model in the catalog, as data. */
public record CatalogModel(
    String id,
    List<String> aliases,
    String provider,
    String ownedBy,
    long createdUnixSeconds,
    String description,
    Lifecycle lifecycle,
    SecondsRule seconds,
    SizeRule size,
    Pricing pricing,
    long holdTimeoutSeconds) {
  public CatalogModel {
    aliases = List.copyOf(aliases);
    if (id.isBlank() || provider.isBlank()) {
      throw new IllegalArgumentException("a model needs an id and a provider");
    }
  }
}
