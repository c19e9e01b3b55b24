package dev.aivid.media.qc;

import java.util.Objects;
import java.util.Set;

/**
 * One finding of {@link VideoQc}. {@code code} is stable and safe to show to clients; {@code severity} is
 * {@link #ERROR} (the output does not deliver the order) or {@link #WARNING} (usable, but worth a look).
 */
public record QcIssue(String code, String severity, String message) {

  public static final String ERROR = "error";
  public static final String WARNING = "warning";

  public static final String WRONG_CONTAINER = "wrong_container";
  public static final String WRONG_CODEC = "wrong_codec";
  public static final String WRONG_SIZE = "wrong_size";
  public static final String WRONG_FRAME_RATE = "wrong_frame_rate";
  public static final String WRONG_DURATION = "wrong_duration";
  public static final String BLACK_VIDEO = "black_video";
  public static final String BLACK_SEGMENT = "black_segment";
  public static final String FROZEN_VIDEO = "frozen_video";
  public static final String FROZEN_SEGMENT = "frozen_segment";
  public static final String FLICKER = "flicker";

  public static final Set<String> CODES = Set.of(
      WRONG_CONTAINER, WRONG_CODEC, WRONG_SIZE, WRONG_FRAME_RATE, WRONG_DURATION,
      BLACK_VIDEO, BLACK_SEGMENT, FROZEN_VIDEO, FROZEN_SEGMENT, FLICKER);

  public QcIssue {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    if (!severity.equals(ERROR) && !severity.equals(WARNING)) {
      throw new IllegalArgumentException("severity must be error or warning, was " + severity);
    }
  }

  static QcIssue error(String code, String message) {
    return new QcIssue(code, ERROR, message);
  }

  static QcIssue warning(String code, String message) {
    return new QcIssue(code, WARNING, message);
  }

  public boolean isError() {
    return severity.equals(ERROR);
  }
}
