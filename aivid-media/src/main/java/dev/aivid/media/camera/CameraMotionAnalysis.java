package dev.aivid.media.camera;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Computes {@link CameraMotion}; the rules and thresholds are documented in docs/camera-path.md. */
final class CameraMotionAnalysis {

  /** Subject distance when neither a look_at target nor converging view axes give one, in scene units. */
  static final double DEFAULT_SUBJECT_DISTANCE = 3.0;
  /** A subject closer than this along the view axis is treated as unknown. */
  static final double MIN_SUBJECT_DISTANCE = 1e-3;
  /** A target counts as fixed if it stays within this share of the camera-to-target distance. */
  static final double FIXED_TARGET_TOLERANCE = 0.05;
  /** Below this score (share of the frame, see MoveScores) in every move a path is static. */
  static final double STATIC_THRESHOLD = 0.05;
  /** Sweep around a fixed target that makes a path an orbit. */
  static final double ORBIT_MIN_DEGREES = 15;

  private CameraMotionAnalysis() {}

  static CameraMotion analyse(CameraPath path, double framesPerSecond, int widthPixels, int heightPixels) {
    List<CameraPose> poses = path.frames(framesPerSecond);
    double aspectRatio = (double) widthPixels / heightPixels;
    double diagonalPixels = Math.hypot(widthPixels, heightPixels);
    @Nullable Vector3 target = fixedTarget(poses);
    List<Double> holdEnds = holdEnds(path);
    int nextHoldEnd = 0;

    int cutCount = 0;
    int stepCount = 0;
    double distance = 0;
    double peakTranslationSpeed = 0;
    double screenSpeedSum = 0;
    double peakScreenSpeed = 0;
    double totalYaw = 0;
    double totalPitch = 0;
    double fieldOfViewChange = 0;
    double pan = 0;
    double tilt = 0;
    double zoom = 0;
    double dolly = 0;
    double truck = 0;
    double pedestal = 0;
    double orbitDegrees = 0;

    for (int index = 0; index + 1 < poses.size(); index++) {
      CameraPose from = poses.get(index);
      CameraPose to = poses.get(index + 1);
      while (nextHoldEnd < holdEnds.size() && holdEnds.get(nextHoldEnd) <= from.timeSeconds()) {
        nextHoldEnd++;
      }
      if (nextHoldEnd < holdEnds.size() && holdEnds.get(nextHoldEnd) <= to.timeSeconds()) {
        cutCount++;
        continue;
      }
      stepCount++;

      Vector3 step = to.position().minus(from.position());
      double stepLength = step.length();
      distance += stepLength;
      peakTranslationSpeed = Math.max(peakTranslationSpeed, stepLength * framesPerSecond);

      double subjectDistance = subjectDistance(from, target);
      Vector3 forward = from.forward();
      Vector3 subject = from.position().plus(forward.times(subjectDistance));
      double screenSpeed = displacementPixels(subject, to, heightPixels, diagonalPixels) * framesPerSecond;
      screenSpeedSum += screenSpeed;
      peakScreenSpeed = Math.max(peakScreenSpeed, screenSpeed);

      double verticalFieldOfView = from.verticalFieldOfViewDegrees();
      double horizontalFieldOfView = from.horizontalFieldOfViewDegrees(aspectRatio);
      double fromPitch = from.pitchDegrees();
      double toPitch = to.pitchDegrees();
      double pitchChange = Math.abs(toPitch - fromPitch);
      totalPitch += pitchChange;
      tilt += pitchChange / verticalFieldOfView;
      if (Math.abs(fromPitch) <= Rotations.YAW_UNDEFINED_ABOVE_PITCH_DEGREES
          && Math.abs(toPitch) <= Rotations.YAW_UNDEFINED_ABOVE_PITCH_DEGREES) {
        double yawChange = Math.abs(Rotations.wrapDegrees(to.yawDegrees() - from.yawDegrees()));
        totalYaw += yawChange;
        pan += yawChange / horizontalFieldOfView;
      }

      fieldOfViewChange += Math.abs(to.verticalFieldOfViewDegrees() - verticalFieldOfView);
      zoom += Math.abs(Math.log(halfTangent(verticalFieldOfView) / halfTangent(to.verticalFieldOfViewDegrees())));

      dolly += Math.abs(step.dot(forward)) / subjectDistance;
      truck += Math.abs(step.dot(from.orientation().right())) / (2 * subjectDistance * halfTangent(horizontalFieldOfView));
      pedestal += Math.abs(step.dot(from.orientation().up())) / (2 * subjectDistance * halfTangent(verticalFieldOfView));

      if (target != null) {
        orbitDegrees += azimuthChangeDegrees(from.position().minus(target), to.position().minus(target));
      }
    }

    double countedSeconds = stepCount / framesPerSecond;
    var scores = new MoveScores(pan, tilt, zoom, dolly, truck, pedestal, orbitDegrees);
    return new CameraMotion(
        path.durationSeconds(),
        framesPerSecond,
        poses.size(),
        cutCount,
        distance,
        countedSeconds > 0 ? distance / countedSeconds : 0,
        peakTranslationSpeed,
        stepCount > 0 ? screenSpeedSum / stepCount : 0,
        peakScreenSpeed,
        totalYaw,
        totalPitch,
        fieldOfViewChange,
        target,
        scores,
        dominantMove(scores, target != null));
  }

  static DominantMove dominantMove(MoveScores scores, boolean hasFixedTarget) {
    if (hasFixedTarget && scores.orbitDegrees() >= ORBIT_MIN_DEGREES) {
      return DominantMove.ORBIT;
    }
    DominantMove best = DominantMove.STATIC;
    double bestScore = STATIC_THRESHOLD;
    double[] candidates = {scores.pan(), scores.tilt(), scores.zoom(), scores.dolly(), scores.truck(), scores.pedestal()};
    DominantMove[] moves = {
      DominantMove.PAN, DominantMove.TILT, DominantMove.ZOOM, DominantMove.DOLLY, DominantMove.TRUCK, DominantMove.PEDESTAL
    };
    for (int index = 0; index < candidates.length; index++) {
      boolean reachesThreshold = best == DominantMove.STATIC && candidates[index] >= bestScore;
      if (reachesThreshold || candidates[index] > bestScore) {
        best = moves[index];
        bestScore = candidates[index];
      }
    }
    return best;
  }

  /**
   * |Δ azimuth| of the camera around the target about the world vertical, 0 when either arm is within 5° of vertical
   * (azimuth undefined) or the camera sits on the target.
   */
  private static double azimuthChangeDegrees(Vector3 fromArm, Vector3 toArm) {
    double limit = Math.sin(Math.toRadians(Rotations.YAW_UNDEFINED_ABOVE_PITCH_DEGREES));
    if (!(Math.abs(fromArm.y()) < limit * fromArm.length()) || !(Math.abs(toArm.y()) < limit * toArm.length())) {
      return 0;
    }
    double fromAzimuth = Math.toDegrees(Math.atan2(fromArm.x(), fromArm.z()));
    double toAzimuth = Math.toDegrees(Math.atan2(toArm.x(), toArm.z()));
    return Math.abs(Rotations.wrapDegrees(toAzimuth - fromAzimuth));
  }

  /**
   * Pixel distance from the image centre at which {@code subject} appears in {@code camera}; capped at the frame
   * diagonal, which is also the answer when the point ends up behind the camera (it has left the frame).
   */
  private static double displacementPixels(Vector3 subject, CameraPose camera, int heightPixels, double diagonalPixels) {
    Vector3 local = camera.orientation().conjugate().rotate(subject.minus(camera.position()));
    double depth = -local.z();
    if (!(depth > 1e-9)) {
      return diagonalPixels;
    }
    double focal = camera.focalLengthPixels(heightPixels);
    double displacement = Math.hypot(focal * local.x() / depth, focal * local.y() / depth);
    return Math.min(displacement, diagonalPixels);
  }

  private static double subjectDistance(CameraPose pose, @Nullable Vector3 fixedTarget) {
    Vector3 subject = pose.lookAt() != null ? pose.lookAt() : fixedTarget;
    if (subject != null) {
      double depth = subject.minus(pose.position()).dot(pose.forward());
      if (depth > MIN_SUBJECT_DISTANCE) {
        return depth;
      }
    }
    return DEFAULT_SUBJECT_DISTANCE;
  }

  /**
   * The point the camera keeps aiming at: the common look_at target when every pose has one and they stay within
   * 5 % of the camera distance, otherwise the least-squares meeting point of the view axes when it lies in front of
   * every camera and each axis passes within 5 % of its depth. Null when there is no such point.
   */
  static @Nullable Vector3 fixedTarget(List<CameraPose> poses) {
    if (poses.size() < 2) {
      return null;
    }
    boolean allTargets = true;
    for (CameraPose pose : poses) {
      allTargets &= pose.lookAt() != null;
    }
    return allTargets ? commonLookAt(poses) : convergencePoint(poses);
  }

  private static @Nullable Vector3 commonLookAt(List<CameraPose> poses) {
    Vector3 sum = Vector3.ZERO;
    double distanceSum = 0;
    for (CameraPose pose : poses) {
      Vector3 lookAt = requireLookAt(pose);
      sum = sum.plus(lookAt);
      distanceSum += lookAt.distanceTo(pose.position());
    }
    Vector3 centroid = sum.times(1.0 / poses.size());
    double tolerance = FIXED_TARGET_TOLERANCE * distanceSum / poses.size();
    for (CameraPose pose : poses) {
      if (requireLookAt(pose).distanceTo(centroid) > tolerance) {
        return null;
      }
    }
    return centroid;
  }

  private static Vector3 requireLookAt(CameraPose pose) {
    Vector3 lookAt = pose.lookAt();
    if (lookAt == null) {
      throw new IllegalStateException("pose without look-at; callers check first");
    }
    return lookAt;
  }

  private static @Nullable Vector3 convergencePoint(List<CameraPose> poses) {
    // Minimise Σ |(I − f fᵀ)(p − c)|² over p: A p = b with A = Σ (I − f fᵀ), b = Σ (I − f fᵀ) c.
    double[] matrix = new double[9];
    double[] vector = new double[3];
    for (CameraPose pose : poses) {
      Vector3 forward = pose.forward();
      double[] axis = {forward.x(), forward.y(), forward.z()};
      double[] centre = {pose.position().x(), pose.position().y(), pose.position().z()};
      for (int row = 0; row < 3; row++) {
        for (int column = 0; column < 3; column++) {
          double entry = (row == column ? 1 : 0) - axis[row] * axis[column];
          matrix[row * 3 + column] += entry;
          vector[row] += entry * centre[column];
        }
      }
    }
    double count = poses.size();
    double determinant = Rotations.determinant(matrix) / (count * count * count);
    // Near-parallel axes (dolly, truck, static) meet nowhere useful.
    if (!(determinant > 1e-6)) {
      return null;
    }
    Vector3 point = solve(matrix, vector);
    if (!point.isFinite()) {
      return null;
    }
    for (CameraPose pose : poses) {
      Vector3 offset = point.minus(pose.position());
      double depth = offset.dot(pose.forward());
      if (!(depth > MIN_SUBJECT_DISTANCE)) {
        return null;
      }
      double miss = offset.minus(pose.forward().times(depth)).length();
      if (miss > FIXED_TARGET_TOLERANCE * depth) {
        return null;
      }
    }
    return point;
  }

  /** Cramer's rule for a 3×3 system; the caller has checked the determinant. */
  private static Vector3 solve(double[] matrix, double[] vector) {
    double determinant = Rotations.determinant(matrix);
    double[] solution = new double[3];
    for (int column = 0; column < 3; column++) {
      double[] replaced = matrix.clone();
      for (int row = 0; row < 3; row++) {
        replaced[row * 3 + column] = vector[row];
      }
      solution[column] = Rotations.determinant(replaced) / determinant;
    }
    return new Vector3(solution[0], solution[1], solution[2]);
  }

  private static List<Double> holdEnds(CameraPath path) {
    List<CameraKeyframe> keyframes = path.keyframes();
    List<Double> ends = new ArrayList<>();
    for (int index = 0; index + 1 < keyframes.size(); index++) {
      if (keyframes.get(index).easing() == Easing.HOLD) {
        ends.add(keyframes.get(index + 1).timeSeconds());
      }
    }
    return ends;
  }

  private static double halfTangent(double fieldOfViewDegrees) {
    return Math.tan(Math.toRadians(fieldOfViewDegrees) / 2);
  }
}
