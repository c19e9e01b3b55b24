package dev.aivid.providers.runway;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a Runway render handle carries, so that any node can poll, fetch or cancel it: the create
 * endpoint, the requested seconds (Runway's task object does not report a duration) and the task
 * id. Written {@code image_to_video:5:63fd0f13-f29d-4e58-99d3-1cb9efa14a5b}.
 */
record RunwayHandle(String endpoint, int seconds, String taskId) {
  static final String IMAGE_TO_VIDEO = "image_to_video";
  static final String TEXT_TO_VIDEO = "text_to_video";

  // The id goes into a URL path, so only characters that need no escaping are accepted.
  private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

  RunwayHandle {
    if (!endpoint.equals(IMAGE_TO_VIDEO) && !endpoint.equals(TEXT_TO_VIDEO)) {
      throw new IllegalArgumentException("unknown Runway endpoint " + endpoint);
    }
    if (seconds < 1 || seconds > 60) {
      throw new IllegalArgumentException("seconds must be 1..60, got " + seconds);
    }
    if (!TASK_ID.matcher(taskId).matches()) {
      throw new IllegalArgumentException("not a Runway task id");
    }
  }

  static boolean isTaskId(String value) {
    return TASK_ID.matcher(value).matches();
  }

  static Optional<RunwayHandle> parse(String handle) {
    String[] parts = handle.split(":", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RunwayHandle(parts[0], Integer.parseInt(parts[1]), parts[2]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  String format() {
    return endpoint + ":" + seconds + ":" + taskId;
  }
}
