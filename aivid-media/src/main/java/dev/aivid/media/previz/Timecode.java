package dev.aivid.media.previz;

import java.util.Locale;

/** SMPTE-style non-drop timecode {@code HH:MM:SS:FF}. */
final class Timecode {

  private Timecode() {}

  static String of(int frameIndex, int framesPerSecond) {
    int totalSeconds = frameIndex / framesPerSecond;
    int frames = frameIndex % framesPerSecond;
    return String.format(Locale.ROOT, "%02d:%02d:%02d:%02d",
        totalSeconds / 3600, (totalSeconds / 60) % 60, totalSeconds % 60, frames);
  }
}
