package dev.aivid.catalog;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a model treats one kind of stack input: honoured as given, approximated (and how), or
 * dropped (and why). {@code max} caps how many entries of the kind the model takes; null means no
 * limit of its own (the model's {@code max_inputs} still applies).
 */
public record InputSupport(Treatment treatment, String detail, @Nullable Integer max) {
  public enum Treatment {
    HONOURED,
    APPROXIMATED,
    DROPPED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Treatment> fromWireName(String value) {
      for (Treatment treatment : values()) {
        if (treatment.wireName().equals(value)) {
          return Optional.of(treatment);
        }
      }
      return Optional.empty();
    }
  }

  public InputSupport {
    if (max != null && max < 0) {
      throw new IllegalArgumentException("max must not be negative");
    }
  }

  /** What the catalog says when it says nothing about a kind. */
  public static InputSupport unknown(String kind) {
    return new InputSupport(
        Treatment.DROPPED, "the catalog does not say how this model treats " + kind.replace('_', ' '), 0);
  }
}
