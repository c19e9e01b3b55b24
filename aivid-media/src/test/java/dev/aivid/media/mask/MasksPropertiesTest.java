package dev.aivid.media.mask;

import static dev.aivid.media.TestMedia.encode;
import static org.assertj.core.api.Assertions.assertThat;

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

class MasksPropertiesTest {

  private static final Set<String> CODES = Set.of(MaskErrors.NOT_GREYSCALE, MaskErrors.SIZE_MISMATCH, "unsupported_image", "decode_failed");

  private static final List<byte[]> SEEDS = List.of(
      encode(MaskFixtures.grey(32, 16, (x, y) -> x * 8), "png"),
      encode(MaskFixtures.grey16(32, 16, (x, y) -> x * 2000 + y), "png"),
      encode(MaskFixtures.greyAsRgb(32, 16, (x, y) -> y * 16), "jpeg"),
      encode(TestMedia.picture(32, 16), "png"));

  @Property(tries = 300)
  void arbitraryBytesGiveAGridOrAMediaException(@ForAll @Size(max = 300) byte[] bytes) {
    assertGridOrMediaException(bytes);
  }

  @Property(tries = 1000)
  void mutatedImagesGiveAGridOrAMediaException(@ForAll("mutated") byte[] bytes) {
    assertGridOrMediaException(bytes);
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return Mutations.of(SEEDS);
  }

  private static void assertGridOrMediaException(byte[] bytes) {
    String mask = Mutations.withinTimeLimit(() -> {
      try {
        assertThat(Masks.readMask(bytes, 64, 32).coverage()).isBetween(0.0, 1.0);
        return "accepted";
      } catch (MediaException expected) {
        assertThat(expected.code()).isIn(CODES);
        return expected.code();
      }
    });
    String depth = Mutations.withinTimeLimit(() -> {
      try {
        DepthMap map = Masks.readDepth(bytes, 32, 16);
        assertThat(map.minimum()).isBetween(0.0, map.maximum());
        assertThat(map.mean()).isBetween(map.minimum() - 1e-6, map.maximum() + 1e-6);
        return "accepted";
      } catch (MediaException expected) {
        assertThat(expected.code()).isIn(CODES);
        return expected.code();
      }
    });
    Statistics.label("mask").collect(mask);
    Statistics.label("depth").collect(depth);
  }
}
