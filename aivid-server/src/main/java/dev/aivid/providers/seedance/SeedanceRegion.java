package dev.aivid.providers.seedance;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where the account lives. BytePlus ModelArk (international) and Volcengine Ark (mainland China)
 * speak the same API, but name the same models differently.
 */
public enum SeedanceRegion {
  /** BytePlus ModelArk: {@code dreamina-seedance-2-0-260128}, {@code seedance-1-5-pro-251215}. */
  AP_SOUTHEAST("ap-southeast", URI.create("https://ark.ap-southeast.bytepluses.com/api/v3")),
  /** Volcengine Ark: {@code doubao-seedance-2-0-260128}, {@code doubao-seedance-1-5-pro-251215}. */
  CN_BEIJING("cn-beijing", URI.create("https://ark.cn-beijing.volces.com/api/v3"));

  private static final String BYTEPLUS_2_PREFIX = "dreamina-seedance-";
  private static final String VOLCENGINE_PREFIX = "doubao-seedance-";
  private static final String BARE_PREFIX = "seedance-";

  private final String wireName;
  private final URI defaultBaseUrl;

  SeedanceRegion(String wireName, URI defaultBaseUrl) {
    this.wireName = wireName;
    this.defaultBaseUrl = defaultBaseUrl;
  }

  public String wireName() {
    return wireName;
  }

  public URI defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /** The credential's {@code region} field; absent means BytePlus. */
  public static SeedanceRegion fromField(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return AP_SOUTHEAST;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "ap-southeast", "ap-southeast-1", "byteplus" -> AP_SOUTHEAST;
      case "cn-beijing", "cn", "volcengine" -> CN_BEIJING;
      default ->
          throw new IllegalArgumentException(
              "seedance region must be ap-southeast or cn-beijing, was " + value.strip());
    };
  }

  /**
   * The model id this region's API knows for the catalog's id. Volcengine prefixes every Seedance
   * id with {@code doubao-}; BytePlus prefixes 2.x ids with {@code dreamina-} and 1.x ids with
   * nothing. Ids that are not Seedance ids pass unchanged.
   */
  public String modelId(String providerModel) {
    String bare;
    if (providerModel.startsWith(BYTEPLUS_2_PREFIX)) {
      bare = providerModel.substring("dreamina-".length());
    } else if (providerModel.startsWith(VOLCENGINE_PREFIX)) {
      bare = providerModel.substring("doubao-".length());
    } else if (providerModel.startsWith(BARE_PREFIX)) {
      bare = providerModel;
    } else {
      return providerModel;
    }
    return switch (this) {
      case CN_BEIJING -> "doubao-" + bare;
      case AP_SOUTHEAST -> bare.startsWith("seedance-1-") ? bare : "dreamina-" + bare;
    };
  }
}
