package dev.aivid.media.json;

/**
 * Upper bounds for one document.
 *
 * @param maxBytes size of the encoded document
 * @param maxDepth nesting of arrays and objects; a scalar at the top level has depth 0
 * @param maxStringChars length of one string or member name, in UTF-16 chars
 * @param maxValues number of values in the whole document, counting containers and their members
 */
public record JsonLimits(int maxBytes, int maxDepth, int maxStringChars, int maxValues) {

  /** Longest number token accepted; real numbers never need more, and it keeps parsing linear. */
  public static final int MAX_NUMBER_CHARS = 64;

  public JsonLimits {
    if (maxBytes < 1 || maxDepth < 1 || maxDepth > 256 || maxStringChars < 1 || maxValues < 1) {
      throw new IllegalArgumentException(
          "limits out of range: " + maxBytes + ", " + maxDepth + ", " + maxStringChars + ", " + maxValues);
    }
  }
}
