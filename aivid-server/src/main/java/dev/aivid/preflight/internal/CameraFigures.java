package dev.aivid.preflight.internal;

import dev.aivid.media.camera.CameraKeyframe;
import dev.aivid.media.camera.CameraMotion;
import dev.aivid.media.camera.CameraPath;
import dev.aivid.media.camera.CameraPose;
import dev.aivid.media.camera.Easing;
import dev.aivid.media.camera.Vector3;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A camera path over the shot: it plays in real time from 0 s; a shot shorter than the path cuts
 * it, a longer one holds the last pose. Speeds, total yaw and the dominant move are {@link
 * CameraPath#motion} (docs/camera-path.md) of the part inside the shot, at the shot's frame rate and
 * size.
 *
 * @param cumulativeYawDegrees Σ|Δyaw| up to each output frame (index = frame), for "where does the
 *     rotation reach N°"
 * @param turnDegrees signed yaw change over the window (counter-clockwise seen from above positive)
 * @param travelX net horizontal travel of the camera over the window, world X (scene units)
 * @param travelZ the same along world Z
 */
public record CameraFigures(
    double windowSeconds,
    double pathSeconds,
    double framesPerSecond,
    double peakScreenSpeedPixelsPerSecond,
    double meanScreenSpeedPixelsPerSecond,
    double totalYawDegrees,
    double turnDegrees,
    double travelX,
    double travelZ,
    String dominantMove,
    List<Double> cumulativeYawDegrees) {

  /** Steps looking within this of straight up or down have no yaw (as docs/camera-path.md). */
  private static final double YAW_UNDEFINED_ABOVE_PITCH_DEGREES = 85;

  public CameraFigures {
    cumulativeYawDegrees = List.copyOf(cumulativeYawDegrees);
  }

  public double travelUnits() {
    return Math.hypot(travelX, travelZ);
  }

  /** The first time the camera has turned {@code degrees} in total, or -1 if it never does. */
  public double secondsWhenYawReaches(double degrees) {
    for (int frame = 0; frame < cumulativeYawDegrees.size(); frame++) {
      if (cumulativeYawDegrees.get(frame) >= degrees) {
        return frame / framesPerSecond;
      }
    }
    return -1;
  }

  public static CameraFigures of(CameraPath path, double shotSeconds, double framesPerSecond, int width, int height) {
    CameraPath window = path.durationSeconds() > shotSeconds ? truncate(path, shotSeconds, framesPerSecond) : path;
    CameraMotion motion = window.motion(framesPerSecond, width, height);
    List<CameraPose> poses = window.frames(framesPerSecond);
    List<Double> holdEnds = holdEnds(window);
    List<Double> cumulative = new ArrayList<>();
    cumulative.add(0.0);
    double unsigned = 0;
    double signed = 0;
    int nextHoldEnd = 0;
    for (int index = 0; index + 1 < poses.size(); index++) {
      CameraPose from = poses.get(index);
      CameraPose to = poses.get(index + 1);
      while (nextHoldEnd < holdEnds.size() && holdEnds.get(nextHoldEnd) <= from.timeSeconds()) {
        nextHoldEnd++;
      }
      boolean cut = nextHoldEnd < holdEnds.size() && holdEnds.get(nextHoldEnd) <= to.timeSeconds();
      if (!cut
          && Math.abs(from.pitchDegrees()) <= YAW_UNDEFINED_ABOVE_PITCH_DEGREES
          && Math.abs(to.pitchDegrees()) <= YAW_UNDEFINED_ABOVE_PITCH_DEGREES) {
        double change = RigFigures.wrapDegrees(to.yawDegrees() - from.yawDegrees());
        unsigned += Math.abs(change);
        signed += change;
      }
      cumulative.add(unsigned);
    }
    Vector3 start = poses.getFirst().position();
    Vector3 end = poses.getLast().position();
    return new CameraFigures(
        Math.min(shotSeconds, path.durationSeconds()),
        path.durationSeconds(),
        framesPerSecond,
        motion.peakScreenSpeedPixelsPerSecond(),
        motion.meanScreenSpeedPixelsPerSecond(),
        motion.totalYawDegrees(),
        signed,
        end.x() - start.x(),
        end.z() - start.z(),
        motion.dominantMove().name().toLowerCase(Locale.ROOT),
        cumulative);
  }

  /**
   * The part of {@code path} before {@code seconds}: one linear keyframe per output frame, on the
   * path's own poses, so sampling it at the same rate gives the same frames. A frame inside a hold
   * segment stays a hold, so a cut stays a cut.
   */
  static CameraPath truncate(CameraPath path, double seconds, double framesPerSecond) {
    int frames = (int) Math.floor(seconds * framesPerSecond + 1e-9) + 1;
    List<CameraKeyframe> keyframes = new ArrayList<>(frames);
    for (int index = 0; index < frames; index++) {
      double time = index / framesPerSecond;
      CameraPose pose = path.poseAt(time);
      keyframes.add(
          new CameraKeyframe(
              time,
              pose.position(),
              pose.orientation(),
              pose.lookAt(),
              pose.verticalFieldOfViewDegrees(),
              easingAt(path, time)));
    }
    return new CameraPath(path.framesPerSecond(), keyframes);
  }

  private static Easing easingAt(CameraPath path, double time) {
    Easing easing = path.keyframes().getFirst().easing();
    for (CameraKeyframe keyframe : path.keyframes()) {
      if (keyframe.timeSeconds() <= time) {
        easing = keyframe.easing();
      } else {
        break;
      }
    }
    return easing == Easing.HOLD ? Easing.HOLD : Easing.LINEAR;
  }

  /** Times where a hold segment jumps: the keyframe after each hold keyframe. */
  private static List<Double> holdEnds(CameraPath path) {
    List<Double> ends = new ArrayList<>();
    List<CameraKeyframe> keyframes = path.keyframes();
    for (int index = 0; index + 1 < keyframes.size(); index++) {
      if (keyframes.get(index).easing() == Easing.HOLD) {
        ends.add(keyframes.get(index + 1).timeSeconds());
      }
    }
    return ends;
  }
}
