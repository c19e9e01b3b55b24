package dev.aivid.media.camera;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Derived figures of a camera path rendered at a frame rate and size. Speeds are per frame step times the frame rate;
 * steps across a HOLD jump count as cuts and are left out of every figure.
 *
 * @param frameCount sampled frames, 0 .. duration inclusive
 * @param cutCount frame steps left out because a HOLD segment jumps there
 * @param translationDistanceUnits path length of the camera position
 * @param meanScreenSpeedPixelsPerSecond mean over frame steps of how fast the subject point moves on screen
 * @param peakScreenSpeedPixelsPerSecond the largest such step
 * @param totalYawDegrees Σ |Δyaw| (unwrapped; steps looking within 5° of straight up or down are skipped)
 * @param totalPitchDegrees Σ |Δpitch|
 * @param fieldOfViewChangeDegrees Σ |Δ vertical fov|
 * @param target the fixed point the camera keeps aiming at, when there is one (look_at targets or converging view axes)
 */
public record CameraMotion(
    double durationSeconds,
    double framesPerSecond,
    int frameCount,
    int cutCount,
    double translationDistanceUnits,
    double meanTranslationSpeedUnitsPerSecond,
    double peakTranslationSpeedUnitsPerSecond,
    double meanScreenSpeedPixelsPerSecond,
    double peakScreenSpeedPixelsPerSecond,
    double totalYawDegrees,
    double totalPitchDegrees,
    double fieldOfViewChangeDegrees,
    @Nullable Vector3 target,
    MoveScores scores,
    DominantMove dominantMove) {

  public CameraMotion {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(dominantMove, "dominantMove");
  }
}
