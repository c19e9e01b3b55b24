package dev.aivid.media.camera;

import java.util.Optional;

/**
 * How a keyframe moves towards the next one. The curves are the cubic ones of easings.net; {@link #HOLD} keeps the
 * keyframe's values until the next keyframe's time and then jumps (a cut).
 */
public enum Easing {
  LINEAR("linear"),
  EASE_IN("ease_in"),
  EASE_OUT("ease_out"),
  EASE_IN_OUT("ease_in_out"),
  HOLD("hold");

  private final String jsonName;

  Easing(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  public static Optional<Easing> fromJsonName(String name) {
    for (Easing easing : values()) {
      if (easing.jsonName.equals(name)) {
        return Optional.of(easing);
      }
    }
    return Optional.empty();
  }

  /** Eased progress for linear progress {@code fraction} in 0..1; 0 maps to 0 and 1 to 1 (HOLD: only below 1 to 0). */
  public double apply(double fraction) {
    double clamped = Math.clamp(fraction, 0.0, 1.0);
    return switch (this) {
      case LINEAR -> clamped;
      case EASE_IN -> clamped * clamped * clamped;
      case EASE_OUT -> 1 - Math.pow(1 - clamped, 3);
      case EASE_IN_OUT -> clamped < 0.5 ? 4 * clamped * clamped * clamped : 1 - Math.pow(-2 * clamped + 2, 3) / 2;
      case HOLD -> clamped < 1 ? 0 : 1;
    };
  }
}
