package dev.aivid.media.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.media.MediaException;
import dev.aivid.media.TestMedia;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class ImagesPropertiesTest {

  private static final List<byte[]> VALID_IMAGES = List.of(
      TestMedia.encode(TestMedia.picture(40, 30), "png"),
      TestMedia.encode(TestMedia.picture(40, 30), "jpeg"),
      WebpFixtures.extendedHeader(40, 30),
      lossyWebpHeader(),
      losslessWebpHeader());

  @Property
  void sniffNeverThrowsAndProbeThrowsOnlyMediaExceptionForArbitraryBytes(@ForAll @Size(max = 80) byte[] bytes) {
    assertOnlyMediaExceptions(bytes);
  }

  @Property
  void sniffNeverThrowsAndProbeThrowsOnlyMediaExceptionForNoiseBehindAValidMagic(@ForAll("noiseBehindMagic") byte[] bytes) {
    assertOnlyMediaExceptions(bytes);
  }

  @Property
  void sniffNeverThrowsAndProbeThrowsOnlyMediaExceptionForMutatedValidHeaders(@ForAll("mutatedImages") byte[] bytes) {
    assertOnlyMediaExceptions(bytes);
  }

  @Provide
  Arbitrary<byte[]> noiseBehindMagic() {
    Arbitrary<byte[]> magic = Arbitraries.of(
        new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
        new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'},
        new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '},
        new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L'},
        new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X'});
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(60);
    return Combinators.combine(magic, noise).as(ImagesPropertiesTest::concatenate);
  }

  @Provide
  Arbitrary<byte[]> mutatedImages() {
    return Arbitraries.of(VALID_IMAGES).flatMap(image -> {
      Arbitrary<Integer> positions = Arbitraries.integers().between(0, image.length - 1);
      Arbitrary<List<Integer>> mutatedPositions = positions.list().ofMaxSize(6);
      Arbitrary<List<Byte>> mutatedValues = Arbitraries.bytes().list().ofSize(6);
      Arbitrary<Integer> keptLength = Arbitraries.integers().between(0, image.length);
      return Combinators.combine(mutatedPositions, mutatedValues, keptLength).as((where, what, length) -> {
        byte[] mutated = image.clone();
        for (int index = 0; index < where.size(); index++) {
          mutated[where.get(index)] = what.get(index);
        }
        return Arrays.copyOf(mutated, length);
      });
    });
  }

  private static void assertOnlyMediaExceptions(byte[] bytes) {
    Images.sniff(bytes);
    try {
      ImageInfo info = Images.probe(bytes);
      assertThat(info.width()).isPositive();
      assertThat(info.height()).isPositive();
    } catch (MediaException expected) {
      assertThat(expected.code()).isEqualTo("unsupported_image");
    }
  }

  private static byte[] lossyWebpHeader() {
    byte[] header = WebpFixtures.extendedHeader(40, 30);
    byte[] lossy = {'V', 'P', '8', ' ', 10, 0, 0, 0, 0x10, 0, 0, (byte) 0x9D, 0x01, 0x2A, 40, 0, 30, 0};
    System.arraycopy(lossy, 0, header, 12, lossy.length);
    return header;
  }

  private static byte[] losslessWebpHeader() {
    byte[] header = WebpFixtures.extendedHeader(40, 30);
    int bits = (40 - 1) | ((30 - 1) << 14);
    byte[] lossless = {'V', 'P', '8', 'L', 5, 0, 0, 0, 0x2F, (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)};
    System.arraycopy(lossless, 0, header, 12, lossless.length);
    return header;
  }

  private static byte[] concatenate(byte[] first, byte[] second) {
    byte[] joined = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }
}
