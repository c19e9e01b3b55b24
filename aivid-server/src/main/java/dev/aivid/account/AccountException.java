package dev.aivid.account;

public final class AccountException extends RuntimeException {
  private final String code;

  public AccountException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
