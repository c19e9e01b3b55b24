package dev.aivid.preview;

import org.jspecify.annotations.Nullable;

/** A preview request that cannot be served; {@code field} names the culprit. */
public final class PreviewException extends RuntimeException {
  public enum Kind {
    INVALID,
    UNPROCESSABLE,
    NOT_FOUND
  }

  private final Kind kind;
  private final String code;
  private final @Nullable String field;

  public PreviewException(Kind kind, String code, @Nullable String field, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public @Nullable String field() {
    return field;
  }
}
