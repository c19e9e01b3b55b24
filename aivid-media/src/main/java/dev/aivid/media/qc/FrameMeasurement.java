package dev.aivid.media.qc;

/**
 * Statistics of one analysis frame, most of them relative to the frame before it (zero for the first frame).
 *
 * @param timeSeconds presentation time from the first frame
 * @param blackFraction share of pixels at or below the black luma level, 0..1
 * @param lumaDifference mean absolute luma difference to the previous frame, 0..1 of full scale
 * @param colourDifference mean absolute RGB difference to the previous frame, 0..255 (VBench's MAE)
 * @param structureDifference mean absolute difference of the two frames' luma after each is normalised to zero mean
 *     and unit standard deviation: motion with brightness and contrast changes (flicker) cancelled
 * @param frozen no different from the last frame that was not frozen, by freezedetect's rule
 */
record FrameMeasurement(
    double timeSeconds,
    double blackFraction,
    double lumaDifference,
    double colourDifference,
    double structureDifference,
    boolean frozen) {}
