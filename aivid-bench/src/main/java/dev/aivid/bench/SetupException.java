package dev.aivid.bench;

import org.jspecify.annotations.Nullable;

/** A benchmark could not be set up (targets not serving, database not starting): exit non-zero. */
final class SetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SetupException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
