package dev.aivid.media.beats;

/**
 * Discrete Fourier transform of real input whose length is a power of two, as one complex radix-2 transform of half
 * the length (even samples as real, odd samples as imaginary parts) and a final split. Instances hold their tables and
 * scratch buffers, so they are cheap to call repeatedly but not thread-safe.
 */
final class RealFft {

  private final int half;
  private final int[] bitReversed;
  private final double[] cosines;
  private final double[] sines;
  private final double[] splitCosines;
  private final double[] splitSines;
  private final double[] real;
  private final double[] imaginary;

  RealFft(int size) {
    if (size < 4 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("size must be a power of two of at least 4, was " + size);
    }
    this.half = size / 2;
    int bits = Integer.numberOfTrailingZeros(half);
    bitReversed = new int[half];
    for (int i = 0; i < half; i++) {
      bitReversed[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
    cosines = new double[Math.max(1, half / 2)];
    sines = new double[Math.max(1, half / 2)];
    for (int k = 0; k < cosines.length; k++) {
      double angle = -2 * Math.PI * k / half;
      cosines[k] = Math.cos(angle);
      sines[k] = Math.sin(angle);
    }
    splitCosines = new double[half + 1];
    splitSines = new double[half + 1];
    for (int k = 0; k <= half; k++) {
      double angle = -2 * Math.PI * k / size;
      splitCosines[k] = Math.cos(angle);
      splitSines[k] = Math.sin(angle);
    }
    real = new double[half];
    imaginary = new double[half];
  }

  /** Bins 0..size/2 of the transform of {@code input[0..size)}. */
  void forward(double[] input, double[] outReal, double[] outImaginary) {
    for (int i = 0; i < half; i++) {
      int j = bitReversed[i];
      real[j] = input[2 * i];
      imaginary[j] = input[2 * i + 1];
    }
    transformBitReversed();
    outReal[0] = real[0] + imaginary[0];
    outImaginary[0] = 0;
    outReal[half] = real[0] - imaginary[0];
    outImaginary[half] = 0;
    for (int k = 1; k < half; k++) {
      double zr = real[k];
      double zi = imaginary[k];
      double cr = real[half - k];
      double ci = -imaginary[half - k];
      // Even part (Z[k] + conj Z[N/2-k]) / 2, odd part (Z[k] - conj Z[N/2-k]) / 2i.
      double evenReal = 0.5 * (zr + cr);
      double evenImaginary = 0.5 * (zi + ci);
      double oddReal = 0.5 * (zi - ci);
      double oddImaginary = -0.5 * (zr - cr);
      double wr = splitCosines[k];
      double wi = splitSines[k];
      outReal[k] = evenReal + wr * oddReal - wi * oddImaginary;
      outImaginary[k] = evenImaginary + wr * oddImaginary + wi * oddReal;
    }
  }

  /** |X[k]|² for bins 0..size/2. */
  void power(double[] input, double[] outPower, double[] scratchReal, double[] scratchImaginary) {
    forward(input, scratchReal, scratchImaginary);
    for (int k = 0; k <= half; k++) {
      outPower[k] = scratchReal[k] * scratchReal[k] + scratchImaginary[k] * scratchImaginary[k];
    }
  }

  private void transformBitReversed() {
    for (int length = 2; length <= half; length <<= 1) {
      int halfLength = length >> 1;
      int step = half / length;
      for (int start = 0; start < half; start += length) {
        for (int j = 0, twiddle = 0; j < halfLength; j++, twiddle += step) {
          double wr = cosines[twiddle];
          double wi = sines[twiddle];
          int a = start + j;
          int b = a + halfLength;
          double tr = wr * real[b] - wi * imaginary[b];
          double ti = wr * imaginary[b] + wi * real[b];
          real[b] = real[a] - tr;
          imaginary[b] = imaginary[a] - ti;
          real[a] += tr;
          imaginary[a] += ti;
        }
      }
    }
  }
}
