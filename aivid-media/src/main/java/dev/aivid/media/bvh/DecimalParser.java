package dev.aivid.media.bvh;

import java.nio.charset.StandardCharsets;

/**
 * Parses ASCII decimal numbers ({@code -12.5}, {@code .0083333}, {@code 2.36234e-013}, {@code 7.}) straight from the
 * input bytes. Up to 18 significant digits and a decimal exponent within ±22 are computed with one correctly rounded
 * multiplication or division (Clinger's fast path) without allocating; anything longer goes to
 * {@link Double#parseDouble}.
 */
final class DecimalParser {

  /** Returned for text that is not a plain decimal number, including {@code nan} and {@code inf} spellings. */
  static final double MALFORMED = Double.NaN;

  private static final int MAX_FAST_DIGITS = 18;
  private static final long MAX_EXACT_MANTISSA = 1L << 53;
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private DecimalParser() {}

  /** The value of {@code bytes[start, end)}, or {@link #MALFORMED}. Overflow gives an infinity. */
  static double parse(byte[] bytes, int start, int end) {
    int index = start;
    boolean negative = false;
    if (index < end && (bytes[index] == '-' || bytes[index] == '+')) {
      negative = bytes[index] == '-';
      index++;
    }
    long mantissa = 0;
    int significantDigits = 0;
    int decimalExponent = 0;
    boolean digitsDropped = false;
    boolean anyDigit = false;
    while (index < end && isDigit(bytes[index])) {
      anyDigit = true;
      if (significantDigits < MAX_FAST_DIGITS) {
        mantissa = mantissa * 10 + (bytes[index] - '0');
        if (mantissa != 0) {
          significantDigits++;
        }
      } else {
        digitsDropped = true;
        decimalExponent++;
      }
      index++;
    }
    if (index < end && bytes[index] == '.') {
      index++;
      while (index < end && isDigit(bytes[index])) {
        anyDigit = true;
        if (significantDigits < MAX_FAST_DIGITS) {
          mantissa = mantissa * 10 + (bytes[index] - '0');
          if (mantissa != 0) {
            significantDigits++;
          }
          decimalExponent--;
        } else {
          digitsDropped = true;
        }
        index++;
      }
    }
    if (!anyDigit) {
      return MALFORMED;
    }
    if (index < end && (bytes[index] == 'e' || bytes[index] == 'E')) {
      index++;
      boolean negativeExponent = false;
      if (index < end && (bytes[index] == '-' || bytes[index] == '+')) {
        negativeExponent = bytes[index] == '-';
        index++;
      }
      if (index == end) {
        return MALFORMED;
      }
      int exponent = 0;
      while (index < end && isDigit(bytes[index])) {
        // Saturate: 1e999999 is infinite and 1e-999999 is zero either way.
        exponent = Math.min(exponent * 10 + (bytes[index] - '0'), 100_000);
        index++;
      }
      decimalExponent += negativeExponent ? -exponent : exponent;
    }
    if (index != end) {
      return MALFORMED;
    }
    double magnitude;
    if (mantissa == 0) {
      magnitude = 0;
    } else if (digitsDropped || mantissa > MAX_EXACT_MANTISSA || Math.abs(decimalExponent) > 22) {
      magnitude = Math.abs(Double.parseDouble(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1)));
    } else if (decimalExponent >= 0) {
      magnitude = mantissa * POWERS_OF_TEN[decimalExponent];
    } else {
      magnitude = mantissa / POWERS_OF_TEN[-decimalExponent];
    }
    return negative ? -magnitude : magnitude;
  }

  private static boolean isDigit(byte value) {
    return value >= '0' && value <= '9';
  }
}
