package dev.aivid.media;

import java.util.Objects;

/** The one exception this library throws for media problems; {@link #code()} is stable and safe to expose to clients. */
public final class MediaException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public MediaException(String code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
  }

  public MediaException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public String code() {
    return code;
  }
}
