package dev.aivid.stack;

import org.jspecify.annotations.Nullable;

/** A stack that cannot be accepted: always a 422 naming the entry or token at fault. */
public final class StackException extends RuntimeException {
  private final String code;
  private final @Nullable String parameter;

  public StackException(String code, @Nullable String parameter, String message) {
    super(message);
    this.code = code;
    this.parameter = parameter;
  }

  public String code() {
    return code;
  }

  public @Nullable String parameter() {
    return parameter;
  }
}
