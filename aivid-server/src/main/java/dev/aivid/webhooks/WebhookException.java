package dev.aivid.webhooks;

import org.jspecify.annotations.Nullable;

/** A refused webhook request; {@code field} names the culprit. */
public final class WebhookException extends RuntimeException {
  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT
  }

  private final Kind kind;
  private final String code;
  private final @Nullable String field;

  public WebhookException(Kind kind, String code, @Nullable String field, String message) {
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
