package dev.aivid.bench;

import org.jspecify.annotations.Nullable;

/** The benchmark could not get both targets serving; the only failure that exits non-zero. */
final class SetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SetupException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
