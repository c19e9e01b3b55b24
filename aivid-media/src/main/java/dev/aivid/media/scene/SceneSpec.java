package dev.aivid.media.scene;

import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.mask.DepthMap;
import dev.aivid.media.palette.Colour;
import dev.aivid.media.palette.Palette;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to render. Build with {@link #builder(int, int, double, int)}.
 *
 * @param seconds shot length; {@link #frameCount()} is {@code round(seconds · framesPerSecond)}, at least 1
 * @param seed paints the generated backdrop used when no layer is a {@link LayerRole#BACKGROUND}
 * @param prompt its camera words choose the default move when there is no camera path ({@link CameraMoves})
 * @param shotName shown in the burn-in
 * @param modelLabel the model the shot is routed to, shown in the burn-in
 * @param burnIn whether to draw the overlay (shot, timecode, frame, model, fps and seed, beats, negatives)
 * @param depthMap white = near; when present it decides every layer's depth: the mean value {@code v} under the
 *     layer's footprint (its mask above one half, its card, or the whole frame) gives {@code 1 / (v / near + (1 - v) /
 *     far)} with near {@value #DEPTH_MAP_NEAR} and far {@value #DEPTH_MAP_FAR}, i.e. the map is read as inverse depth
 *     (disparity), as monocular depth estimators produce it
 * @param cameraPath evaluated at {@code i / framesPerSecond} for frame i; absent: {@link CameraMoves#fromPrompt}
 * @param styleTint the colour of the style reference ({@link StyleTint#of}); layers are washed towards it
 * @param palette the frame is graded to its colours (each pixel to the nearest colour, through a 32×32×32 table)
 * @param negativeReferences labels listed in the burn-in as "avoid: …"
 * @param beatTimesSeconds beat markers on the burn-in timeline; the beat light pulses on the frame of each beat
 */
public record SceneSpec(
    int width,
    int height,
    double seconds,
    int framesPerSecond,
    long seed,
    String prompt,
    String shotName,
    String modelLabel,
    boolean burnIn,
    List<Layer> layers,
    @Nullable DepthMap depthMap,
    @Nullable CameraPath cameraPath,
    @Nullable SceneRig rig,
    @Nullable Colour styleTint,
    @Nullable Palette palette,
    List<String> negativeReferences,
    List<Double> beatTimesSeconds) {

  public static final int MIN_SIDE = 16;
  public static final int MAX_WIDTH = 3840;
  public static final int MAX_HEIGHT = 2160;
  public static final double MAX_SECONDS = 60;
  public static final int MAX_FRAMES_PER_SECOND = 120;
  public static final int MAX_LAYERS = 16;
  public static final int MAX_LABELS = 16;
  public static final int MAX_BEATS = 10_000;
  public static final double DEPTH_MAP_NEAR = 2;
  public static final double DEPTH_MAP_FAR = 40;

  public SceneSpec {
    requireEvenWithin("width", width, MAX_WIDTH);
    requireEvenWithin("height", height, MAX_HEIGHT);
    if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
      throw new IllegalArgumentException("seconds must be within (0, " + MAX_SECONDS + "], was " + seconds);
    }
    if (framesPerSecond < 1 || framesPerSecond > MAX_FRAMES_PER_SECOND) {
      throw new IllegalArgumentException(
          "framesPerSecond must be within 1.." + MAX_FRAMES_PER_SECOND + ", was " + framesPerSecond);
    }
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(shotName, "shotName");
    Objects.requireNonNull(modelLabel, "modelLabel");
    layers = List.copyOf(layers);
    if (layers.size() > MAX_LAYERS) {
      throw new IllegalArgumentException("at most " + MAX_LAYERS + " layers, got " + layers.size());
    }
    negativeReferences = List.copyOf(negativeReferences);
    if (negativeReferences.size() > MAX_LABELS) {
      throw new IllegalArgumentException(
          "at most " + MAX_LABELS + " negative references, got " + negativeReferences.size());
    }
    beatTimesSeconds = List.copyOf(beatTimesSeconds);
    if (beatTimesSeconds.size() > MAX_BEATS) {
      throw new IllegalArgumentException("at most " + MAX_BEATS + " beats, got " + beatTimesSeconds.size());
    }
    for (double beat : beatTimesSeconds) {
      if (!(beat >= 0) || !Double.isFinite(beat)) {
        throw new IllegalArgumentException("beat times must be finite and non-negative, found " + beat);
      }
    }
  }

  public static Builder builder(int width, int height, double seconds, int framesPerSecond) {
    return new Builder(width, height, seconds, framesPerSecond);
  }

  public int frameCount() {
    return Math.max(1, (int) Math.round(seconds * framesPerSecond));
  }

  /** A copy to change a few fields. */
  public Builder toBuilder() {
    return new Builder(width, height, seconds, framesPerSecond)
        .seed(seed).prompt(prompt).shotName(shotName).modelLabel(modelLabel).burnIn(burnIn).layers(layers)
        .depthMap(depthMap).cameraPath(cameraPath).rig(rig).styleTint(styleTint).palette(palette)
        .negativeReferences(negativeReferences).beatTimesSeconds(beatTimesSeconds);
  }

  private static void requireEvenWithin(String name, int value, int max) {
    if (value < MIN_SIDE || value > max) {
      throw new IllegalArgumentException(name + " must be within " + MIN_SIDE + ".." + max + ", was " + value);
    }
    // yuv420p subsamples chroma by two in both directions.
    if (value % 2 != 0) {
      throw new IllegalArgumentException(name + " must be even, was " + value);
    }
  }

  /** Defaults: seed 0, empty texts, burn-in on, no layers, no maps, no path, no rig, no grade, no labels, no beats. */
  public static final class Builder {
    private final int width;
    private final int height;
    private final double seconds;
    private final int framesPerSecond;
    private long seed;
    private String prompt = "";
    private String shotName = "";
    private String modelLabel = "";
    private boolean burnIn = true;
    private List<Layer> layers = new ArrayList<>();
    private @Nullable DepthMap depthMap;
    private @Nullable CameraPath cameraPath;
    private @Nullable SceneRig rig;
    private @Nullable Colour styleTint;
    private @Nullable Palette palette;
    private List<String> negativeReferences = List.of();
    private List<Double> beatTimesSeconds = List.of();

    private Builder(int width, int height, double seconds, int framesPerSecond) {
      this.width = width;
      this.height = height;
      this.seconds = seconds;
      this.framesPerSecond = framesPerSecond;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder prompt(String value) {
      prompt = value;
      return this;
    }

    public Builder shotName(String value) {
      shotName = value;
      return this;
    }

    public Builder modelLabel(String value) {
      modelLabel = value;
      return this;
    }

    public Builder burnIn(boolean value) {
      burnIn = value;
      return this;
    }

    public Builder layers(List<Layer> value) {
      layers = new ArrayList<>(value);
      return this;
    }

    public Builder layer(Layer value) {
      layers.add(Objects.requireNonNull(value, "layer"));
      return this;
    }

    public Builder depthMap(@Nullable DepthMap value) {
      depthMap = value;
      return this;
    }

    public Builder cameraPath(@Nullable CameraPath value) {
      cameraPath = value;
      return this;
    }

    public Builder rig(@Nullable SceneRig value) {
      rig = value;
      return this;
    }

    public Builder styleTint(@Nullable Colour value) {
      styleTint = value;
      return this;
    }

    public Builder palette(@Nullable Palette value) {
      palette = value;
      return this;
    }

    public Builder negativeReferences(List<String> value) {
      negativeReferences = value;
      return this;
    }

    public Builder beatTimesSeconds(List<Double> value) {
      beatTimesSeconds = value;
      return this;
    }

    public SceneSpec build() {
      return new SceneSpec(width, height, seconds, framesPerSecond, seed, prompt, shotName, modelLabel, burnIn, layers,
          depthMap, cameraPath, rig, styleTint, palette, negativeReferences, beatTimesSeconds);
    }
  }
}
