package dev.aivid.jobs;

import org.jspecify.annotations.Nullable;

/** A video request that cannot be served; {@link Kind} decides the HTTP status in one place. */
public final class VideoException extends RuntimeException {
  public enum Kind {
    INVALID,
    NOT_FOUND,
    CONFLICT,
    GONE,
    UNAVAILABLE,
    PAYMENT_REQUIRED
  }

  private final Kind kind;
  private final String code;
  private final @Nullable String parameter;

  public VideoException(Kind kind, String code, @Nullable String parameter, String message) {
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

  public static VideoException notFound(String videoId) {
    return new VideoException(
        Kind.NOT_FOUND, "video_not_found", "video_id", "No video found with id '" + videoId + "'");
  }

  public static VideoException invalid(String parameter, String code, String message) {
    return new VideoException(Kind.INVALID, code, parameter, message);
  }
}
