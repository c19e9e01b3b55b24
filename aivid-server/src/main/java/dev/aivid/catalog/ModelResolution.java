package dev.aivid.catalog;

import java.util.List;

/** What a requested model name turned out to be. */
public sealed interface ModelResolution {
  record Available(CatalogModel model) implements ModelResolution {}

  record Retired(CatalogModel model, Lifecycle.Retired lifecycle) implements ModelResolution {}

  record Unknown(String requested, List<String> available) implements ModelResolution {}
}
