package dev.aivid.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aivid.media.audio.DecodedAudio;
import dev.aivid.media.beats.BeatTrack;
import dev.aivid.media.beats.OnsetStrength;
import dev.aivid.media.qc.QcOrder;
import dev.aivid.media.qc.VideoQc;
import dev.aivid.providers.RenderRequest;
import dev.aivid.providers.ShotControls;
import dev.aivid.providers.ShotReference;
import dev.aivid.providers.local.LocalPrevizProvider;
import dev.aivid.providers.local.PreviewRender;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * {@code ./aivid bench media}: the local engine's speed, each figure beside a baseline measured in
 * the same run — previews of the twelve-file example stack (first frame and whole 2 s 320×180 MP4,
 * warm) and 720p rendering against encoding the same number of blank frames; beat tracking against
 * the onset-strength stage alone; QC against a plain decode of the same clip.
 */
public final class MediaBench {
  static final String USAGE =
      "usage: aivid bench media [--runs N] [--stack DIR]\n"
          + "  --runs N     measured runs per figure, the median is reported (default 5; 2 with --quick)\n"
          + "  --quick      fewer runs\n"
          + "  --stack DIR  the stack to preview (default examples/night-courier)\n";

  record Options(int runs, Path stack) {
    static Options parse(List<String> arguments) {
      int runs = 5;
      Path stack = Path.of("examples", "night-courier");
      for (int index = 0; index < arguments.size(); index++) {
        switch (arguments.get(index)) {
          case "--quick" -> runs = 2;
          case "--runs" -> runs = Integer.parseInt(value(arguments, ++index, "--runs"));
          case "--stack" -> stack = Path.of(value(arguments, ++index, "--stack"));
          default -> throw new IllegalArgumentException("unknown option " + arguments.get(index));
        }
      }
      if (runs < 1) {
        throw new IllegalArgumentException("--runs must be at least 1");
      }
      return new Options(runs, stack);
    }

    private static String value(List<String> arguments, int index, String option) {
      if (index >= arguments.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return arguments.get(index);
    }
  }

  private MediaBench() {}

  static String run(Options options, PrintStream log) throws IOException {
    Path work = Files.createTempDirectory("aivid-media-bench-");
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n## Local engine (median of %d runs, warm)%n%n", options.runs()));
    out.append("| figure | AIVid | baseline, same run | ratio |\n|---|---|---|---|\n");
    try (LocalPrevizProvider local = new LocalPrevizProvider(work.resolve("local"), 1, 4)) {
      // Preview: 2 s 320x180 at 12 fps from the twelve-file stack.
      RenderRequest preview = stackRequest(options.stack(), 320, 180, 2, 12);
      local.preview(preview, work.resolve("warm.mp4"));
      double[] first = new double[options.runs()];
      double[] whole = new double[options.runs()];
      double[] blank = new double[options.runs()];
      for (int run = 0; run < options.runs(); run++) {
        RenderRequest fresh = stackRequest(options.stack(), 320, 180, 2, 12);
        PreviewRender render = local.preview(fresh, work.resolve("preview-" + run + ".mp4"));
        first[run] = render.firstFrameMillis();
        whole[run] = render.totalMillis();
        blank[run] = blankEncodeMillis(work.resolve("blank-" + run + ".mp4"), 320, 180, 12, 24);
      }
      log.println("previews done");
      out.append(row("preview, first frame (12-file stack, files decoded included)", median(first), "ms", Double.NaN, ""));
      out.append(row("preview, whole 2 s 320×180 12 fps MP4 with soundtrack (goal ≤ 250 ms)", median(whole), "ms", median(blank), "encode 24 blank frames"));
      // 720p at 24 fps: render speed as a multiple of real time.
      double[] hdMillis = new double[options.runs()];
      double[] hdBlank = new double[options.runs()];
      for (int run = 0; run < options.runs(); run++) {
        RenderRequest hd = stackRequest(options.stack(), 1280, 720, 4, 24);
        hdMillis[run] = local.preview(hd, work.resolve("hd-" + run + ".mp4")).totalMillis();
        hdBlank[run] = blankEncodeMillis(work.resolve("hd-blank-" + run + ".mp4"), 1280, 720, 24, 96);
      }
      log.println("720p done");
      double hdRealTime = 4000 / median(hdMillis);
      double blankRealTime = 4000 / median(hdBlank);
      out.append(
          String.format(
              Locale.ROOT,
              "| 720p 24 fps, 4 s of the 12-file stack (goal ≥ 4× real time) | %.1f× real time (%.0f ms) | blank frames through the same encoder: %.1f× | %.2f |%n",
              hdRealTime, median(hdMillis), blankRealTime, hdRealTime / blankRealTime));
      Path hdClip = work.resolve("hd-0.mp4");
      // QC of that clip beside a plain decode.
      double[] qc = new double[options.runs()];
      double[] decode = new double[options.runs()];
      for (int run = 0; run < options.runs(); run++) {
        long start = System.nanoTime();
        VideoQc.check(hdClip, new QcOrder(1280, 720, 4, null, 0.5));
        qc[run] = (System.nanoTime() - start) / 1e6;
        decode[run] = decodeMillis(hdClip);
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| QC of that clip (96 frames: black, frozen, cuts, flicker) | %.0f frames/s | plain decode: %.0f frames/s | %.2f |%n",
              96_000 / median(qc), 96_000 / median(decode), median(decode) / median(qc)));
    }
    // Beat tracking on 60 s of a 120 BPM click track.
    DecodedAudio clicks = clickTrack(120, 60, BeatTrack.SAMPLE_RATE);
    BeatTrack.track(clicks);
    double[] beats = new double[options.runs()];
    double[] onset = new double[options.runs()];
    for (int run = 0; run < options.runs(); run++) {
      long start = System.nanoTime();
      BeatTrack.track(clicks);
      beats[run] = (System.nanoTime() - start) / 1e6;
      start = System.nanoTime();
      OnsetStrength.envelope(clicks.samples(), clicks.sampleRate());
      onset[run] = (System.nanoTime() - start) / 1e6;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "| beat tracking, 60 s at 22,050 Hz (goal ≥ 200× real time) | %.0f× real time (%.1f ms) | onset-strength stage alone: %.0f× | %.2f |%n",
            60_000 / median(beats), median(beats), 60_000 / median(onset), median(onset) / median(beats)));
    return out.toString();
  }

  private static String row(String name, double value, String unit, double baseline, String baselineName) {
    return String.format(
        Locale.ROOT,
        "| %s | %.1f %s | %s | %s |%n",
        name,
        value,
        unit,
        Double.isNaN(baseline) ? "—" : String.format(Locale.ROOT, "%s: %.1f %s", baselineName, baseline, unit),
        Double.isNaN(baseline) ? "—" : String.format(Locale.ROOT, "%.2f", value / baseline));
  }

  /** The stack as the server would send it to the local engine, its files read from disk now. */
  static RenderRequest stackRequest(Path directory, int width, int height, int seconds, int framesPerSecond) throws IOException {
    JsonNode manifest = new ObjectMapper().readTree(directory.resolve("stack.json").toFile());
    List<ShotReference> references = new ArrayList<>();
    int[] ordinals = new int[32];
    String[] words = {"image", "Image", "video", "Video", "audio", "Audio", "depth_map", "Depth", "skeletal_rig", "Rig",
        "style_reference", "Style", "camera_path", "Camera", "negative_reference", "Negative", "regional_mask", "Mask",
        "color_palette", "Palette"};
    long seed = 0;
    for (JsonNode entry : manifest.path("entries")) {
      String kind = entry.path("kind").asText();
      if (kind.equals("seed")) {
        seed = entry.path("value").asLong();
      }
      if (!entry.has("file")) {
        continue;
      }
      int slot = Arrays.asList(words).indexOf(kind);
      String mention = "@" + words[slot + 1] + (++ordinals[slot / 2]);
      byte[] bytes = Files.readAllBytes(directory.resolve(entry.path("file").asText()));
      references.add(ShotReference.of(mention, kind, null, "application/octet-stream", mention, bytes));
    }
    return new RenderRequest(
        "local/previz", "local/previz", manifest.path("prompt").asText(), width, height, seconds, seed, null,
        new ShotControls(references, null, (double) framesPerSecond, null, true));
  }

  private static double blankEncodeMillis(Path file, int width, int height, int framesPerSecond, int frames) throws IOException {
    long start = System.nanoTime();
    try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
      recorder.setFormat("mp4");
      recorder.setVideoCodecName("libopenh264");
      recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      recorder.setFrameRate(framesPerSecond);
      recorder.setVideoBitrate(Math.max(200_000, width * height * 2));
      recorder.start();
      Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
      for (int index = 0; index < frames; index++) {
        recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
      }
      recorder.stop();
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static double decodeMillis(Path file) throws IOException {
    long start = System.nanoTime();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.start();
      while (grabber.grabImage() != null) {
        // Decoding every frame is the whole baseline.
      }
      grabber.stop();
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static DecodedAudio clickTrack(double bpm, int seconds, int sampleRate) {
    float[] samples = new float[sampleRate * seconds];
    for (double time = 0; time < seconds; time += 60 / bpm) {
      int start = (int) Math.round(time * sampleRate);
      for (int i = 0; i < 600 && start + i < samples.length; i++) {
        samples[start + i] = (float) (0.6 * Math.sin(2 * Math.PI * 1000 * i / sampleRate) * Math.exp(-i / 120.0));
      }
    }
    return new DecodedAudio(samples, sampleRate);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
