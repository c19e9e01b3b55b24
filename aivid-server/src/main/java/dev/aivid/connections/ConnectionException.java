package dev.aivid.connections;

import org.jspecify.annotations.Nullable;

/** A refused credential write or an unusable secret key; {@code field} names the culprit. */
public final class ConnectionException extends RuntimeException {
  public enum Kind {
    INVALID,
    NOT_FOUND,
    BROKEN
  }

  private final Kind kind;
  private final String code;
  private final @Nullable String field;

  public ConnectionException(Kind kind, String code, @Nullable String field, String message) {
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
