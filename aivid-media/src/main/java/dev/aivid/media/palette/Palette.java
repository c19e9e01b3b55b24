package dev.aivid.media.palette;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An ordered palette: listed palettes keep their order, image palettes are ordered by cluster size, largest first.
 *
 * @param name the palette's own name (JSON {@code name}, GPL {@code Name:}), if any
 */
public record Palette(PaletteFormat format, @Nullable String name, List<Swatch> swatches) {

  public static final int MAX_COLOURS = 64;

  public Palette {
    Objects.requireNonNull(format, "format");
    swatches = List.copyOf(Objects.requireNonNull(swatches, "swatches"));
    if (swatches.isEmpty() || swatches.size() > MAX_COLOURS) {
      throw new IllegalArgumentException("between 1 and " + MAX_COLOURS + " swatches required, got " + swatches.size());
    }
  }

  public List<Colour> colours() {
    return swatches.stream().map(Swatch::colour).toList();
  }
}
