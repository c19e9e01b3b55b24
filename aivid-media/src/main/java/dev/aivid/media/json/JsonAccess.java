package dev.aivid.media.json;

import dev.aivid.media.MediaException;
import dev.aivid.media.json.JsonValue.JsonArray;
import dev.aivid.media.json.JsonValue.JsonNumber;
import dev.aivid.media.json.JsonValue.JsonObject;
import dev.aivid.media.json.JsonValue.JsonString;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Typed access to a parsed document for format readers. Each failure is a MediaException with the reader's syntax
 * error code and the JSON path of the offending value (for example {@code keyframes[2].position}). Thread-safe.
 */
public final class JsonAccess {

  private final String syntaxErrorCode;

  public JsonAccess(String syntaxErrorCode) {
    this.syntaxErrorCode = Objects.requireNonNull(syntaxErrorCode, "syntaxErrorCode");
  }

  public JsonObject object(JsonValue value, String path) {
    if (value instanceof JsonObject object) {
      return object;
    }
    throw typeMismatch(value, "an object", path);
  }

  public JsonArray array(JsonValue value, String path) {
    if (value instanceof JsonArray array) {
      return array;
    }
    throw typeMismatch(value, "an array", path);
  }

  public String string(JsonValue value, String path) {
    if (value instanceof JsonString string) {
      return string.value();
    }
    throw typeMismatch(value, "a string", path);
  }

  /** Any number, including NaN and infinities; callers that need finite values check themselves. */
  public double number(JsonValue value, String path) {
    if (value instanceof JsonNumber number) {
      return number.value();
    }
    throw typeMismatch(value, "a number", path);
  }

  public JsonValue required(JsonObject object, String name, String path) {
    JsonValue member = object.members().get(name);
    if (member == null) {
      throw new MediaException(syntaxErrorCode, join(path, name) + " is missing");
    }
    return member;
  }

  public @Nullable JsonValue optional(JsonObject object, String name) {
    return object.members().get(name);
  }

  /** Rejects members other than {@code allowed}, naming the first unknown one. */
  public void allowOnly(JsonObject object, Set<String> allowed, String path) {
    for (String name : object.members().keySet()) {
      if (!allowed.contains(name)) {
        throw new MediaException(syntaxErrorCode,
            "unknown member " + join(path, name) + "; allowed: " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  /** {@code path.name}, or just {@code name} at the top level. */
  public static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  public static String element(String path, int index) {
    return path + "[" + index + "]";
  }

  public MediaException syntax(String message) {
    return new MediaException(syntaxErrorCode, message);
  }

  private MediaException typeMismatch(JsonValue value, String expected, String path) {
    String where = path.isEmpty() ? "the document" : path;
    return new MediaException(syntaxErrorCode, where + " must be " + expected + ", was " + value.typeName());
  }
}
