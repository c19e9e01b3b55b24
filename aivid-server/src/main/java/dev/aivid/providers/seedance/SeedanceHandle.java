package dev.aivid.providers.seedance;

import java.util.Optional;

/**
 * What a fresh adapter on another node needs to follow a render: the task id, and the seconds
 * asked for (reported as the output length when the task itself gives none). Written as {@code
 * seedance:<task id>:<seconds>}.
 */
record SeedanceHandle(String taskId, int requestedSeconds) {
  private static final String PREFIX = "seedance:";

  SeedanceHandle {
    if (!taskId.matches("[A-Za-z0-9._-]{1,200}")) {
      throw new IllegalArgumentException("not a Seedance task id");
    }
    if (requestedSeconds <= 0) {
      throw new IllegalArgumentException("requestedSeconds must be positive");
    }
  }

  String encode() {
    return PREFIX + taskId + ":" + requestedSeconds;
  }

  /** Empty for a string that is not a handle of this adapter (it then is an unknown handle). */
  static Optional<SeedanceHandle> decode(String handle) {
    if (!handle.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = handle.substring(PREFIX.length());
    int colon = rest.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SeedanceHandle(rest.substring(0, colon), Integer.parseInt(rest.substring(colon + 1))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
