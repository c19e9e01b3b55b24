package dev.aivid.providers.openai;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AIVid's handle for one upstream video: {@code <requested seconds>:<video id>}, e.g. {@code
 * 8:video_68d7…}. The base URL comes from the credential, so any node's fresh adapter can use it;
 * the seconds are the fallback duration when the upstream's video object omits its own.
 */
record VideoHandle(int requestedSeconds, String videoId) {
  private static final String ID = "[A-Za-z0-9][A-Za-z0-9_.-]{0,199}";
  private static final Pattern VIDEO_ID = Pattern.compile(ID);
  private static final Pattern FORM = Pattern.compile("(?:(\\d{1,4}):)?(" + ID + ")");

  VideoHandle {
    if (requestedSeconds < 0 || !isVideoId(videoId)) {
      throw new IllegalArgumentException("not an OpenAI video id");
    }
  }

  /** A handle written by {@link #toString}, or a bare upstream video id. */
  static Optional<VideoHandle> parse(String handle) {
    Matcher matcher = FORM.matcher(handle);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    int seconds = matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1));
    return Optional.of(new VideoHandle(seconds, matcher.group(2)));
  }

  static boolean isVideoId(String id) {
    return VIDEO_ID.matcher(id).matches();
  }

  @Override
  public String toString() {
    return requestedSeconds + ":" + videoId;
  }
}
