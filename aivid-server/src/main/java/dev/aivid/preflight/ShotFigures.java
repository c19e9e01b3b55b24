package dev.aivid.preflight;

import org.jspecify.annotations.Nullable;

/**
 * Motion of the shot as the stack describes it, the same for every model.
 *
 * @param shotClass {@code high_motion} (a skeletal rig, or a camera faster than 300 px/s) or {@code
 *     environment}; it picks the quality score used to recommend a model
 * @param subjectPeakScreenSpeedPixelsPerSecond fastest rig root, projected as in docs/preflight.md
 *     (null without a rig)
 * @param cameraPeakScreenSpeedPixelsPerSecond fastest camera screen speed at the target size (null
 *     without a camera path)
 * @param cameraRotationDegrees total camera yaw within the shot (null without a camera path)
 */
public record ShotFigures(
    double framesPerSecond,
    String shotClass,
    @Nullable Double subjectPeakScreenSpeedPixelsPerSecond,
    @Nullable Double cameraPeakScreenSpeedPixelsPerSecond,
    @Nullable Double cameraRotationDegrees) {}
