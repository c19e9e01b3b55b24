package dev.aivid.media.json;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of malformed inputs for the parser properties, and a guard against hangs. */
public final class Mutations {

  /** Tokens that tend to reach deeper parser states than random bytes do. */
  private static final List<String> TOKENS = List.of(
      "NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1e-400", "[", "]", "{", "}", ",", ":", "\"", "\\", "\\u",
      "\\ud800", "null", "true", "-", "0.", "-0", "1e", "999999999999999999999", "-1", "0", "180", "\u0000", "\u00e9",
      "\"time\":", "\"fov\":", "\"matrix\":", "GIMP Palette\n", "255 0 0\n", "#", "#fff", "\r\n", "    ");

  private Mutations() {}

  private record Edit(int kind, double where, double length, byte value, String token) {}

  /**
   * One to four random edits (overwrite, delete, duplicate, insert token, truncate) of one of the seeds; each edit
   * grows the input by at most 64 bytes, so inputs stay bounded.
   */
  public static Arbitrary<byte[]> of(List<byte[]> seeds) {
    Arbitrary<Edit> edit = Combinators.combine(
            Arbitraries.integers().between(0, 4),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.bytes(),
            Arbitraries.of(TOKENS))
        .as(Edit::new);
    return Combinators.combine(Arbitraries.of(seeds), edit.list().ofMinSize(1).ofMaxSize(4))
        .as(Mutations::apply);
  }

  private static byte[] apply(byte[] seed, List<Edit> edits) {
    byte[] bytes = seed.clone();
    for (Edit edit : edits) {
      int at = (int) (edit.where() * bytes.length);
      int span = Math.min(bytes.length - at, 1 + (int) (edit.length() * 64));
      bytes = switch (edit.kind()) {
        case 0 -> overwrite(bytes, at, edit.value());
        case 1 -> splice(bytes, at, span, new byte[0]);
        case 2 -> splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + Math.max(0, span)));
        case 3 -> splice(bytes, at, 0, edit.token().getBytes(StandardCharsets.UTF_8));
        default -> Arrays.copyOf(bytes, at);
      };
    }
    return bytes;
  }

  private static byte[] overwrite(byte[] bytes, int at, byte value) {
    if (at < bytes.length) {
      bytes[at] = value;
    }
    return bytes;
  }

  private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
    int start = Math.min(at, bytes.length);
    int end = Math.min(bytes.length, start + removed);
    byte[] result = new byte[bytes.length - (end - start) + inserted.length];
    System.arraycopy(bytes, 0, result, 0, start);
    System.arraycopy(inserted, 0, result, start, inserted.length);
    System.arraycopy(bytes, end, result, start + inserted.length, bytes.length - end);
    return result;
  }

  /** Runs {@code action}, failing if it takes longer than five seconds (a hang), and returns its result. */
  public static <T> T withinTimeLimit(Supplier<T> action) {
    return assertTimeoutPreemptively(Duration.ofSeconds(5), action::get);
  }
}
