package dev.aivid.media.bvh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.aivid.media.MediaException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class BvhParserErrorTest {

  private static final String TWO_JOINTS = BvhTestFiles.text(BvhTestFiles.TWO_JOINTS);
  private static final String ONE_CHANNEL = "HIERARCHY\nROOT A\n{\nOFFSET 0 0 0\nCHANNELS 1 Xrotation\n}\nMOTION\n";

  @Test
  void rejectsInputThatIsNotBvh() {
    assertRejected("", BvhErrorCodes.SYNTAX).hasMessageContaining("not a BVH file");
    assertRejected("hello world", BvhErrorCodes.SYNTAX).hasMessage("line 1: not a BVH file: expected HIERARCHY, found 'hello'");
    assertRejected("{\"json\": true}", BvhErrorCodes.SYNTAX);
  }

  @Test
  void rejectsBinaryGarbage() {
    var random = new Random(42);
    for (int attempt = 0; attempt < 200; attempt++) {
      var garbage = new byte[random.nextInt(4096)];
      random.nextBytes(garbage);
      assertThatThrownBy(() -> BvhParser.parse(garbage)).isInstanceOf(MediaException.class);
    }
  }

  @Test
  void rejectsAFileCutInsideTheHierarchy() {
    String cut = TWO_JOINTS.substring(0, TWO_JOINTS.indexOf("End Site"));

    assertRejected(cut, BvhErrorCodes.TRUNCATED).hasMessageContaining("inside 'Spine'");
  }

  @Test
  void rejectsAFileCutBeforeTheFrameTime() {
    String cut = TWO_JOINTS.substring(0, TWO_JOINTS.indexOf("Frame Time"));

    assertRejected(cut, BvhErrorCodes.TRUNCATED);
  }

  @Test
  void rejectsAFileCutInsideAFrameLine() {
    String cut = TWO_JOINTS.substring(0, TWO_JOINTS.length() - 6);

    assertRejected(cut, BvhErrorCodes.TRUNCATED).hasMessageContaining("inside frame 3 of 4");
  }

  @Test
  void rejectsAFileWithFewerFrameLinesThanDeclared() {
    String cut = TWO_JOINTS.substring(0, TWO_JOINTS.indexOf("0 0 0 90 90"));

    assertRejected(cut, BvhErrorCodes.TRUNCATED).hasMessageContaining("after 3 of 4 frames");
  }

  @Test
  void rejectsAFrameLineWithTooFewValuesNamingTheLine() {
    String shortLine = TWO_JOINTS.replace("1 2 3 90 0 0 0 0 0", "1 2 3 90 0 0 0 0");

    assertRejected(shortLine, BvhErrorCodes.TOO_FEW_VALUES)
        .hasMessage("line 20: frame 1 has 8 values, the skeleton has 9 channels");
  }

  @Test
  void rejectsAFrameLineWithTooManyValues() {
    String longLine = TWO_JOINTS.replace("1 2 3 90 0 0 0 0 0", "1 2 3 90 0 0 0 0 0 7");

    assertRejected(longLine, BvhErrorCodes.TOO_MANY_VALUES).hasMessageStartingWith("line 20:");
  }

  @Test
  void rejectsNanAndInfinityInEverySpelling() {
    for (String notANumber : new String[] {"NaN", "nan", "-nan(ind)", "inf", "-Infinity", "1.#INF", "-1.#IND", "1.#QNAN"}) {
      assertRejected(TWO_JOINTS.replace("1 2 3 90", "1 2 " + notANumber + " 90"), BvhErrorCodes.NOT_A_NUMBER)
          .hasMessageStartingWith("line 20:");
    }
    assertRejected(TWO_JOINTS.replace("OFFSET 0 10 0", "OFFSET 0 NaN 0"), BvhErrorCodes.NOT_A_NUMBER)
        .hasMessageStartingWith("line 8:");
    assertRejected(TWO_JOINTS.replace("Frame Time: 0.0333333", "Frame Time: nan"), BvhErrorCodes.NOT_A_NUMBER);
  }

  @Test
  void rejectsNumbersOutsideTheFloatRange() {
    assertRejected(TWO_JOINTS.replace("1 2 3 90", "1 2 1e39 90"), BvhErrorCodes.NOT_A_NUMBER);
    assertRejected(TWO_JOINTS.replace("OFFSET 0 10 0", "OFFSET 0 1e400 0"), BvhErrorCodes.NOT_A_NUMBER);
  }

  @Test
  void rejectsMalformedNumbers() {
    for (String malformed : new String[] {"1,5", "--1", "1e", "1e+", ".", "-", "0x10", "1.2.3", "12abc"}) {
      assertRejected(TWO_JOINTS.replace("1 2 3 90", "1 2 " + malformed + " 90"), BvhErrorCodes.SYNTAX)
          .hasMessageStartingWith("line 20: expected a channel value");
    }
  }

  @Test
  void rejectsGrammarViolationsWithTheirLine() {
    assertRejected(TWO_JOINTS.replace("Xrotation Yrotation\n  JOINT", "Xrotation Wrotation\n  JOINT"),
        BvhErrorCodes.SYNTAX).hasMessage("line 5: unknown channel 'Wrotation'");
    assertRejected(TWO_JOINTS.replace("JOINT Spine\n  {", "JOINT Spine\n  OFFSET"), BvhErrorCodes.SYNTAX)
        .hasMessage("line 7: expected '{', found 'OFFSET'");
    assertRejected(TWO_JOINTS.replace("    OFFSET 0 10 0\n", ""), BvhErrorCodes.SYNTAX)
        .hasMessageContaining("CHANNELS must come once, after OFFSET");
    assertRejected(TWO_JOINTS.replace("OFFSET 0 0 5", "OFFSET 0 0 5\n CHANNELS 1 Xrotation"), BvhErrorCodes.SYNTAX)
        .hasMessageContaining("CHANNELS inside an End Site");
    assertRejected(TWO_JOINTS.replace("JOINT Spine", "BONE Spine"), BvhErrorCodes.SYNTAX)
        .hasMessage("line 6: unexpected 'BONE' inside 'Hips'");
    assertRejected(TWO_JOINTS.replace("JOINT Spine", "JOINT"), BvhErrorCodes.SYNTAX)
        .hasMessageContaining("a joint without a name");
    assertRejected(TWO_JOINTS.replace("End Site", "End Point"), BvhErrorCodes.SYNTAX);
    assertRejected(TWO_JOINTS.replace("ROOT Hips", "ROOT Hips\n}"), BvhErrorCodes.SYNTAX);
    assertRejected(TWO_JOINTS.replace("Frames: 4", "Frames: four"), BvhErrorCodes.SYNTAX);
    assertRejected(TWO_JOINTS.replace("Frames: 4", "Frames: -4"), BvhErrorCodes.SYNTAX);
    assertRejected(TWO_JOINTS.replace("Frames: 4", "Frame: 4"), BvhErrorCodes.SYNTAX);
    assertRejected(TWO_JOINTS.replace("HIERARCHY\nROOT Hips", "HIERARCHY\nJOINT Hips"), BvhErrorCodes.SYNTAX);
    assertRejected("HIERARCHY\nMOTION\nFrames: 0\nFrame Time: 1\n", BvhErrorCodes.SYNTAX)
        .hasMessageContaining("MOTION before any ROOT");
  }

  @Test
  void rejectsContentAfterTheDeclaredFrames() {
    assertRejected(TWO_JOINTS + "0 0 0 0 0 0 0 0 0\n", BvhErrorCodes.SYNTAX)
        .hasMessage("line 23: unexpected '0' after the 4 declared frames");
    assertRejected(ONE_CHANNEL + "Frames: 0\nFrame Time: 0.1\n5\n", BvhErrorCodes.SYNTAX);
  }

  @Test
  void rejectsInvalidFrameTimes() {
    for (String frameTime : new String[] {"0", "-0.0333", "0.000001", "61", "1e9"}) {
      assertRejected(ONE_CHANNEL + "Frames: 1\nFrame Time: " + frameTime + "\n5\n", BvhErrorCodes.INVALID_FRAME_TIME)
          .hasMessageStartingWith("line 9:");
    }
  }

  @Test
  void acceptsTheDepthLimitAndRejectsOneLevelMore() {
    assertThat(BvhTestFiles.parse(nestedJoints(BvhParser.MAX_DEPTH)).skeleton().jointCount())
        .isEqualTo(BvhParser.MAX_DEPTH);

    assertRejected(nestedJoints(BvhParser.MAX_DEPTH + 1), BvhErrorCodes.TOO_DEEP);
  }

  @Test
  void rejectsAnAbsurdlyDeepHierarchyQuicklyWithoutRecursion() {
    String deep = nestedJoints(200_000);

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertRejected(deep, BvhErrorCodes.TOO_DEEP));
  }

  @Test
  void acceptsTheJointLimitAndRejectsOneJointMore() {
    assertThat(BvhTestFiles.parse(siblingJoints(BvhParser.MAX_JOINTS - 1)).skeleton().jointCount())
        .isEqualTo(BvhParser.MAX_JOINTS);

    assertRejected(siblingJoints(BvhParser.MAX_JOINTS), BvhErrorCodes.TOO_MANY_JOINTS);
  }

  @Test
  void rejectsTooManyChannelsForOneJointWithoutAllocatingThem() {
    assertRejected(TWO_JOINTS.replace("CHANNELS 3 Zrotation", "CHANNELS 17 Zrotation"), BvhErrorCodes.TOO_MANY_CHANNELS);
    assertRejected(TWO_JOINTS.replace("CHANNELS 3 Zrotation", "CHANNELS 99999999999999999999 Zrotation"),
        BvhErrorCodes.TOO_MANY_CHANNELS);
  }

  @Test
  void rejectsTenMillionDeclaredFramesFastAndWithoutAllocating() {
    byte[] tenMillionFrames = (ONE_CHANNEL + "Frames: 10000000\nFrame Time: 0.01\n1\n2\n")
        .getBytes(StandardCharsets.US_ASCII);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    BvhParser.parse(BvhTestFiles.bytes(BvhTestFiles.TWO_JOINTS));

    long before = threads.getCurrentThreadAllocatedBytes();
    long started = System.nanoTime();
    assertThatThrownBy(() -> BvhParser.parse(tenMillionFrames))
        .isInstanceOf(MediaException.class)
        .extracting(failure -> ((MediaException) failure).code())
        .isEqualTo(BvhErrorCodes.TOO_MANY_FRAMES);
    long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - before;
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(allocatedBytes).as("bytes allocated while rejecting").isLessThan(1_000_000);
    assertThat(elapsedMillis).isLessThan(1_000);
  }

  @Test
  void rejectsManyFramesOfManyStaticJointsBeforePosingCouldTakeLong() {
    String thousandJoints = siblingJoints(BvhParser.MAX_JOINTS - 1);

    assertRejected(thousandJoints.replace("Frames: 1", "Frames: 50001"), BvhErrorCodes.TOO_MANY_FRAMES)
        .hasMessageContaining("50001 of 1000 joints");
    assertThat(BvhTestFiles.parse(thousandJoints.replace("Frames: 1", "Frames: 50000")).motion().frameCount())
        .isEqualTo(50_000);
  }

  @Test
  void aSmallFileDeclaringManyFramesAllocatesOnlyWhatItsBytesCouldHold() {
    byte[] claim = (TWO_JOINTS.replace("Frames: 4", "Frames: 999999")).getBytes(StandardCharsets.US_ASCII);
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> BvhParser.parse(claim))
        .isInstanceOf(MediaException.class)
        .extracting(failure -> ((MediaException) failure).code())
        .isEqualTo(BvhErrorCodes.TRUNCATED);
    long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - before;

    // 999,999 frames x 9 channels x 4 bytes would be 36 MB.
    assertThat(allocatedBytes).isLessThan(1_000_000);
  }

  @Test
  void rejectsInputOverTheByteLimit() {
    byte[] bytes = BvhTestFiles.bytes(BvhTestFiles.TWO_JOINTS);

    assertThatThrownBy(() -> BvhParser.parse(new ByteArrayInputStream(bytes), bytes.length - 1))
        .isInstanceOf(MediaException.class)
        .extracting(failure -> ((MediaException) failure).code())
        .isEqualTo(BvhErrorCodes.TOO_LARGE);
    assertThatThrownBy(() -> BvhParser.parse(new byte[(int) BvhParser.DEFAULT_MAX_BYTES + 1]))
        .isInstanceOf(MediaException.class)
        .extracting(failure -> ((MediaException) failure).code())
        .isEqualTo(BvhErrorCodes.TOO_LARGE);
  }

  @Test
  void stopsReadingAnEndlessStreamAtTheLimit() {
    InputStream endless = new InputStream() {
      @Override
      public int read() {
        return ' ';
      }
    };

    assertThatThrownBy(() -> BvhParser.parse(endless, 1 << 20))
        .isInstanceOf(MediaException.class)
        .extracting(failure -> ((MediaException) failure).code())
        .isEqualTo(BvhErrorCodes.TOO_LARGE);
  }

  @Test
  void reportsAFailingStreamAsReadFailed() {
    InputStream failing = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk on fire");
      }
    };

    assertThatThrownBy(() -> BvhParser.parse(failing, 100))
        .isInstanceOf(MediaException.class)
        .hasMessageContaining("disk on fire")
        .extracting(failure -> ((MediaException) failure).code())
        .isEqualTo(BvhErrorCodes.READ_FAILED);
  }

  @Test
  void rejectsANonsensicalByteLimitAsAProgrammingError() {
    var input = new ByteArrayInputStream(new byte[0]);

    assertThatThrownBy(() -> BvhParser.parse(input, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BvhParser.parse(input, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
  }

  /** {@code levels} joints, each inside the previous one, with one channel each. */
  static String nestedJoints(int levels) {
    var text = new StringBuilder("HIERARCHY\nROOT J0\n{\nOFFSET 0 1 0\nCHANNELS 1 Zrotation\n");
    for (int level = 1; level < levels; level++) {
      text.append("JOINT J").append(level).append("\n{\nOFFSET 0 1 0\nCHANNELS 1 Zrotation\n");
    }
    text.append("}\n".repeat(levels));
    text.append("MOTION\nFrames: 1\nFrame Time: 0.1\n").append("5 ".repeat(levels)).append('\n');
    return text.toString();
  }

  /** A root with {@code children} child joints side by side, no channels. */
  static String siblingJoints(int children) {
    var text = new StringBuilder("HIERARCHY\nROOT Root\n{\nOFFSET 0 0 0\n");
    for (int child = 0; child < children; child++) {
      text.append("JOINT C").append(child).append(" {\nOFFSET 1 0 0\n}\n");
    }
    return text.append("}\nMOTION\nFrames: 1\nFrame Time: 0.1\n").toString();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String text, String code) {
    return assertThatThrownBy(() -> BvhTestFiles.parse(text))
        .isInstanceOf(MediaException.class)
        .satisfies(failure -> assertThat(((MediaException) failure).code()).isEqualTo(code));
  }
}
