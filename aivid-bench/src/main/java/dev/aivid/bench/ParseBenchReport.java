package dev.aivid.bench;

import dev.aivid.bench.ParseBench.Result;
import dev.aivid.bench.ParseBench.Timing;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The printed result of {@code ./aivid bench parse}: machine, the throughput table, the timings. */
public final class ParseBenchReport {

  private static final String NONE = "–";

  private ParseBenchReport() {}

  public static String markdown(Result result) {
    MachineFacts machine = result.machine();
    StringBuilder text = new StringBuilder();
    text.append("## AIVid media parse throughput\n\n");
    text.append(format("machine: %d cores (%s), JDK %s (%s), %s, max heap %d MiB\n",
        machine.availableProcessors(), machine.cpuModel(), machine.javaVersion(),
        machine.javaVendor(), machine.operatingSystem(), machine.maximumHeapMebibytes()));
    text.append(format("runs: %d warm-ups then %d measured runs per step, single thread; medians shown;"
        + " MB = 10^6 bytes\n", ParseBench.WARMUPS, ParseBench.RUNS));
    text.append(format("BVH: %d joints, %d channels, %,d frames, generated in memory;"
        + " baseline = BufferedReader lines + String.split + Double.parseDouble\n",
        ParseBench.JOINTS, result.bvhChannels(), result.bvhFrames()));
    text.append(format("camera path: %,d keyframes (CameraPathWriter JSON), motion at %.0f fps"
        + " %dx%d = %,d frames; baseline = Jackson readTree\n\n",
        result.cameraKeyframes(), ParseBench.CAMERA_FPS, ParseBench.CAMERA_WIDTH,
        ParseBench.CAMERA_HEIGHT, result.cameraMotionFrames()));

    double bvhMegabytes = result.bvhBytes() / 1e6;
    double cameraMegabytes = result.cameraBytes() / 1e6;
    text.append("| input | size MB | baseline MB/s | parser MB/s | ratio | frames/s |\n");
    text.append("|---|---:|---:|---:|---:|---:|\n");
    row(text, "BVH parse (BvhParser)", bvhMegabytes, result.bvhBaseline(), result.bvhParse(),
        result.bvhFrames());
    row(text, "BVH forward kinematics, all frames", Double.NaN, null, result.bvhKinematics(),
        result.bvhFrames());
    row(text, "BVH BvhAnalysis.of", Double.NaN, null, result.bvhAnalysis(), result.bvhFrames());
    row(text, "camera path parse (CameraPathReader), keyframes/s", cameraMegabytes,
        result.cameraBaseline(), result.cameraParse(), result.cameraKeyframes());
    row(text, "camera path motion(24, 1920, 1080)", Double.NaN, null, result.cameraMotion(),
        result.cameraMotionFrames());
    text.append("\nratio = parser MB/s / baseline MB/s (above 1: the parser is faster)\n\n");

    text.append("| step | median s | min s | max s |\n");
    text.append("|---|---:|---:|---:|\n");
    for (Timing timing : List.of(result.bvhBaseline(), result.bvhParse(), result.bvhKinematics(),
        result.bvhAnalysis(), result.cameraBaseline(), result.cameraParse(), result.cameraMotion())) {
      text.append(format("| %s | %.4f | %.4f | %.4f |\n", timing.step(), timing.median(),
          timing.minimum(), timing.maximum()));
    }
    return text.toString();
  }

  private static void row(StringBuilder text, String input, double megabytes, @Nullable Timing baseline,
      Timing parser, long frames) {
    boolean sized = !Double.isNaN(megabytes);
    double parserRate = sized ? megabytes / parser.median() : Double.NaN;
    double baselineRate = sized && baseline != null ? megabytes / baseline.median() : Double.NaN;
    text.append(format("| %s | %s | %s | %s | %s | %s |\n",
        input,
        sized ? format("%.1f", megabytes) : NONE,
        Double.isNaN(baselineRate) ? NONE : format("%.0f", baselineRate),
        Double.isNaN(parserRate) ? NONE : format("%.0f", parserRate),
        Double.isNaN(baselineRate) ? NONE : BenchReport.ratio(parserRate, baselineRate),
        format("%,.0f", frames / parser.median())));
  }

  private static String format(String pattern, Object... arguments) {
    return String.format(Locale.ROOT, pattern, arguments);
  }
}
