package dev.aivid.media.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aivid.media.MediaException;
import dev.aivid.media.json.JsonValue.JsonArray;
import dev.aivid.media.json.JsonValue.JsonBoolean;
import dev.aivid.media.json.JsonValue.JsonNull;
import dev.aivid.media.json.JsonValue.JsonNumber;
import dev.aivid.media.json.JsonValue.JsonObject;
import dev.aivid.media.json.JsonValue.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedJsonReaderTest {

  private static final JsonLimits LIMITS = new JsonLimits(10_000, 8, 100, 1_000);
  private static final String CODE = "test_syntax";

  @Test
  void readsEveryKindOfValueAndKeepsMemberOrder() {
    JsonValue value = read("""
        {"b": [1, -2.5e3, 0.125], "a": "x", "t": true, "f": false, "n": null, "e": {}, "l": []}
        """);

    JsonObject object = (JsonObject) value;
    assertThat(object.members().keySet()).containsExactly("b", "a", "t", "f", "n", "e", "l");
    assertThat(((JsonArray) object.members().get("b")).elements())
        .containsExactly(new JsonNumber(1), new JsonNumber(-2500), new JsonNumber(0.125));
    assertThat(object.members().get("a")).isEqualTo(new JsonString("x"));
    assertThat(object.members().get("t")).isEqualTo(new JsonBoolean(true));
    assertThat(object.members().get("f")).isEqualTo(new JsonBoolean(false));
    assertThat(object.members().get("n")).isEqualTo(new JsonNull());
    assertThat(object.members().get("e")).isEqualTo(new JsonObject(java.util.Map.of()));
    assertThat(object.members().get("l")).isEqualTo(new JsonArray(List.of()));
  }

  @Test
  void decodesEscapesAndSurrogatePairs() {
    assertThat(read("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83c\\udfa5\""))
        .isEqualTo(new JsonString("a\"b\\c/d\b\f\n\r\té\uD83C\uDFA5"));
    assertThat(read("\"\uD83C\uDFA5 raw\"")).isEqualTo(new JsonString("\uD83C\uDFA5 raw"));
  }

  @Test
  void readsNonFiniteLiteralsAndOverflowAsNonFiniteNumbers() {
    assertThat(((JsonNumber) read("NaN")).value()).isNaN();
    assertThat(read("Infinity")).isEqualTo(new JsonNumber(Double.POSITIVE_INFINITY));
    assertThat(read("-Infinity")).isEqualTo(new JsonNumber(Double.NEGATIVE_INFINITY));
    assertThat(read("1e999")).isEqualTo(new JsonNumber(Double.POSITIVE_INFINITY));
  }

  @Test
  void skipsALeadingByteOrderMark() {
    assertThat(read("\uFEFF [1]")).isEqualTo(new JsonArray(List.of(new JsonNumber(1))));
  }

  @Test
  void rejectsMalformedDocumentsWithTheCallersCodeAndAPosition() {
    assertFails("", "empty document");
    assertFails("[1,]", "expected a value at line 1, column 4");
    assertFails("{\"a\":1,}", "expected a member name");
    assertFails("[1 2]", "expected ',' or ']'");
    assertFails("{\"a\" 1}", "expected ':'");
    assertFails("[1]\n x", "after the document at line 2, column 2");
    assertFails("// comment\n1", "unexpected '/'");
    assertFails("01", "after the document");
    assertFails("1.", "a digit after the decimal point");
    assertFails("1e+", "a digit in the exponent");
    assertFails("+1", "unexpected '+'");
    assertFails(".5", "unexpected '.'");
    assertFails("tru", "unexpected 't'");
    assertFails("nan", "unexpected 'n'");
    assertFails("\"abc", "unterminated string");
    assertFails("\"a\tb\"", "unescaped control character U+0009");
    assertFails("\"\\x\"", "invalid escape sequence \\x");
    assertFails("\"\\u12g4\"", "invalid hex digit");
    assertFails("\"\\ud800\"", "unpaired surrogate");
    assertFails("\"\\udc00\"", "unpaired surrogate");
    assertFails("{\"a\": 1, \"a\": 2}", "duplicate member name \"a\" at line 1, column 10");
  }

  @Test
  void rejectsBytesThatAreNotUtf8() {
    assertThatThrownBy(() -> BoundedJsonReader.read(new byte[] {'"', (byte) 0xC3, '"'}, LIMITS, CODE))
        .isInstanceOfSatisfying(MediaException.class, failure -> {
          assertThat(failure.code()).isEqualTo(CODE);
          assertThat(failure.getMessage()).isEqualTo("document is not valid UTF-8");
        });
  }

  @Test
  void enforcesEveryLimit() {
    assertFails("[".repeat(9) + "]".repeat(9), "nesting deeper than 8 levels");
    assertThat(read("[".repeat(8) + "]".repeat(8))).isInstanceOf(JsonArray.class);
    assertFails("\"" + "x".repeat(101) + "\"", "string longer than 100 characters");
    assertFails("{\"" + "x".repeat(101) + "\": 1}", "string longer than 100 characters");
    assertFails("[" + "0,".repeat(1_000) + "0]", "more than 1000 values");
    assertFails("1" + "0".repeat(64), "number longer than 64 characters");
    assertFails(" ".repeat(10_001), "document of 10001 bytes exceeds the limit of 10000");
  }

  private static JsonValue read(String json) {
    return BoundedJsonReader.read(json.getBytes(StandardCharsets.UTF_8), LIMITS, CODE);
  }

  private static void assertFails(String json, String messagePart) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOfSatisfying(MediaException.class, failure -> {
          assertThat(failure.code()).isEqualTo(CODE);
          assertThat(failure.getMessage()).contains(messagePart);
        });
  }
}
