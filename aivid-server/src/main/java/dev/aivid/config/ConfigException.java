package dev.aivid.config;

/** Invalid configuration found at startup; {@link #code()} is stable for scripts and docs. */
public final class ConfigException extends RuntimeException {
  private final String code;

  public ConfigException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
