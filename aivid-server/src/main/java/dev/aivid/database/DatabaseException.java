package dev.aivid.database;

/** The database could not be started, reached or migrated. */
public final class DatabaseException extends RuntimeException {
  private final String code;

  public DatabaseException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
