package dev.aivid.storage;

public final class StorageException extends RuntimeException {
  private final String code;

  public StorageException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
