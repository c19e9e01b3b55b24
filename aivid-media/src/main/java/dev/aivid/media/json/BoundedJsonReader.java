package dev.aivid.media.json;

import dev.aivid.media.MediaException;
import dev.aivid.media.json.JsonValue.JsonArray;
import dev.aivid.media.json.JsonValue.JsonBoolean;
import dev.aivid.media.json.JsonValue.JsonNull;
import dev.aivid.media.json.JsonValue.JsonNumber;
import dev.aivid.media.json.JsonValue.JsonObject;
import dev.aivid.media.json.JsonValue.JsonString;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON document (RFC 8259) from UTF-8 bytes, strictly: no comments, no trailing commas, no duplicate member
 * names, no unpaired surrogates, nothing after the document. Two leniencies: a leading byte order mark is skipped, and
 * the literals {@code NaN}, {@code Infinity} and {@code -Infinity} are read as non-finite numbers so that callers can
 * report them precisely.
 *
 * <p>Every failure, including a breached limit, is a {@link MediaException} carrying the caller's error code and a
 * message with the line and column. Work and memory are linear in the input size; recursion is bounded by
 * {@link JsonLimits#maxDepth()}. Instances are not thread-safe; the static entry point creates one per call.
 */
public final class BoundedJsonReader {

  private final String text;
  private final JsonLimits limits;
  private final String errorCode;
  private int position;
  private int valueCount;

  private BoundedJsonReader(String text, JsonLimits limits, String errorCode) {
    this.text = text;
    this.limits = limits;
    this.errorCode = errorCode;
  }

  /** Parses {@code bytes}; every problem is a MediaException with {@code errorCode}. */
  public static JsonValue read(byte @Nullable [] bytes, JsonLimits limits, String errorCode) {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(errorCode, "errorCode");
    if (bytes == null || bytes.length == 0) {
      throw new MediaException(errorCode, "empty document");
    }
    if (bytes.length > limits.maxBytes()) {
      throw new MediaException(errorCode, "document of " + bytes.length + " bytes exceeds the limit of " + limits.maxBytes());
    }
    var reader = new BoundedJsonReader(decode(bytes, errorCode), limits, errorCode);
    return reader.document();
  }

  private static String decode(byte[] bytes, String errorCode) {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException malformed) {
      throw new MediaException(errorCode, "document is not valid UTF-8", malformed);
    }
  }

  private JsonValue document() {
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      position = 1;
    }
    skipWhitespace();
    JsonValue value = value(0);
    skipWhitespace();
    if (position < text.length()) {
      throw failure("unexpected " + describe(text.charAt(position)) + " after the document");
    }
    return value;
  }

  private JsonValue value(int depth) {
    countValue();
    if (position >= text.length()) {
      throw failure("unexpected end of document, expected a value");
    }
    char next = text.charAt(position);
    return switch (next) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> new JsonString(string());
      case 't' -> {
        consume("true");
        yield new JsonBoolean(true);
      }
      case 'f' -> {
        consume("false");
        yield new JsonBoolean(false);
      }
      case 'n' -> {
        consume("null");
        yield new JsonNull();
      }
      case 'N' -> {
        consume("NaN");
        yield new JsonNumber(Double.NaN);
      }
      case 'I' -> {
        consume("Infinity");
        yield new JsonNumber(Double.POSITIVE_INFINITY);
      }
      default -> {
        if (next == '-' || (next >= '0' && next <= '9')) {
          yield number();
        }
        throw failure("unexpected " + describe(next) + ", expected a value");
      }
    };
  }

  private JsonObject object(int depth) {
    requireDepth(depth);
    position++;
    Map<String, JsonValue> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      position++;
      return new JsonObject(members);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw failure("expected a member name in double quotes");
      }
      int nameStart = position;
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      JsonValue member = value(depth);
      if (members.putIfAbsent(name, member) != null) {
        position = nameStart;
        throw failure("duplicate member name \"" + abbreviate(name) + "\"");
      }
      skipWhitespace();
      char separator = peek();
      if (separator == ',') {
        position++;
      } else if (separator == '}') {
        position++;
        return new JsonObject(members);
      } else {
        throw failure("expected ',' or '}' in an object");
      }
    }
  }

  private JsonArray array(int depth) {
    requireDepth(depth);
    position++;
    List<JsonValue> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      position++;
      return new JsonArray(elements);
    }
    while (true) {
      skipWhitespace();
      elements.add(value(depth));
      skipWhitespace();
      char separator = peek();
      if (separator == ',') {
        position++;
      } else if (separator == ']') {
        position++;
        return new JsonArray(elements);
      } else {
        throw failure("expected ',' or ']' in an array");
      }
    }
  }

  private String string() {
    int start = position;
    position++;
    var builder = new StringBuilder();
    while (true) {
      if (position >= text.length()) {
        position = start;
        throw failure("unterminated string");
      }
      char next = text.charAt(position);
      if (next == '"') {
        position++;
        return builder.toString();
      }
      if (next < 0x20) {
        throw failure("unescaped control character " + describe(next) + " in a string");
      }
      if (next == '\\') {
        position++;
        builder.append(escape());
      } else if (Character.isHighSurrogate(next)) {
        // Strict UTF-8 decoding guarantees a well-formed pair here.
        builder.append(next).append(text.charAt(position + 1));
        position += 2;
      } else {
        builder.append(next);
        position++;
      }
      if (builder.length() > limits.maxStringChars()) {
        position = start;
        throw failure("string longer than " + limits.maxStringChars() + " characters");
      }
    }
  }

  private String escape() {
    if (position >= text.length()) {
      throw failure("unterminated escape sequence");
    }
    char kind = text.charAt(position++);
    return switch (kind) {
      case '"' -> "\"";
      case '\\' -> "\\";
      case '/' -> "/";
      case 'b' -> "\b";
      case 'f' -> "\f";
      case 'n' -> "\n";
      case 'r' -> "\r";
      case 't' -> "\t";
      case 'u' -> unicodeEscape();
      default -> {
        position--;
        throw failure("invalid escape sequence \\" + kind);
      }
    };
  }

  private String unicodeEscape() {
    char first = hexQuad();
    if (Character.isLowSurrogate(first)) {
      throw failure("unpaired surrogate in \\u escape");
    }
    if (!Character.isHighSurrogate(first)) {
      return String.valueOf(first);
    }
    if (position + 1 >= text.length() || text.charAt(position) != '\\' || text.charAt(position + 1) != 'u') {
      throw failure("unpaired surrogate in \\u escape");
    }
    position += 2;
    char second = hexQuad();
    if (!Character.isLowSurrogate(second)) {
      throw failure("unpaired surrogate in \\u escape");
    }
    return new String(new char[] {first, second});
  }

  private char hexQuad() {
    if (position + 4 > text.length()) {
      throw failure("truncated \\u escape");
    }
    int code = 0;
    for (int index = 0; index < 4; index++) {
      int digit = hexDigit(text.charAt(position));
      if (digit < 0) {
        throw failure("invalid hex digit in \\u escape");
      }
      code = code * 16 + digit;
      position++;
    }
    return (char) code;
  }

  private static int hexDigit(char character) {
    if (character >= '0' && character <= '9') {
      return character - '0';
    }
    if (character >= 'a' && character <= 'f') {
      return character - 'a' + 10;
    }
    if (character >= 'A' && character <= 'F') {
      return character - 'A' + 10;
    }
    return -1;
  }

  private JsonNumber number() {
    int start = position;
    if (peek() == '-') {
      position++;
      if (peek() == 'I') {
        consume("Infinity");
        return new JsonNumber(Double.NEGATIVE_INFINITY);
      }
    }
    char first = peek();
    if (first == '0') {
      position++;
    } else if (first >= '1' && first <= '9') {
      skipDigits();
    } else {
      throw failure("expected a digit");
    }
    if (peek() == '.') {
      position++;
      requireDigit("a digit after the decimal point");
      skipDigits();
    }
    if (peek() == 'e' || peek() == 'E') {
      position++;
      if (peek() == '+' || peek() == '-') {
        position++;
      }
      requireDigit("a digit in the exponent");
      skipDigits();
    }
    if (position - start > JsonLimits.MAX_NUMBER_CHARS) {
      position = start;
      throw failure("number longer than " + JsonLimits.MAX_NUMBER_CHARS + " characters");
    }
    return new JsonNumber(Double.parseDouble(text.substring(start, position)));
  }

  private void requireDigit(String what) {
    char next = peek();
    if (next < '0' || next > '9') {
      throw failure("expected " + what);
    }
  }

  private void skipDigits() {
    while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
      position++;
    }
  }

  private void consume(String word) {
    if (!text.startsWith(word, position)) {
      throw failure("unexpected " + describe(text.charAt(position)) + ", expected a value");
    }
    position += word.length();
  }

  private void expect(char wanted) {
    if (peek() != wanted) {
      throw failure("expected '" + wanted + "'");
    }
    position++;
  }

  /** The next char, or NUL at the end (NUL never matches anything the grammar expects). */
  private char peek() {
    return position < text.length() ? text.charAt(position) : '\0';
  }

  private void skipWhitespace() {
    while (position < text.length()) {
      char next = text.charAt(position);
      if (next != ' ' && next != '\t' && next != '\n' && next != '\r') {
        return;
      }
      position++;
    }
  }

  private void requireDepth(int depth) {
    if (depth > limits.maxDepth()) {
      throw failure("nesting deeper than " + limits.maxDepth() + " levels");
    }
  }

  private void countValue() {
    valueCount++;
    if (valueCount > limits.maxValues()) {
      throw failure("more than " + limits.maxValues() + " values");
    }
  }

  private MediaException failure(String problem) {
    int line = 1;
    int column = 1;
    int end = Math.min(position, text.length());
    for (int index = 0; index < end; index++) {
      if (text.charAt(index) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new MediaException(errorCode, problem + " at line " + line + ", column " + column);
  }

  private static String describe(char character) {
    if (character >= 0x20 && character < 0x7F) {
      return "'" + character + "'";
    }
    return String.format("U+%04X", (int) character);
  }

  private static String abbreviate(String name) {
    return name.length() <= 40 ? name : name.substring(0, 40) + "…";
  }
}
