package dev.aivid.catalog;

/**
 * Output features of a model beyond its inputs.
 *
 * @param cameraControl the provider takes an explicit camera-move parameter (Kling {@code
 *     camera_control}); otherwise camera moves go into the prompt text
 * @param nativeAudio the model can generate a soundtrack with the video
 * @param extend {@code native} (the provider continues a finished video), {@code last_frame} (AIVid
 *     continues from the last frame as the next first frame) or {@code none}
 * @param extendSecondsPerStep seconds one native extension adds (0 when not native)
 * @param renderSecondsPerOutputSecond typical wall time per second of output, for the {@code
 *     fastest} routing policy
 */
public record ModelFeatures(
    boolean cameraControl,
    boolean nativeAudio,
    String extend,
    int extendSecondsPerStep,
    double renderSecondsPerOutputSecond) {
  public ModelFeatures {
    if (!extend.equals("native") && !extend.equals("last_frame") && !extend.equals("none")) {
      throw new IllegalArgumentException("extend must be native, last_frame or none, got " + extend);
    }
    if (!(renderSecondsPerOutputSecond > 0)) {
      throw new IllegalArgumentException("renderSecondsPerOutputSecond must be positive");
    }
    if (extendSecondsPerStep < 0) {
      throw new IllegalArgumentException("extendSecondsPerStep must not be negative");
    }
  }

  public static ModelFeatures none() {
    return new ModelFeatures(false, false, "last_frame", 0, 10);
  }
}
