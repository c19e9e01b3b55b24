package dev.aivid.media.camera;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A keyframed camera move covering 0 .. {@link #durationSeconds()}. Before the first keyframe the camera holds the first
 * keyframe; between keyframes position and field of view are interpolated linearly and orientation by quaternion slerp
 * (shorter arc), each with the easing of the segment's first keyframe.
 *
 * @param framesPerSecond the frame rate the author intended, if given; it does not change any interpolation
 * @param keyframes at least one, times strictly increasing
 */
public record CameraPath(@Nullable Double framesPerSecond, List<CameraKeyframe> keyframes) {

  public static final int MAX_KEYFRAMES = 10_000;
  /** Ten minutes: far beyond any generated clip, and it bounds the number of sampled frames. */
  public static final double MAX_DURATION_SECONDS = 600;
  public static final double MIN_FRAMES_PER_SECOND = 1;
  public static final double MAX_FRAMES_PER_SECOND = 240;

  public CameraPath {
    keyframes = List.copyOf(Objects.requireNonNull(keyframes, "keyframes"));
    if (keyframes.isEmpty() || keyframes.size() > MAX_KEYFRAMES) {
      throw new IllegalArgumentException("between 1 and " + MAX_KEYFRAMES + " keyframes required, got " + keyframes.size());
    }
    for (int index = 1; index < keyframes.size(); index++) {
      if (!(keyframes.get(index).timeSeconds() > keyframes.get(index - 1).timeSeconds())) {
        throw new IllegalArgumentException("keyframe times must strictly increase at index " + index);
      }
    }
    if (keyframes.getLast().timeSeconds() > MAX_DURATION_SECONDS) {
      throw new IllegalArgumentException("path longer than " + MAX_DURATION_SECONDS + " s");
    }
    if (framesPerSecond != null) {
      requireFrameRate(framesPerSecond);
    }
  }

  /** Time of the last keyframe. */
  public double durationSeconds() {
    return keyframes.getLast().timeSeconds();
  }

  /** The interpolated camera at {@code timeSeconds}, clamped to 0 .. duration. */
  public CameraPose poseAt(double timeSeconds) {
    if (!Double.isFinite(timeSeconds)) {
      throw new IllegalArgumentException("time must be finite, was " + timeSeconds);
    }
    CameraKeyframe first = keyframes.getFirst();
    if (timeSeconds <= first.timeSeconds()) {
      return poseOf(first, Math.max(0, timeSeconds));
    }
    CameraKeyframe last = keyframes.getLast();
    if (timeSeconds >= last.timeSeconds()) {
      return poseOf(last, last.timeSeconds());
    }
    int segment = segmentAt(timeSeconds);
    CameraKeyframe from = keyframes.get(segment);
    CameraKeyframe to = keyframes.get(segment + 1);
    double progress = (timeSeconds - from.timeSeconds()) / (to.timeSeconds() - from.timeSeconds());
    double eased = from.easing().apply(progress);
    Vector3 fromTarget = from.lookAt();
    Vector3 toTarget = to.lookAt();
    Vector3 target = null;
    if (fromTarget != null && toTarget != null) {
      target = fromTarget.towards(toTarget, eased);
    }
    return new CameraPose(
        timeSeconds,
        from.position().towards(to.position(), eased),
        Quaternion.slerp(from.orientation(), to.orientation(), eased),
        from.verticalFieldOfViewDegrees() + (to.verticalFieldOfViewDegrees() - from.verticalFieldOfViewDegrees()) * eased,
        target);
  }

  /** One pose per frame at {@code i / framesPerSecond} for i = 0 .. ⌊duration·fps⌋, so at least one. */
  public List<CameraPose> frames(double framesPerSecond) {
    requireFrameRate(framesPerSecond);
    int count = frameCount(framesPerSecond);
    List<CameraPose> poses = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      poses.add(poseAt(index / framesPerSecond));
    }
    return poses;
  }

  /** How many frames {@link #frames(double)} returns. */
  public int frameCount(double framesPerSecond) {
    requireFrameRate(framesPerSecond);
    // The epsilon keeps a path of exactly 3.0 s at 30 fps at 91 frames despite rounding in the product.
    return (int) Math.floor(durationSeconds() * framesPerSecond + 1e-9) + 1;
  }

  /**
   * Speeds, total rotation and the dominant move when rendered at {@code framesPerSecond} into a frame of the given
   * size (see docs/camera-path.md for the definitions and thresholds).
   */
  public CameraMotion motion(double framesPerSecond, int widthPixels, int heightPixels) {
    requireFrameRate(framesPerSecond);
    if (widthPixels < 1 || heightPixels < 1 || widthPixels > 16_384 || heightPixels > 16_384) {
      throw new IllegalArgumentException("frame size must be within 1..16384, was " + widthPixels + "x" + heightPixels);
    }
    return CameraMotionAnalysis.analyse(this, framesPerSecond, widthPixels, heightPixels);
  }

  private int segmentAt(double timeSeconds) {
    int low = 0;
    int high = keyframes.size() - 1;
    // Invariant: keyframes[low].time <= timeSeconds < keyframes[high].time.
    while (high - low > 1) {
      int middle = (low + high) >>> 1;
      if (keyframes.get(middle).timeSeconds() <= timeSeconds) {
        low = middle;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private static CameraPose poseOf(CameraKeyframe keyframe, double timeSeconds) {
    return new CameraPose(timeSeconds, keyframe.position(), keyframe.orientation(), keyframe.verticalFieldOfViewDegrees(),
        keyframe.lookAt());
  }

  private static void requireFrameRate(double framesPerSecond) {
    if (!(framesPerSecond >= MIN_FRAMES_PER_SECOND && framesPerSecond <= MAX_FRAMES_PER_SECOND)) {
      throw new IllegalArgumentException(
          "frames per second must be within " + MIN_FRAMES_PER_SECOND + ".." + MAX_FRAMES_PER_SECOND + ", was " + framesPerSecond);
    }
  }
}
