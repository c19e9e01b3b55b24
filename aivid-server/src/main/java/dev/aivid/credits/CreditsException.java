package dev.aivid.credits;

/** A ledger operation that could not run at all (as opposed to a typed, expected outcome). */
public final class CreditsException extends RuntimeException {
  private final String code;

  public CreditsException(String code, String message) {
    super(message);
    this.code = code;
  }

  public CreditsException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
