package dev.aivid.media.scene;

/**
 * Wall-clock figures of one {@link SceneRenderer#render}, for logs and benchmarks.
 *
 * @param prepareMillis from the call to a prepared scene (textures, rig, tables)
 * @param firstFrameMillis from the call to the first frame painted
 * @param totalMillis from the call to the MP4 in place
 */
public record SceneRenderTimings(int frameCount, double prepareMillis, double firstFrameMillis, double totalMillis) {

  /** Seconds of video per second of rendering. */
  public double realTimeFactor(int framesPerSecond) {
    return frameCount / (double) framesPerSecond / (totalMillis / 1000);
  }
}
