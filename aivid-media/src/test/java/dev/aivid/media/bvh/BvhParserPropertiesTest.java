package dev.aivid.media.bvh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.aivid.media.MediaException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the bytes, parsing either succeeds or throws {@link MediaException}, quickly; and whatever parses can be
 * posed, analysed and retimed without any exception.
 */
class BvhParserPropertiesTest {

  private static final Duration TIME_LIMIT = Duration.ofSeconds(10);
  private static final List<byte[]> VALID_FILES = List.of(
      BvhTestFiles.bytes(BvhTestFiles.TWO_JOINTS),
      BvhTestFiles.bytes(BvhTestFiles.GRAMMAR_FEATURES),
      BvhTestFiles.bytes(BvhTestFiles.TWO_ROOTS),
      SyntheticClips.walkThenJump().getBytes(StandardCharsets.US_ASCII),
      BvhTestFiles.firstFrames(BvhTestFiles.text(BvhTestFiles.CMU_WALK), 12).getBytes(StandardCharsets.US_ASCII));

  @Property
  void randomBytesParseOrFailWithMediaException(@ForAll @Size(max = 2_000) byte[] bytes) {
    assertParsesOrFailsCleanly(bytes);
  }

  @Property
  void randomTextAfterAValidStartParsesOrFailsWithMediaException(@ForAll("noiseAfterHeader") byte[] bytes) {
    assertParsesOrFailsCleanly(bytes);
  }

  @Property
  void mutatedBytesOfValidFilesParseOrFailWithMediaException(@ForAll("byteMutations") byte[] bytes) {
    assertParsesOrFailsCleanly(bytes);
  }

  @Property
  void validFilesWithTokensDeletedOrRepeatedParseOrFailWithMediaException(@ForAll("tokenMutations") byte[] bytes) {
    assertParsesOrFailsCleanly(bytes);
  }

  @Property
  void decimalNumbersParseExactlyAsJavaDoes(@ForAll("decimalTexts") String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

    assertThat(DecimalParser.parse(bytes, 0, bytes.length)).isEqualTo(Double.parseDouble(text));
  }

  @Provide
  Arbitrary<byte[]> noiseAfterHeader() {
    Arbitrary<String> header = Arbitraries.of(
        "HIERARCHY\nROOT A\n{\n", "HIERARCHY\nROOT A\n{\nOFFSET 0 0 0\nCHANNELS ",
        "HIERARCHY\nROOT A\n{\nOFFSET 0 0 0\nCHANNELS 1 Xrotation\n}\nMOTION\nFrames: ",
        "HIERARCHY\nROOT A\n{\nOFFSET 0 0 0\nCHANNELS 2 Xrotation Yrotation\n}\nMOTION\nFrames: 3\nFrame Time: 0.1\n");
    Arbitrary<String> noise = Arbitraries.strings()
        .withChars("0123456789.-+eE {}\n\r\tnaifNAIF#:")
        .withChars("ROOTJOINTEndSiteOFFSETCHANNELSXYZpositionrotationMOTIONFramesTime")
        .ofMaxLength(300);
    return Combinators.combine(header, noise).as((start, rest) -> (start + rest).getBytes(StandardCharsets.US_ASCII));
  }

  @Provide
  Arbitrary<byte[]> byteMutations() {
    return Arbitraries.of(VALID_FILES).flatMap(file -> {
      Arbitrary<List<Integer>> positions = Arbitraries.integers().between(0, file.length - 1).list().ofMaxSize(8);
      Arbitrary<List<Byte>> replacements = Arbitraries.of(
          (byte) '0', (byte) '9', (byte) '-', (byte) '.', (byte) 'e', (byte) ' ', (byte) '\n', (byte) '\r',
          (byte) '{', (byte) '}', (byte) 'N', (byte) 0, (byte) 0xFF, (byte) 'X').list().ofSize(8);
      // Half of the mutants keep their full length, the others are also truncated.
      Arbitrary<Integer> keptLength = Arbitraries.frequencyOf(
          Tuple.of(1, Arbitraries.just(file.length)), Tuple.of(1, Arbitraries.integers().between(0, file.length)));
      return Combinators.combine(positions, replacements, keptLength).as((where, what, length) -> {
        byte[] mutated = file.clone();
        for (int index = 0; index < where.size(); index++) {
          mutated[where.get(index)] = what.get(index);
        }
        return Arrays.copyOf(mutated, length);
      });
    });
  }

  @Provide
  Arbitrary<byte[]> tokenMutations() {
    return Arbitraries.of(VALID_FILES).flatMap(file -> {
      List<String> tokens = tokensWithSeparators(new String(file, StandardCharsets.US_ASCII));
      Arbitrary<List<Integer>> deleted = Arbitraries.integers().between(0, tokens.size() - 1).list().ofMaxSize(3);
      Arbitrary<List<Integer>> repeated = Arbitraries.integers().between(0, tokens.size() - 1).list().ofMaxSize(3);
      return Combinators.combine(deleted, repeated).as((deletions, repeats) -> {
        var text = new StringBuilder();
        for (int index = 0; index < tokens.size(); index++) {
          if (repeats.contains(index)) {
            text.append(tokens.get(index));
          }
          if (!deletions.contains(index)) {
            text.append(tokens.get(index));
          }
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
      });
    });
  }

  @Provide
  Arbitrary<String> decimalTexts() {
    Arbitrary<String> formatted = Arbitraries.doubles()
        .between(-1e6, 1e6)
        .flatMap(value -> Arbitraries.of("%.1f", "%.4f", "%.6f", "%.9f", "%.17g", "%e", "%.3E")
            .map(format -> String.format(Locale.ROOT, format, value)));
    Arbitrary<String> extreme = Arbitraries.doubles().map(value -> Double.toString(value))
        .filter(text -> !text.contains("Infinity") && !text.contains("NaN"));
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(30)
        .flatMap(whole -> Arbitraries.strings().numeric().ofMaxLength(30).map(fraction -> whole + "." + fraction));
    return Arbitraries.oneOf(formatted, extreme, digits);
  }

  /** Each token keeps the whitespace that follows it, so joining them restores the file. */
  private static List<String> tokensWithSeparators(String text) {
    var tokens = new ArrayList<String>();
    int start = 0;
    int index = 0;
    while (index < text.length()) {
      while (index < text.length() && !Character.isWhitespace(text.charAt(index))) {
        index++;
      }
      while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
        index++;
      }
      tokens.add(text.substring(start, index));
      start = index;
    }
    return tokens;
  }

  private static void assertParsesOrFailsCleanly(byte[] bytes) {
    String outcome = assertTimeoutPreemptively(TIME_LIMIT, () -> parseAndUse(bytes));
    // Collected on the jqwik thread; shows how many mutants still parse and which errors the rest hit.
    Statistics.label("outcome").collect(outcome);
  }

  /** The error code, or "parsed" after posing, analysing and retiming what parsed. */
  private static String parseAndUse(byte[] bytes) {
    BvhClip clip;
    try {
      clip = BvhParser.parse(bytes);
    } catch (MediaException expected) {
      assertThat(expected.code()).startsWith("bvh_");
      assertThat(expected.getMessage()).isNotBlank();
      return expected.code();
    }
    BvhAnalysis analysis = BvhAnalysis.of(clip);
    assertThat(analysis.frameCount()).isEqualTo(clip.motion().frameCount());
    if (clip.motion().frameCount() > 0) {
      double[] positions = new BvhForwardKinematics(clip.skeleton()).positions(clip.motion(), 0);
      assertThat(positions).hasSize(3 * clip.skeleton().pointCount());
    }
    if (clip.motion().durationSeconds() <= 60) {
      assertThat(clip.framesAt(24).positions().pointCount()).isEqualTo(clip.skeleton().pointCount());
    }
    return "parsed";
  }
}
