package dev.aivid.media.qc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Compares the container's facts with the order. */
final class OrderChecks {

  static final String EXPECTED_CONTAINER = "mp4";
  static final String EXPECTED_CODEC = "h264";
  private static final String MOV_FAMILY_DEMUXER = "mov,mp4,m4a,3gp,3g2,mj2";

  private OrderChecks() {}

  /** One demuxer reads MP4 and QuickTime alike; the major brand tells them apart ("qt  " is QuickTime). */
  static String container(String demuxer, @Nullable String majorBrand) {
    if (!demuxer.equals(MOV_FAMILY_DEMUXER)) {
      return demuxer;
    }
    return majorBrand != null && majorBrand.trim().equals("qt") ? "mov" : "mp4";
  }

  static List<QcIssue> issues(
      String container, String codec, int width, int height, double framesPerSecond, double durationSeconds,
      QcOrder order) {
    List<QcIssue> issues = new ArrayList<>();
    // A remux or transcode fixes container and codec without paying a provider for another generation.
    if (!container.equals(EXPECTED_CONTAINER)) {
      issues.add(QcIssue.warning(QcIssue.WRONG_CONTAINER, "container is " + container + ", not mp4"));
    }
    if (!codec.equals(EXPECTED_CODEC)) {
      issues.add(QcIssue.warning(QcIssue.WRONG_CODEC, "video codec is " + codec + ", not h264"));
    }
    QcIssue size = sizeIssue(width, height, order);
    if (size != null) {
      issues.add(size);
    }
    Double ordered = order.framesPerSecond();
    if (ordered != null && Math.abs(framesPerSecond - ordered) > ordered * QcThresholds.FRAME_RATE_RELATIVE_TOLERANCE) {
      // Duration carries the order; another rate plays fine and a resample can match it.
      issues.add(QcIssue.warning(QcIssue.WRONG_FRAME_RATE,
          "frame rate is " + format(framesPerSecond) + " fps, ordered " + format(ordered)));
    }
    if (Math.abs(durationSeconds - order.seconds()) > order.durationToleranceSeconds()) {
      issues.add(QcIssue.error(QcIssue.WRONG_DURATION, "duration is " + format(durationSeconds) + " s, ordered "
          + format(order.seconds()) + " ± " + format(order.durationToleranceSeconds()) + " s"));
    }
    return issues;
  }

  /** The same shape at least as large only needs a downscale; another shape or less detail is not what was ordered. */
  private static @Nullable QcIssue sizeIssue(int width, int height, QcOrder order) {
    if (width == order.width() && height == order.height()) {
      return null;
    }
    String message = "size is " + width + "x" + height + ", ordered " + order.width() + "x" + order.height();
    double aspect = width / (double) height;
    double orderedAspect = order.width() / (double) order.height();
    boolean sameShape = Math.abs(aspect - orderedAspect) <= orderedAspect * QcThresholds.ASPECT_RELATIVE_TOLERANCE;
    if (sameShape && width >= order.width() && height >= order.height()) {
      return QcIssue.warning(QcIssue.WRONG_SIZE, message);
    }
    return QcIssue.error(QcIssue.WRONG_SIZE, message);
  }

  static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
