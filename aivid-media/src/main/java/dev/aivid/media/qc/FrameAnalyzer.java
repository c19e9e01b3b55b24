package dev.aivid.media.qc;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Measures a stream of small packed BGR frames in one pass, keeping only what the next frame is compared with. */
final class FrameAnalyzer {

  /** Below one luma level of spread a frame has no structure to normalise; it is a flat fill. */
  private static final double FLAT_STANDARD_DEVIATION = 1.0;

  private final int pixelCount;
  private final List<FrameMeasurement> measurements = new ArrayList<>();
  private byte @Nullable [] previousColour;
  private double @Nullable [] previousLuma;
  private double @Nullable [] previousNormalised;
  private double @Nullable [] referenceLuma;

  FrameAnalyzer(int width, int height) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("analysis size must be positive, was " + width + "x" + height);
    }
    this.pixelCount = width * height;
  }

  /** {@code bgr} holds exactly width·height·3 bytes, row after row; it is copied, so the caller may reuse it. */
  void accept(byte[] bgr, double timeSeconds) {
    if (bgr.length != pixelCount * 3) {
      throw new IllegalArgumentException("expected " + pixelCount * 3 + " bytes, got " + bgr.length);
    }
    double[] luma = luma(bgr);
    double[] normalised = normalised(luma);
    double blackFraction = blackFraction(luma);
    boolean black = blackFraction >= QcThresholds.BLACK_PICTURE_FRACTION;
    double lumaDifference = previousLuma == null ? 0 : meanAbsoluteDifference(luma, previousLuma) / 255.0;
    double colourDifference = previousColour == null ? 0 : meanAbsoluteDifference(bgr, previousColour);
    // Next to a flat frame (black, a fade, a solid flash) only brightness changed, which is flicker's business.
    double structureDifference = previousNormalised == null || normalised == null
        ? 0
        : meanAbsoluteDifference(normalised, previousNormalised);
    boolean frozen = false;
    if (black) {
      // A black still is reported as black; counting it as frozen too would describe one defect twice.
      referenceLuma = null;
    } else if (referenceLuma != null
        && meanAbsoluteDifference(luma, referenceLuma) / 255.0 <= QcThresholds.FREEZE_NOISE) {
      frozen = true;
    } else {
      referenceLuma = luma;
    }
    measurements.add(new FrameMeasurement(
        timeSeconds, blackFraction, lumaDifference, colourDifference, structureDifference, frozen));
    previousColour = bgr.clone();
    previousLuma = luma;
    previousNormalised = normalised;
  }

  List<FrameMeasurement> measurements() {
    return List.copyOf(measurements);
  }

  /** BT.601 weights on the decoded RGB, 0..255; swscale already stretched limited-range luma to full range. */
  private double[] luma(byte[] bgr) {
    var luma = new double[pixelCount];
    for (int pixel = 0, offset = 0; pixel < pixelCount; pixel++, offset += 3) {
      int blue = bgr[offset] & 0xFF;
      int green = bgr[offset + 1] & 0xFF;
      int red = bgr[offset + 2] & 0xFF;
      luma[pixel] = 0.299 * red + 0.587 * green + 0.114 * blue;
    }
    return luma;
  }

  private double blackFraction(double[] luma) {
    double level = QcThresholds.BLACK_PIXEL_LUMA * 255.0;
    int black = 0;
    for (double value : luma) {
      if (value <= level) {
        black++;
      }
    }
    return black / (double) luma.length;
  }

  /** Zero mean and unit spread, or null for a flat frame whose structure cannot be compared. */
  private static double @Nullable [] normalised(double[] luma) {
    double sum = 0;
    for (double value : luma) {
      sum += value;
    }
    double mean = sum / luma.length;
    double squares = 0;
    for (double value : luma) {
      squares += (value - mean) * (value - mean);
    }
    double deviation = Math.sqrt(squares / luma.length);
    if (deviation < FLAT_STANDARD_DEVIATION) {
      return null;
    }
    var normalised = new double[luma.length];
    for (int index = 0; index < luma.length; index++) {
      normalised[index] = (luma[index] - mean) / deviation;
    }
    return normalised;
  }

  private static double meanAbsoluteDifference(double[] first, double[] second) {
    double sum = 0;
    for (int index = 0; index < first.length; index++) {
      sum += Math.abs(first[index] - second[index]);
    }
    return sum / first.length;
  }

  private static double meanAbsoluteDifference(byte[] first, byte[] second) {
    long sum = 0;
    for (int index = 0; index < first.length; index++) {
      sum += Math.abs((first[index] & 0xFF) - (second[index] & 0xFF));
    }
    return sum / (double) first.length;
  }
}
