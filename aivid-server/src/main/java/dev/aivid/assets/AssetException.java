package dev.aivid.assets;

import org.jspecify.annotations.Nullable;

/** An upload or asset request that cannot be served; the kind decides the HTTP status. */
public final class AssetException extends RuntimeException {
  public enum Kind {
    INVALID,
    UNPROCESSABLE,
    NOT_FOUND,
    TOO_LARGE
  }

  private final Kind kind;
  private final String code;
  private final @Nullable String parameter;

  public AssetException(Kind kind, String code, @Nullable String parameter, String message) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.parameter = parameter;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public @Nullable String parameter() {
    return parameter;
  }
}
