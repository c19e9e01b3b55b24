package dev.aivid.media.camera;

/**
 * How much of each move a path contains, summed over frames. All but {@code orbitDegrees} are in "frames": the share
 * of the frame the move sweeps across (pan, tilt, truck, pedestal) or the logarithmic change of scale it causes (zoom,
 * dolly; ln 2 ≈ 0.69 for a doubling).
 *
 * @param pan Σ |Δyaw| / horizontal field of view
 * @param tilt Σ |Δpitch| / vertical field of view
 * @param zoom Σ |ln(tan(vfov₁/2) / tan(vfov₂/2))|
 * @param dolly Σ |forward translation| / subject distance
 * @param truck Σ |sideways translation| / width of the frame at the subject distance
 * @param pedestal Σ |vertical translation| / height of the frame at the subject distance
 * @param orbitDegrees Σ |Δ azimuth| of the camera around the fixed target about the world vertical, 0 when there is
 *     no fixed target
 */
public record MoveScores(double pan, double tilt, double zoom, double dolly, double truck, double pedestal,
    double orbitDegrees) {}
