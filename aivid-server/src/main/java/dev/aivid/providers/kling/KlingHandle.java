package dev.aivid.providers.kling;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A render handle that any node can poll: {@code <kind>:<task id>:<seconds>}. The kind is the
 * legacy endpoint the task was created on ({@code text2video}, {@code image2video}, {@code
 * multi-image2video}, {@code video-extend}), which the legacy query path needs, or {@code task} for
 * the API-key API, whose one query endpoint serves every task. The seconds are what the render
 * should last, reported when Kling gives no duration.
 */
record KlingHandle(String kind, String taskId, int expectedSeconds) {
  static final String PATH_MODEL_KIND = "task";
  static final Set<String> LEGACY_KINDS =
      Set.of("text2video", "image2video", "multi-image2video", "video-extend");
  private static final Pattern TASK_ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  private static final Pattern HANDLE = Pattern.compile("([a-z0-9-]+):([^:]+)(?::(\\d{1,6}))?");

  KlingHandle {
    if (!(kind.equals(PATH_MODEL_KIND) || LEGACY_KINDS.contains(kind))) {
      throw new IllegalArgumentException("unknown Kling task kind " + kind);
    }
    if (!TASK_ID.matcher(taskId).matches()) {
      throw new IllegalArgumentException("Kling task ids are short URL-safe strings");
    }
    if (expectedSeconds < 0) {
      throw new IllegalArgumentException("expectedSeconds must not be negative");
    }
  }

  /** The handle, or null when the text is not one this adapter wrote. */
  static @Nullable KlingHandle parse(String handle) {
    Matcher matcher = HANDLE.matcher(handle);
    if (!matcher.matches()) {
      return null;
    }
    try {
      int seconds = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
      return new KlingHandle(matcher.group(1), matcher.group(2), seconds);
    } catch (IllegalArgumentException notOurs) {
      return null;
    }
  }

  boolean legacy() {
    return !kind.equals(PATH_MODEL_KIND);
  }

  /** The query path, relative to the base URL. */
  String queryPath() {
    return legacy() ? "/v1/videos/" + kind + "/" + taskId : "/tasks?task_ids=" + taskId;
  }

  String value() {
    return kind + ":" + taskId + ":" + expectedSeconds;
  }
}
