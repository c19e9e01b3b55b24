package dev.aivid.media.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aivid.media.MediaException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class BoundedJsonReaderPropertiesTest {

  private static final JsonLimits LIMITS = new JsonLimits(64 * 1024, 16, 1024, 10_000);
  private static final List<byte[]> VALID = List.of(
      utf8("{\"version\": 1, \"keyframes\": [{\"time\": 0.5, \"position\": [1, -2e3, 3.25], \"fov\": 50}]}"),
      utf8("[\"#ff8800\", \"#08f\", \"\\u00e9\\ud83c\\udfa5\", null, true, false, {\"a\": [[[]]]}]"),
      utf8("  {\"nested\": {\"deeper\": {\"deepest\": [1, 2, {\"x\": \"y\"}]}}, \"n\": -0.0e-0}  "));

  @Property(tries = 500)
  void arbitraryBytesGiveAValueOrAMediaException(@ForAll @Size(max = 200) byte[] bytes) {
    assertValueOrMediaException(bytes);
  }

  @Property(tries = 500)
  void jsonLookingTextGivesAValueOrAMediaException(@ForAll("jsonAlphabet") String text) {
    assertValueOrMediaException(utf8(text));
  }

  @Property(tries = 500)
  void mutatedDocumentsGiveAValueOrAMediaException(@ForAll("mutated") byte[] bytes) {
    assertValueOrMediaException(bytes);
  }

  @Provide
  Arbitrary<String> jsonAlphabet() {
    return Arbitraries.strings().withChars("{}[]\":,.-+eE0123456789 \n\\utrfalsnNIy").ofMaxLength(120);
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return Mutations.of(VALID);
  }

  private static void assertValueOrMediaException(byte[] bytes) {
    Mutations.withinTimeLimit(() -> {
      try {
        assertThat(BoundedJsonReader.read(bytes, LIMITS, "fuzz")).isNotNull();
      } catch (MediaException expected) {
        assertThat(expected.code()).isEqualTo("fuzz");
        assertThat(expected.getMessage()).isNotBlank();
      }
      return null;
    });
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
