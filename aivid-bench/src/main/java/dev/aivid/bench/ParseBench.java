package dev.aivid.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.media.bvh.BvhAnalysis;
import dev.aivid.media.bvh.BvhClip;
import dev.aivid.media.bvh.BvhForwardKinematics;
import dev.aivid.media.bvh.BvhParser;
import dev.aivid.media.camera.CameraKeyframe;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.CameraPathReader;
import dev.aivid.media.camera.CameraPathWriter;
import dev.aivid.media.camera.Easing;
import dev.aivid.media.camera.Quaternion;
import dev.aivid.media.camera.Vector3;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * {@code ./aivid bench parse}: throughput of the aivid-media parsers on large inputs generated in
 * memory, each beside a naive baseline measured in the same run over the same bytes. Every
 * measurement runs {@link #WARMUPS} unmeasured times, then {@link #RUNS} measured times; the report
 * shows the median.
 */
public final class ParseBench {

  static final int WARMUPS = 2;
  static final int RUNS = 5;
  static final int JOINTS = 60;
  static final int DEFAULT_FRAMES = 100_000;
  static final int QUICK_FRAMES = 10_000;
  static final int CAMERA_KEYFRAMES = CameraPath.MAX_KEYFRAMES;
  /** Well above the 64 MiB cap of {@link BvhParser#parse(byte[])}, which the full file exceeds. */
  static final long BVH_MAX_BYTES = 512L << 20;

  static final double CAMERA_FPS = 24;
  static final int CAMERA_WIDTH = 1920;
  static final int CAMERA_HEIGHT = 1080;

  public static final String USAGE =
      """
      Usage: ./aivid bench parse [--frames N] [--quick]

      Parse throughput of the aivid-media parsers on inputs generated in memory, each beside a
      baseline measured in the same run over the same bytes. Every step runs 2 unmeasured
      warm-ups, then 5 measured runs; the tables show the median.

        BVH (60 joints, 183 channels, 4-decimal numbers): BvhParser.parse(InputStream, 512 MiB),
            forward kinematics over every frame, BvhAnalysis.of. Baseline: BufferedReader lines
            after "Frame Time:", String.split on whitespace, Double.parseDouble per number.
        Camera path (10,000 keyframes, AIVid camera path JSON from CameraPathWriter):
            CameraPathReader.read, then CameraPath.motion(24, 1920, 1080).
            Baseline: Jackson ObjectMapper.readTree over the same bytes.

        --frames N   BVH frames (default 100000, about 160 MB of text)
        --quick      smoke run: 10000 BVH frames
      """;

  /** What one run measures. */
  public record Options(int bvhFrames) {
    public Options {
      if (bvhFrames < 1 || bvhFrames > BvhParser.MAX_FRAMES) {
        throw new IllegalArgumentException(
            "--frames must be within 1.." + BvhParser.MAX_FRAMES + ", was " + bvhFrames);
      }
    }

    public static Options parse(List<String> arguments) {
      int frames = DEFAULT_FRAMES;
      for (int index = 0; index < arguments.size(); index++) {
        String argument = arguments.get(index);
        switch (argument) {
          case "--quick" -> frames = QUICK_FRAMES;
          case "--frames" -> {
            if (index + 1 >= arguments.size()) {
              throw new IllegalArgumentException("--frames needs a value");
            }
            try {
              frames = Integer.parseInt(arguments.get(++index));
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--frames needs a whole number");
            }
          }
          default -> throw new IllegalArgumentException("unknown option " + argument);
        }
      }
      return new Options(frames);
    }
  }

  /** Medians (and spread) of one measured step, in seconds. */
  public record Timing(String step, double[] seconds) {
    public double median() {
      return median(seconds);
    }

    public double minimum() {
      return Arrays.stream(seconds).min().orElse(Double.NaN);
    }

    public double maximum() {
      return Arrays.stream(seconds).max().orElse(Double.NaN);
    }

    static double median(double[] values) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int middle = sorted.length / 2;
      return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
  }

  /** Everything the report prints. */
  public record Result(
      MachineFacts machine,
      int bvhFrames,
      int bvhChannels,
      long bvhBytes,
      Timing bvhBaseline,
      Timing bvhParse,
      Timing bvhKinematics,
      Timing bvhAnalysis,
      int cameraKeyframes,
      long cameraBytes,
      int cameraMotionFrames,
      Timing cameraBaseline,
      Timing cameraParse,
      Timing cameraMotion) {}

  /** Defeats dead-code elimination: every measured body folds its result into this. */
  private static volatile double sink;

  private ParseBench() {}

  public static Result run(Options options, PrintStream progress) {
    int frames = options.bvhFrames();
    int channels = channelCount(JOINTS);
    progress.printf(Locale.ROOT, "aivid bench parse: generating BVH, %d joints x %,d frames...%n",
        JOINTS, frames);
    byte[] bvh = syntheticBvh(JOINTS, frames, 7);
    long expectedValues = (long) frames * channels;

    progress.printf(Locale.ROOT, "aivid bench parse: BVH is %.1f MB; baseline (split + parseDouble)...%n",
        bvh.length / 1e6);
    Timing baseline = measure("BVH baseline: lines, split, Double.parseDouble", () -> {
      long values = naiveScan(bvh, ParseBench::accumulate);
      if (values != expectedValues) {
        throw new IllegalStateException("baseline read " + values + " numbers, expected " + expectedValues);
      }
      return values;
    });

    progress.println("aivid bench parse: BvhParser.parse...");
    BvhClip[] parsed = new BvhClip[1];
    Timing parse = measure("BVH BvhParser.parse(InputStream, 512 MiB)", () -> {
      parsed[0] = null; // let the previous clip go before the next one is built
      BvhClip clip = BvhParser.parse(new ByteArrayInputStream(bvh), BVH_MAX_BYTES);
      if (clip.motion().frameCount() != frames || clip.motion().channelCount() != channels) {
        throw new IllegalStateException("parser read " + clip.motion().frameCount() + " frames");
      }
      parsed[0] = clip;
      return clip.motion().frameCount();
    });
    BvhClip clip = parsed[0];

    progress.println("aivid bench parse: forward kinematics over every frame...");
    var kinematics = new BvhForwardKinematics(clip.skeleton());
    var positions = new double[3 * clip.skeleton().pointCount()];
    var rotations = new double[9 * clip.skeleton().jointCount()];
    Timing pose = measure("BVH BvhForwardKinematics.pose, every frame", () -> {
      double sum = 0;
      for (int frame = 0; frame < frames; frame++) {
        kinematics.pose(clip.motion(), frame, positions, rotations);
        sum += positions[positions.length - 1];
      }
      return sum;
    });

    progress.println("aivid bench parse: BvhAnalysis.of...");
    Timing analysis = measure("BVH BvhAnalysis.of", () -> BvhAnalysis.of(clip).landings().size());

    progress.printf(Locale.ROOT, "aivid bench parse: camera path, %,d keyframes...%n", CAMERA_KEYFRAMES);
    CameraPath path = syntheticCameraPath(CAMERA_KEYFRAMES, 11);
    byte[] camera = CameraPathWriter.write(path);
    ObjectMapper mapper = new ObjectMapper();
    Timing cameraBaseline = measure("camera baseline: Jackson readTree", () -> {
      try {
        return mapper.readTree(camera).get("keyframes").size();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    CameraPath[] readPath = new CameraPath[1];
    Timing cameraParse = measure("camera CameraPathReader.read", () -> {
      CameraPath read = CameraPathReader.read(camera);
      if (read.keyframes().size() != CAMERA_KEYFRAMES) {
        throw new IllegalStateException("reader read " + read.keyframes().size() + " keyframes");
      }
      readPath[0] = read;
      return read.keyframes().size();
    });
    CameraPath cameraPath = readPath[0];
    Timing cameraMotion = measure("camera CameraPath.motion(24, 1920, 1080)",
        () -> cameraPath.motion(CAMERA_FPS, CAMERA_WIDTH, CAMERA_HEIGHT).hashCode());

    return new Result(MachineFacts.current(), frames, channels, bvh.length, baseline, parse, pose,
        analysis, CAMERA_KEYFRAMES, camera.length, cameraPath.frameCount(CAMERA_FPS), cameraBaseline,
        cameraParse, cameraMotion);
  }

  private static double accumulateSum;

  private static void accumulate(double value) {
    accumulateSum += value;
  }

  static Timing measure(String step, DoubleSupplier body) {
    for (int warmup = 0; warmup < WARMUPS; warmup++) {
      sink += body.getAsDouble();
    }
    double[] seconds = new double[RUNS];
    for (int run = 0; run < RUNS; run++) {
      long started = System.nanoTime();
      double result = body.getAsDouble();
      seconds[run] = (System.nanoTime() - started) / 1e9;
      sink += result;
    }
    sink += accumulateSum;
    return new Timing(step, seconds);
  }

  /** Receives every number the naive scan reads. */
  interface NumberSink {
    void accept(double value);
  }

  /**
   * The naive way to read BVH motion data: decode lines with a BufferedReader, skip to the line
   * after "Frame Time:", split each line on whitespace, Double.parseDouble every token. Returns
   * how many numbers it read.
   */
  static long naiveScan(byte[] bvh, NumberSink numbers) {
    long count = 0;
    try (var reader = new BufferedReader(
        new InputStreamReader(new ByteArrayInputStream(bvh), StandardCharsets.US_ASCII))) {
      String line;
      boolean inMotion = false;
      while ((line = reader.readLine()) != null) {
        if (!inMotion) {
          inMotion = line.trim().startsWith("Frame Time:");
          continue;
        }
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        for (String token : trimmed.split("\\s+")) {
          numbers.accept(Double.parseDouble(token));
          count++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }

  static int channelCount(int joints) {
    return 6 + 3 * (joints - 1);
  }

  /**
   * A valid BVH: a root with chains of ten joints, CMU-like numbers ("-12.3456"), 120 fps (as in
   * the throughput measurement this benchmark replaced).
   */
  static byte[] syntheticBvh(int joints, int frames, long seed) {
    var text = new StringBuilder("HIERARCHY\nROOT Hips\n{\n\tOFFSET 0.00 0.00 0.00\n")
        .append("\tCHANNELS 6 Xposition Yposition Zposition Zrotation Yrotation Xrotation\n");
    int chainLength = 0;
    for (int joint = 1; joint < joints; joint++) {
      text.append("JOINT Joint").append(joint).append("\n{\n\tOFFSET 0.0000 1.5000 0.2500\n")
          .append("\tCHANNELS 3 Zrotation Xrotation Yrotation\n");
      chainLength++;
      if (chainLength == 10 || joint == joints - 1) {
        text.append("End Site\n{\nOFFSET 0 1 0\n}\n").append("}\n".repeat(chainLength));
        chainLength = 0;
      }
    }
    if (joints == 1) {
      text.append("End Site\n{\nOFFSET 0 1 0\n}\n");
    }
    text.append("}\n");
    text.append("MOTION\nFrames: ").append(frames).append("\nFrame Time: .0083333\n");
    int channels = channelCount(joints);
    var bytes = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, 4096L + 10L * channels * frames));
    bytes.writeBytes(text.toString().getBytes(StandardCharsets.US_ASCII));
    var random = new SplittableRandom(seed);
    var line = new StringBuilder(channels * 10);
    for (int frame = 0; frame < frames; frame++) {
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
  static void appendFixedPoint(StringBuilder line, int tenThousandths) {
    if (tenThousandths < 0) {
      line.append('-');
      tenThousandths = -tenThousandths;
    }
    line.append(tenThousandths / 10_000).append('.');
    String fraction = Integer.toString(tenThousandths % 10_000);
    line.append("0000", 0, 4 - fraction.length()).append(fraction);
  }

  /**
   * A dolly-and-orbit move of {@code keyframes} keyframes 0.06 s apart (600 s for 10,000 would
   * exceed the cap, so the step shrinks to fit), varied easing and field of view.
   */
  static CameraPath syntheticCameraPath(int keyframes, long seed) {
    var random = new SplittableRandom(seed);
    double step = Math.min(0.06, (CameraPath.MAX_DURATION_SECONDS - 1) / Math.max(1, keyframes - 1));
    Easing[] easings = {Easing.LINEAR, Easing.EASE_IN, Easing.EASE_OUT, Easing.EASE_IN_OUT};
    List<CameraKeyframe> list = new ArrayList<>(keyframes);
    for (int index = 0; index < keyframes; index++) {
      double time = index * step;
      double angle = index * 0.7;
      var position = new Vector3(5 * Math.cos(Math.toRadians(angle)),
          1.5 + 0.2 * Math.sin(index * 0.01), 5 * Math.sin(Math.toRadians(angle)));
      Quaternion orientation = Quaternion.fromAxisAngle(Vector3.UP, -angle + random.nextDouble(-2, 2))
          .multiply(Quaternion.fromAxisAngle(new Vector3(1, 0, 0), random.nextDouble(-10, 10)));
      list.add(new CameraKeyframe(time, position, orientation, null, 40 + random.nextDouble(20),
          easings[index % easings.length]));
    }
    return new CameraPath(CAMERA_FPS, list);
  }
}
