package dev.aivid.preflight;

import org.jspecify.annotations.Nullable;

/**
 * A preflight that cannot run: bad request values ({@link Kind#INVALID}, HTTP 400) or a stack whose
 * files do not fit the shot ({@link Kind#UNPROCESSABLE}, HTTP 422), always naming the field or file.
 */
public final class PreflightException extends RuntimeException {
  public enum Kind {
    INVALID,
    UNPROCESSABLE
  }

  private final Kind kind;
  private final String code;
  private final @Nullable String parameter;

  public PreflightException(Kind kind, String code, @Nullable String parameter, String message) {
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

  static PreflightException invalid(String code, String parameter, String message) {
    return new PreflightException(Kind.INVALID, code, parameter, message);
  }
}
