package dev.aivid.media.stitch;

import dev.aivid.media.MediaException;
import java.util.Locale;
import java.util.regex.Pattern;

/** SMPTE non-drop-frame timecode {@code HH:MM:SS:FF} counting whole frames at an integer rate. */
public final class Timecode {

  private static final Pattern SHAPE = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d):(\\d\\d)");
  private static final int HOURS_PER_DAY = 24;

  private Timecode() {}

  /** Frame {@code frame} (0 is 00:00:00:00) at {@code framesPerSecond}, 1..99 (two frame digits). */
  public static String format(int frame, int framesPerSecond) {
    requireRate(framesPerSecond);
    if (frame < 0 || frame >= HOURS_PER_DAY * 3600L * framesPerSecond) {
      throw new IllegalArgumentException("frame must be within one day, was " + frame);
    }
    int totalSeconds = frame / framesPerSecond;
    return String.format(Locale.ROOT, "%02d:%02d:%02d:%02d",
        totalSeconds / 3600, totalSeconds / 60 % 60, totalSeconds % 60, frame % framesPerSecond);
  }

  /** The frame number of a timecode; {@link StitchErrorCodes#EDL_MALFORMED} when it is not one at this rate. */
  public static int parse(String timecode, int framesPerSecond) {
    requireRate(framesPerSecond);
    var matcher = SHAPE.matcher(timecode);
    if (!matcher.matches()) {
      throw new MediaException(StitchErrorCodes.EDL_MALFORMED, "not a HH:MM:SS:FF timecode: " + timecode);
    }
    int hours = Integer.parseInt(matcher.group(1));
    int minutes = Integer.parseInt(matcher.group(2));
    int seconds = Integer.parseInt(matcher.group(3));
    int frames = Integer.parseInt(matcher.group(4));
    if (hours >= HOURS_PER_DAY || minutes >= 60 || seconds >= 60 || frames >= framesPerSecond) {
      throw new MediaException(StitchErrorCodes.EDL_MALFORMED,
          "timecode " + timecode + " is out of range at " + framesPerSecond + " fps");
    }
    return ((hours * 60 + minutes) * 60 + seconds) * framesPerSecond + frames;
  }

  /** Whether {@code text} has the {@code HH:MM:SS:FF} shape (any two-digit fields). */
  static boolean isShaped(String text) {
    return SHAPE.matcher(text).matches();
  }

  private static void requireRate(int framesPerSecond) {
    if (framesPerSecond < 1 || framesPerSecond > 99) {
      throw new IllegalArgumentException("framesPerSecond must be within 1..99, was " + framesPerSecond);
    }
  }
}
