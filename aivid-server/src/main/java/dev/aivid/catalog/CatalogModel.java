package dev.aivid.catalog;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One model in the catalog, as data.
 *
 * @param displayName what people call it ("Kling 3.0"); the id when the catalog gives no name
 * @param capabilities how the model treats each kind of stack input, and its input limit
 * @param quality benchmark scores, null when there are none (local previz)
 * @param preflightRules the artifact rules this model is checked against, thresholds included
 * @param providerModel the model id on the provider's wire ({@code dreamina-seedance-2-0-260128})
 * @param features camera control, native audio and extend support
 */
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
    long holdTimeoutSeconds,
    String displayName,
    Capabilities capabilities,
    @Nullable QualityScores quality,
    List<PreflightRuleConfig> preflightRules,
    String providerModel,
    ModelFeatures features) {
  public CatalogModel {
    aliases = List.copyOf(aliases);
    preflightRules = List.copyOf(preflightRules);
    if (id.isBlank() || provider.isBlank()) {
      throw new IllegalArgumentException("a model needs an id and a provider");
    }
  }

  /** A model described only by the fields the catalog had before capabilities existed. */
  public CatalogModel(
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
    this(
        id,
        aliases,
        provider,
        ownedBy,
        createdUnixSeconds,
        description,
        lifecycle,
        seconds,
        size,
        pricing,
        holdTimeoutSeconds,
        id,
        Capabilities.unknown(),
        null,
        List.of(),
        id,
        ModelFeatures.none());
  }
}
