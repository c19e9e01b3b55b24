package dev.aivid.media.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A parsed JSON value. Objects keep their members in document order. */
public sealed interface JsonValue {

  /** A short name of the JSON type for error messages: object, array, string, number, boolean or null. */
  String typeName();

  /** An object; member names are unique (the reader rejects duplicates). */
  record JsonObject(Map<String, JsonValue> members) implements JsonValue {

    public JsonObject {
      members = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(members, "members")));
    }

    @Override
    public String typeName() {
      return "object";
    }
  }

  record JsonArray(List<JsonValue> elements) implements JsonValue {

    public JsonArray {
      elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
    }

    @Override
    public String typeName() {
      return "array";
    }
  }

  record JsonString(String value) implements JsonValue {

    public JsonString {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "string";
    }
  }

  /**
   * A number. {@code value} may be NaN or infinite: the reader accepts the non-standard literals {@code NaN},
   * {@code Infinity} and {@code -Infinity} (Python's json module writes them) and numbers too large for a double, so
   * that callers can reject them with their own, more specific error.
   */
  record JsonNumber(double value) implements JsonValue {

    @Override
    public String typeName() {
      return "number";
    }
  }

  record JsonBoolean(boolean value) implements JsonValue {

    @Override
    public String typeName() {
      return "boolean";
    }
  }

  record JsonNull() implements JsonValue {

    @Override
    public String typeName() {
      return "null";
    }
  }
}
