package dev.aivid.media.palette;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One colour of a palette.
 *
 * @param name the GIMP palette's colour name, if any
 * @param weight share of the palette, summing to 1: the cluster's share of sampled pixels for images, equal shares for
 *     listed colours
 */
public record Swatch(Colour colour, @Nullable String name, double weight) {

  public Swatch {
    Objects.requireNonNull(colour, "colour");
    if (!(weight > 0 && weight <= 1)) {
      throw new IllegalArgumentException("weight must be within 0..1, was " + weight);
    }
  }
}
