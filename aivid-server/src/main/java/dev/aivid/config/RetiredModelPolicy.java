package dev.aivid.config;

import java.util.Locale;

/** A request for a retired model is served by its successor (with a header and a job note) or refused with 410. */
public enum RetiredModelPolicy {
  REROUTE,
  REJECT;

  public static RetiredModelPolicy parse(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "reroute" -> REROUTE;
      case "reject" -> REJECT;
      default ->
          throw new ConfigException(
              "invalid_retired_model_policy",
              "AIVID_RETIRED_MODEL_POLICY must be reroute or reject, got '" + text + "'");
    };
  }
}
