package dev.aivid.providers.veo;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a fresh adapter on another node needs to poll, fetch or cancel: the backend, the
 * seconds asked for (Veo does not report the length) and the operation name, as {@code
 * gemini:8:models/veo-3.1-generate-001/operations/abc}.
 */
record VeoHandle(String backend, int seconds, String operationName) {
  private static final Pattern GEMINI_NAME = Pattern.compile("(models/[A-Za-z0-9._-]+/)?operations/[A-Za-z0-9._-]+");
  private static final Pattern VERTEX_NAME =
      Pattern.compile(
          "projects/[A-Za-z0-9.:-]+/locations/[a-z0-9-]+/publishers/google/models/[A-Za-z0-9._-]+/operations/[A-Za-z0-9._-]+");

  VeoHandle {
    if (!validName(backend, operationName)) {
      throw new IllegalArgumentException("not a " + backend + " operation name");
    }
  }

  /** The documented name forms; anything else is not sent back to Google as a path. */
  static boolean validName(String backend, String operationName) {
    return switch (backend) {
      case "gemini" -> GEMINI_NAME.matcher(operationName).matches();
      case "vertex" -> VERTEX_NAME.matcher(operationName).matches();
      default -> false;
    };
  }

  static Optional<VeoHandle> parse(String handle) {
    String[] parts = handle.split(":", 3);
    if (parts.length != 3 || !parts[1].matches("[0-9]{1,3}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new VeoHandle(parts[0], Integer.parseInt(parts[1]), parts[2]));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  /** Vertex polls on the model: {@code projects/…/models/m}, the name without {@code /operations/…}. */
  String vertexModelPath() {
    return operationName.substring(0, operationName.indexOf("/operations/"));
  }

  @Override
  public String toString() {
    return backend + ":" + seconds + ":" + operationName;
  }
}
