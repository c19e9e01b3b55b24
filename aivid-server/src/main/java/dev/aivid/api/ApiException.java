package dev.aivid.api;

import org.jspecify.annotations.Nullable;

/** A request the HTTP layer itself rejects (unparseable body, missing key, too large…). */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final @Nullable String parameter;

  public ApiException(int status, String code, @Nullable String parameter, String message) {
    super(message);
    this.status = status;
    this.code = code;
    this.parameter = parameter;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public @Nullable String parameter() {
    return parameter;
  }
}
