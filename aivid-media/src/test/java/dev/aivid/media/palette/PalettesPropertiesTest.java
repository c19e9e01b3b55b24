package dev.aivid.media.palette;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aivid.media.MediaException;
import dev.aivid.media.TestMedia;
import dev.aivid.media.json.Mutations;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

class PalettesPropertiesTest {

  private static final Set<String> CODES = Set.of(
      PaletteErrors.SYNTAX, PaletteErrors.EMPTY, PaletteErrors.TOO_MANY_COLOURS, PaletteErrors.INVALID_COLOUR,
      "unsupported_image", "decode_failed");

  private static final List<byte[]> SEEDS = List.of(
      PalettesTest.resource("brand.json"),
      PalettesTest.resource("named.json"),
      PalettesTest.resource("sunset.gpl"),
      TestMedia.encode(TestMedia.picture(24, 16), "png"),
      TestMedia.encode(TestMedia.picture(24, 16), "jpeg"));

  @Property(tries = 300)
  void arbitraryBytesGiveAPaletteOrAMediaException(@ForAll @Size(max = 300) byte[] bytes) {
    assertPaletteOrMediaException(bytes);
  }

  @Property(tries = 1000)
  void mutatedPalettesGiveAPaletteOrAMediaException(@ForAll("mutated") byte[] bytes) {
    assertPaletteOrMediaException(bytes);
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return Mutations.of(SEEDS);
  }

  private static void assertPaletteOrMediaException(byte[] bytes) {
    String outcome = Mutations.withinTimeLimit(() -> {
      try {
        Palette palette = Palettes.read(bytes);
        assertThat(palette.swatches()).isNotEmpty().hasSizeLessThanOrEqualTo(Palette.MAX_COLOURS);
        assertThat(palette.swatches().stream().mapToDouble(Swatch::weight).sum()).isCloseTo(1.0, within(1e-9));
        return palette.format().name();
      } catch (MediaException expected) {
        assertThat(expected.code()).isIn(CODES);
        return expected.code();
      }
    });
    Statistics.label("outcome").collect(outcome);
  }
}
