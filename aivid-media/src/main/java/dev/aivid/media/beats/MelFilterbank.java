package dev.aivid.media.beats;

import java.util.Arrays;

/**
 * Triangular mel filters as librosa's {@code filters.mel} defaults: Slaney's mel scale (linear below 1 kHz,
 * logarithmic above, {@code htk=False}) and Slaney area normalisation ({@code norm='slaney'}: each triangle scaled by
 * 2 / its bandwidth in Hz). Stored sparsely, as each filter covers only a few FFT bins.
 */
final class MelFilterbank {

  private static final double LINEAR_HERTZ_PER_MEL = 200.0 / 3;
  private static final double LOG_REGION_START_HERTZ = 1000.0;
  private static final double LOG_REGION_START_MEL = LOG_REGION_START_HERTZ / LINEAR_HERTZ_PER_MEL;
  private static final double LOG_STEP = Math.log(6.4) / 27.0;

  private final int bandCount;
  private final int[] firstBins;
  private final double[][] weights;

  MelFilterbank(int sampleRate, int fftSize, int bandCount, double minimumHertz, double maximumHertz) {
    if (bandCount < 1) {
      throw new IllegalArgumentException("bandCount must be positive, was " + bandCount);
    }
    this.bandCount = bandCount;
    int binCount = fftSize / 2 + 1;
    double[] binHertz = new double[binCount];
    for (int bin = 0; bin < binCount; bin++) {
      binHertz[bin] = bin * (double) sampleRate / fftSize;
    }
    // bandCount + 2 edges evenly spaced in mel between the limits.
    double minimumMel = hertzToMel(minimumHertz);
    double maximumMel = hertzToMel(maximumHertz);
    double[] edges = new double[bandCount + 2];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = melToHertz(minimumMel + (maximumMel - minimumMel) * i / (edges.length - 1));
    }
    firstBins = new int[bandCount];
    weights = new double[bandCount][];
    double[] row = new double[binCount];
    for (int band = 0; band < bandCount; band++) {
      double lowerWidth = edges[band + 1] - edges[band];
      double upperWidth = edges[band + 2] - edges[band + 1];
      double normalisation = 2.0 / (edges[band + 2] - edges[band]);
      int first = -1;
      int last = -1;
      for (int bin = 0; bin < binCount; bin++) {
        double rising = (binHertz[bin] - edges[band]) / lowerWidth;
        double falling = (edges[band + 2] - binHertz[bin]) / upperWidth;
        double weight = Math.max(0, Math.min(rising, falling));
        row[bin] = weight * normalisation;
        if (weight > 0) {
          if (first < 0) {
            first = bin;
          }
          last = bin;
        }
      }
      if (first < 0) {
        // An empty filter (too many bands for the FFT size) contributes silence, as in librosa.
        firstBins[band] = 0;
        weights[band] = new double[0];
      } else {
        firstBins[band] = first;
        weights[band] = Arrays.copyOfRange(row, first, last + 1);
      }
    }
  }

  int bandCount() {
    return bandCount;
  }

  /** Mel band energies of one power spectrum (bins 0..fftSize/2). */
  void apply(double[] powerSpectrum, double[] outBands) {
    for (int band = 0; band < bandCount; band++) {
      double[] bandWeights = weights[band];
      int offset = firstBins[band];
      double sum = 0;
      for (int i = 0; i < bandWeights.length; i++) {
        sum += bandWeights[i] * powerSpectrum[offset + i];
      }
      outBands[band] = sum;
    }
  }

  /** Weight of FFT bin {@code bin} in band {@code band}; for tests. */
  double weight(int band, int bin) {
    int index = bin - firstBins[band];
    return index < 0 || index >= weights[band].length ? 0 : weights[band][index];
  }

  static double hertzToMel(double hertz) {
    if (hertz >= LOG_REGION_START_HERTZ) {
      return LOG_REGION_START_MEL + Math.log(hertz / LOG_REGION_START_HERTZ) / LOG_STEP;
    }
    return hertz / LINEAR_HERTZ_PER_MEL;
  }

  static double melToHertz(double mel) {
    if (mel >= LOG_REGION_START_MEL) {
      return LOG_REGION_START_HERTZ * Math.exp(LOG_STEP * (mel - LOG_REGION_START_MEL));
    }
    return mel * LINEAR_HERTZ_PER_MEL;
  }
}
