package dev.aivid.media.bvh;

import dev.aivid.media.MediaException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Splits BVH bytes into whitespace-separated tokens without creating objects per token. Braces are tokens of their
 * own even when glued to a name (<code>JOINT Hand{</code>). Lines end at LF, CRLF or a lone CR. Single-threaded.
 */
final class BvhTokenizer {

  private static final int MAX_SHOWN_TOKEN = 40;

  private final byte[] input;
  private final int end;
  private int position;
  private int line = 1;
  private int tokenStart;
  private int tokenEnd;
  private int tokenLine = 1;

  BvhTokenizer(byte[] input, int length) {
    this.input = input;
    this.end = length;
    if (length >= 3 && (input[0] & 0xFF) == 0xEF && (input[1] & 0xFF) == 0xBB && (input[2] & 0xFF) == 0xBF) {
      position = 3;
    }
  }

  /** Moves to the next token, across lines; false at the end of input. */
  boolean next() {
    skipWhitespace(true);
    return startToken();
  }

  /** Moves to the next token only if it is on the current line; otherwise stays before the line break. */
  boolean nextOnSameLine() {
    skipWhitespace(false);
    if (position < end && isLineBreak(input[position])) {
      tokenLine = line;
      tokenStart = position;
      tokenEnd = position;
      return false;
    }
    return startToken();
  }

  /** Skips to the start of the next line; only whitespace may remain on the current one. */
  void expectEndOfLine(String after) {
    if (nextOnSameLine()) {
      throw syntax("unexpected " + shown() + " after " + after);
    }
    skipLineBreak();
  }

  /** Skips whitespace and empty lines; false if nothing but whitespace remains. */
  boolean skipBlankLines() {
    skipWhitespace(true);
    return position < end;
  }

  int bytesLeft() {
    return end - position;
  }

  boolean atEnd() {
    return position >= end;
  }

  /** Current line, 1-based. */
  int line() {
    return line;
  }

  /** Line of the current token. */
  int tokenLine() {
    return tokenLine;
  }

  /** Whether the current token equals {@code lowercaseKeyword}, ignoring ASCII case. */
  boolean is(String lowercaseKeyword) {
    int length = tokenEnd - tokenStart;
    if (length != lowercaseKeyword.length()) {
      return false;
    }
    return startsWith(lowercaseKeyword);
  }

  /** Whether the current token starts with {@code lowercasePrefix}, ignoring ASCII case. */
  boolean startsWith(String lowercasePrefix) {
    if (tokenEnd - tokenStart < lowercasePrefix.length()) {
      return false;
    }
    for (int index = 0; index < lowercasePrefix.length(); index++) {
      int value = input[tokenStart + index] & 0xFF;
      if (value >= 'A' && value <= 'Z') {
        value += 'a' - 'A';
      }
      if (value != lowercasePrefix.charAt(index)) {
        return false;
      }
    }
    return true;
  }

  int tokenLength() {
    return tokenEnd - tokenStart;
  }

  /** Drops the first {@code count} bytes of the current token, e.g. {@code Frames:} of {@code Frames:120}. */
  void dropTokenPrefix(int count) {
    tokenStart += count;
  }

  boolean isBrace(char brace) {
    return tokenEnd - tokenStart == 1 && input[tokenStart] == brace;
  }

  String text() {
    return new String(input, tokenStart, tokenEnd - tokenStart, StandardCharsets.UTF_8);
  }

  /** The current token quoted for an error message: shortened, with control and non-ASCII bytes as '?'. */
  String shown() {
    if (tokenEnd <= tokenStart) {
      return tokenEnd >= end ? "end of input" : "end of line";
    }
    var shown = new StringBuilder("'");
    int last = Math.min(tokenEnd, tokenStart + MAX_SHOWN_TOKEN);
    for (int index = tokenStart; index < last; index++) {
      int value = input[index] & 0xFF;
      shown.append(value >= 0x20 && value < 0x7F ? (char) value : '?');
    }
    if (last < tokenEnd) {
      shown.append("...");
    }
    return shown.append('\'').toString();
  }

  /** The current token as a finite number in the float range. */
  double number(String what) {
    return checkedNumber(tokenStart, tokenEnd, tokenLine, what);
  }

  /** The current token as a non-negative integer, saturating at {@link Long#MAX_VALUE} / 10. */
  long wholeNumber(String what) {
    if (tokenEnd == tokenStart) {
      throw syntax("expected " + what + ", found " + shown());
    }
    long value = 0;
    for (int index = tokenStart; index < tokenEnd; index++) {
      byte digit = input[index];
      if (digit < '0' || digit > '9') {
        throw syntax("expected " + what + " (a whole number), found " + shown());
      }
      value = Math.min(value * 10 + (digit - '0'), Long.MAX_VALUE / 10);
    }
    return value;
  }

  /**
   * Reads the numbers on the rest of the current line into {@code destination} and moves to the next line. Returns
   * how many were read; stops with {@link BvhErrorCodes#TOO_MANY_VALUES} at value {@code expected + 1}.
   */
  int readFrameLine(float[] destination, int offset, int expected) {
    int count = 0;
    while (true) {
      skipWhitespace(false);
      if (position >= end) {
        return count;
      }
      if (isLineBreak(input[position])) {
        skipLineBreak();
        return count;
      }
      int start = position;
      while (position < end && !isWhitespace(input[position])) {
        position++;
      }
      if (count == expected) {
        throw BvhErrorCodes.atLine(BvhErrorCodes.TOO_MANY_VALUES, line, "more than " + expected + " values in a frame");
      }
      destination[offset + count] = (float) checkedNumber(start, position, line, "a channel value");
      count++;
    }
  }

  MediaException syntax(String message) {
    return BvhErrorCodes.atLine(BvhErrorCodes.SYNTAX, tokenLine, message);
  }

  private double checkedNumber(int start, int stop, int numberLine, String what) {
    double value = DecimalParser.parse(input, start, stop);
    if (Double.isNaN(value)) {
      tokenStart = start;
      tokenEnd = stop;
      tokenLine = numberLine;
      if (looksNonFinite(start, stop)) {
        throw BvhErrorCodes.atLine(BvhErrorCodes.NOT_A_NUMBER, numberLine, what + " is " + shown());
      }
      throw BvhErrorCodes.atLine(BvhErrorCodes.SYNTAX, numberLine, "expected " + what + ", found " + shown());
    }
    if (Math.abs(value) > Float.MAX_VALUE) {
      throw BvhErrorCodes.atLine(BvhErrorCodes.NOT_A_NUMBER, numberLine, what + " is outside the float range");
    }
    return value;
  }

  /** NaN, inf, infinity and the MSVC spellings 1.#INF, 1.#QNAN, -1.#IND. */
  private boolean looksNonFinite(int start, int stop) {
    var lower = new String(input, start, Math.min(stop - start, 64), StandardCharsets.ISO_8859_1)
        .toLowerCase(Locale.ROOT);
    return lower.contains("nan") || lower.contains("inf") || lower.contains("#ind");
  }

  private boolean startToken() {
    tokenLine = line;
    tokenStart = position;
    if (position >= end) {
      tokenEnd = position;
      return false;
    }
    byte first = input[position];
    position++;
    if (first != '{' && first != '}') {
      while (position < end && !isWhitespace(input[position]) && input[position] != '{' && input[position] != '}') {
        position++;
      }
    }
    tokenEnd = position;
    return true;
  }

  private void skipWhitespace(boolean crossLines) {
    while (position < end) {
      byte value = input[position];
      if (isLineBreak(value)) {
        if (!crossLines) {
          return;
        }
        skipLineBreak();
      } else if (isWhitespace(value)) {
        position++;
      } else {
        return;
      }
    }
  }

  private void skipLineBreak() {
    if (position < end && input[position] == '\r') {
      position++;
      if (position < end && input[position] == '\n') {
        position++;
      }
      line++;
    } else if (position < end && input[position] == '\n') {
      position++;
      line++;
    }
  }

  private static boolean isLineBreak(byte value) {
    return value == '\n' || value == '\r';
  }

  /** Space, tab, line breaks, form feed, vertical tab and the other ASCII control bytes. */
  private static boolean isWhitespace(byte value) {
    return value >= 0 && value <= ' ';
  }
}
