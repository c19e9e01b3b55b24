package dev.aivid.media.bvh;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Scratch measurement, not a test: parse, pose, analyse and retime a synthetic 60-joint, 100,000-frame file.
 * Run with {@code java -Xmx3g -cp target/classes:target/test-classes dev.aivid.media.bvh.BvhThroughputMeasurement}.
 */
public final class BvhThroughputMeasurement {

  private static final int JOINTS = 60;
  private static final int FRAMES = 100_000;
  private static final int ROUNDS = 4;

  private BvhThroughputMeasurement() {}

  public static void main(String[] arguments) {
    byte[] file = syntheticFile();
    double megabytes = file.length / 1e6;
    System.out.printf(Locale.ROOT, "file: %d joints, %d frames, %d channels, %.1f MB%n",
        JOINTS, FRAMES, 6 + 3 * (JOINTS - 1), megabytes);
    BvhClip clip = null;
    for (int round = 1; round <= ROUNDS; round++) {
      long started = System.nanoTime();
      clip = BvhParser.parse(new ByteArrayInputStream(file), 1L << 30);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(Locale.ROOT, "parse   round %d: %.2f s = %,.0f frames/s, %.0f MB/s%n",
          round, seconds, FRAMES / seconds, megabytes / seconds);
    }
    var kinematics = new BvhForwardKinematics(clip.skeleton());
    var positions = new double[3 * clip.skeleton().pointCount()];
    var rotations = new double[9 * clip.skeleton().jointCount()];
    for (int round = 1; round <= ROUNDS; round++) {
      long started = System.nanoTime();
      for (int frame = 0; frame < FRAMES; frame++) {
        kinematics.pose(clip.motion(), frame, positions, rotations);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(Locale.ROOT, "pose    round %d: %.2f s = %,.0f frames/s%n", round, seconds, FRAMES / seconds);
    }
    for (int round = 1; round <= 2; round++) {
      long started = System.nanoTime();
      BvhAnalysis analysis = BvhAnalysis.of(clip);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(Locale.ROOT, "analyse round %d: %.2f s = %,.0f frames/s (%d landings)%n",
          round, seconds, FRAMES / seconds, analysis.landings().size());
    }
    for (int round = 1; round <= 2; round++) {
      long started = System.nanoTime();
      BvhFrames frames = clip.framesAt(30);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf(Locale.ROOT, "retime to 30 fps round %d: %.2f s for %d output frames%n",
          round, seconds, frames.motion().frameCount());
    }
  }

  /** A root with chains of ten joints, CMU-like number formatting ("-12.3456"), 120 fps. */
  private static byte[] syntheticFile() {
    var text = new StringBuilder("HIERARCHY\nROOT Hips\n{\n\tOFFSET 0.00 0.00 0.00\n")
        .append("\tCHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation\n");
    int chainLength = 0;
    for (int joint = 1; joint < JOINTS; joint++) {
      text.append("JOINT Joint").append(joint).append("\n{\n\tOFFSET 0.0000 1.5000 0.2500\n")
          .append("\tCHANNELS 3 Zrotation Xrotation Yrotation\n");
      chainLength++;
      if (chainLength == 10 || joint == JOINTS - 1) {
        text.append("End Site\n{\nOFFSET 0 1 0\n}\n").append("}\n".repeat(chainLength));
        chainLength = 0;
      }
    }
    text.append("}\n");
    text.append("MOTION\nFrames: ").append(FRAMES).append("\nFrame Time: .0083333\n");
    var bytes = new ByteArrayOutputStream(200 << 20);
    bytes.writeBytes(text.toString().getBytes(StandardCharsets.US_ASCII));
    var random = new SplittableRandom(7);
    int channels = 6 + 3 * (JOINTS - 1);
    var line = new StringBuilder(channels * 10);
    for (int frame = 0; frame < FRAMES; frame++) {
      line.setLength(0);
      for (int channel = 0; channel < channels; channel++) {
        appendFixedPoint(line, random.nextInt(-1_800_000, 1_800_000));
        line.append(channel + 1 < channels ? ' ' : '\n');
      }
      bytes.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  /** {@code tenThousandths / 10000} with four decimals. */
  private static void appendFixedPoint(StringBuilder line, int tenThousandths) {
    if (tenThousandths < 0) {
      line.append('-');
      tenThousandths = -tenThousandths;
    }
    line.append(tenThousandths / 10_000).append('.');
    String fraction = Integer.toString(tenThousandths % 10_000);
    line.append("0000", 0, 4 - fraction.length()).append(fraction);
  }
}
